// The one table of methods every door (IPC, HTTP, CLI) speaks. Each call is validated
// against `input` before it reaches the core; tests check every `output` against what the core returns.
import { z } from 'zod';
import { THREAD_FORMATS, type ThreadFormat } from '../model/library';
import type { ImportSummary, SearchResult, ThreadSummary, ThreadView } from '../model/library';
import {
  RELATIONS,
  STANCES,
  type Backlinks,
  type Note,
  type NoteSummary,
  type StanceEntry,
  type Trail,
  type TrailSummary,
} from '../model/notebook';

const id = z.number().int().positive();
const format = z.enum(THREAD_FORMATS as [ThreadFormat, ...ThreadFormat[]]);
const linkKind = z.enum(['quote', 'embedded']);

const threadSummary = z.object({
  id,
  title: z.string(),
  format,
  posts: z.number().int(),
  passages: z.number().int(),
  importedAt: z.string(),
}) satisfies z.ZodType<ThreadSummary>;

const threadView = z.object({
  thread: z.object({ id, title: z.string(), format, source: z.string(), url: z.string().nullable() }),
  posts: z.array(
    z.object({
      id,
      author: z.string().nullable(),
      postedAt: z.string().nullable(),
      parentId: id.nullable(),
      permalink: z.string().nullable(),
      deleted: z.boolean(),
      missingReplies: z.number().int(),
      passages: z.array(
        z.object({
          id,
          text: z.string(),
          respondsTo: z.array(
            z.object({ passageId: id, start: z.number().int(), end: z.number().int(), kind: linkKind }),
          ),
        }),
      ),
    }),
  ),
}) satisfies z.ZodType<ThreadView>;

const importSummary = z.object({
  file: z.string(),
  threadId: id,
  title: z.string(),
  format,
  posts: z.number().int(),
  passages: z.number().int(),
  newPassages: z.number().int(),
  links: z.number().int(),
  warnings: z.array(z.string()),
}) satisfies z.ZodType<ImportSummary>;

const noteTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('passage'), passageId: id }),
  z.object({ kind: z.literal('thread'), threadId: id.nullable(), threadTitle: z.string() }),
  z.object({ kind: z.literal('trail'), trailId: id }),
  z.object({ kind: z.literal('step'), trailId: id, stepId: id }),
]);

const searchResult = z.object({
  total: z.number().int(),
  hits: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('passage'),
        passageId: id,
        threadId: id,
        postId: id,
        author: z.string().nullable(),
        threadTitle: z.string(),
        snippet: z.string(),
        score: z.number(),
      }),
      z.object({
        kind: z.literal('note'),
        noteId: id,
        title: z.string(),
        target: noteTarget,
        snippet: z.string(),
        score: z.number(),
      }),
    ]),
  ),
  suggestions: z.array(z.string()),
  expandedWith: z.array(z.string()),
}) satisfies z.ZodType<SearchResult>;

export const MAX_QUERY_LENGTH = 20_000;

const relation = z.enum(RELATIONS);
const stance = z.enum(STANCES);
const confidence = z.number().int().min(0).max(100);
const span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() }).strict();
const MAX_NOTE = 1_000_000;
/** A note as Markdown (the CLI's form) or as Lexical editor state (the app's). */
const noteInput = z.union([
  z.object({ markdown: z.string().min(1).max(MAX_NOTE) }).strict(),
  z.object({ state: z.string().min(2).max(MAX_NOTE) }).strict(),
]);
const title = z.string().min(1).max(500);
const tags = z.array(z.string().min(1).max(100)).max(100);

const citedPassage = z.object({
  passageId: id,
  text: z.string(),
  author: z.string().nullable(),
  postedAt: z.string().nullable(),
  permalink: z.string().nullable(),
  threadId: id.nullable(),
  threadTitle: z.string(),
  threadSource: z.string().nullable(),
  gone: z.boolean(),
});

const trailSummary = z.object({
  id,
  title: z.string(),
  tags: z.array(z.string()),
  steps: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<TrailSummary>;

const trail = z.object({
  id,
  title: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  descriptionMarkdown: z.string().nullable(),
  canUndo: z.boolean(),
  canRedo: z.boolean(),
  steps: z.array(
    z.object({
      id,
      position: z.number().int().positive(),
      passageId: id,
      span: span.nullable(),
      relation: relation.nullable(),
      to: id.nullable(),
      stance: stance.nullable(),
      confidence: confidence.nullable(),
      noteMarkdown: z.string().nullable(),
      cited: citedPassage,
    }),
  ),
}) satisfies z.ZodType<Trail>;

const noteSummary = z.object({
  id,
  target: noteTarget,
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
}) satisfies z.ZodType<NoteSummary>;

const note = noteSummary.extend({
  state: z.string(),
  text: z.string(),
  markdown: z.string(),
  cited: citedPassage.nullable(),
}) satisfies z.ZodType<Note>;

const stanceEntry = z.object({
  passageId: id,
  stance,
  confidence: confidence.nullable(),
  trailId: id.nullable(),
  stepId: id.nullable(),
  updatedAt: z.string(),
  cited: citedPassage,
}) satisfies z.ZodType<StanceEntry>;

const backlinks = z.object({
  passageId: id,
  steps: z.array(
    z.object({
      trailId: id,
      trailTitle: z.string(),
      stepId: id,
      position: z.number().int(),
      relation: relation.nullable(),
    }),
  ),
  stances: z.array(stanceEntry),
  notes: z.array(noteSummary),
}) satisfies z.ZodType<Backlinks>;

/** What undo or redo did, or null when there was nothing to do. */
const replayed = z.object({ label: z.string().nullable() });
const done = z.object({}).strict();
const step = { trailId: id, stepId: id };

export const contract = {
  'threads.list': {
    input: z.object({}).strict(),
    output: z.array(threadSummary),
  },
  'threads.show': {
    input: z.object({ threadId: id }).strict(),
    output: threadView,
  },
  'search.query': {
    input: z
      .object({
        query: z.string().max(MAX_QUERY_LENGTH),
        limit: z.number().int().min(1).max(200).default(20),
        offset: z.number().int().min(0).max(100_000).default(0),
        /** Run the query again with close library terms when a word found little. */
        expand: z.boolean().default(true),
      })
      .strict(),
    output: searchResult,
  },
  'import.files': {
    input: z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000),
        format: z.enum(['auto', ...THREAD_FORMATS] as ['auto', ...ThreadFormat[]]).default('auto'),
        title: z.string().min(1).max(500).optional(),
      })
      .strict(),
    output: z.object({
      imported: z.array(importSummary),
      /** Files of a folder or archive that could not be imported, with the reason; the rest were. */
      failed: z.array(z.object({ file: z.string(), error: z.string() })),
    }),
  },
  'threads.delete': {
    input: z.object({ threadId: id }).strict(),
    output: z.object({ threadId: id, title: z.string(), citations: z.number().int() }),
  },
  'trails.list': { input: z.object({}).strict(), output: z.array(trailSummary) },
  'trails.show': { input: z.object({ trailId: id }).strict(), output: trail },
  'trails.create': {
    input: z.object({ title, tags: tags.default([]), description: noteInput.nullable().default(null) }).strict(),
    output: z.object({ id }),
  },
  'trails.edit': {
    input: z
      .object({
        trailId: id,
        title: title.optional(),
        tags: tags.optional(),
        description: noteInput.nullable().optional(),
      })
      .strict(),
    output: done,
  },
  'trails.addStep': {
    input: z
      .object({
        trailId: id,
        passageId: id,
        span: span.nullable().default(null),
        relation: relation.nullable().default(null),
        to: id.nullable().optional(),
        stance: stance.nullable().default(null),
        confidence: confidence.nullable().default(null),
        note: noteInput.nullable().default(null),
        position: z.number().int().positive().optional(),
      })
      .strict(),
    output: z.object({ stepId: id }),
  },
  'trails.moveStep': { input: z.object({ ...step, position: z.number().int().positive() }).strict(), output: done },
  'trails.relateStep': {
    input: z.object({ ...step, relation: relation.nullable(), to: id.optional() }).strict(),
    output: done,
  },
  'trails.setStepStance': {
    input: z.object({ ...step, stance: stance.nullable(), confidence: confidence.nullable().default(null) }).strict(),
    output: done,
  },
  'trails.setStepNote': { input: z.object({ ...step, note: noteInput.nullable() }).strict(), output: done },
  'trails.removeStep': { input: z.object(step).strict(), output: done },
  'trails.delete': { input: z.object({ trailId: id }).strict(), output: done },
  'trails.undo': { input: z.object({ trailId: id }).strict(), output: replayed },
  'trails.redo': { input: z.object({ trailId: id }).strict(), output: replayed },
  'trails.export': {
    input: z.object({ trailId: id, format: z.enum(['md', 'argdown', 'json']).default('md') }).strict(),
    output: z.object({ text: z.string() }),
  },
  'stances.set': {
    input: z
      .object({ passageId: id, stance: stance.nullable(), confidence: confidence.nullable().default(null) })
      .strict(),
    output: done,
  },
  'stances.list': {
    input: z
      .object({
        stance: stance.optional(),
        author: z.string().min(1).max(500).optional(),
        threadId: id.optional(),
        trailId: id.optional(),
        passageId: id.optional(),
      })
      .strict(),
    output: z.array(stanceEntry),
  },
  'notes.create': {
    input: z
      .object({
        target: z
          .discriminatedUnion('kind', [
            z.object({ kind: z.literal('none') }).strict(),
            z.object({ kind: z.literal('passage'), passageId: id }).strict(),
            z.object({ kind: z.literal('thread'), threadId: id }).strict(),
            z.object({ kind: z.literal('trail'), trailId: id }).strict(),
          ])
          .default({ kind: 'none' }),
        note: noteInput,
      })
      .strict(),
    output: z.object({ id }),
  },
  'notes.edit': { input: z.object({ noteId: id, note: noteInput }).strict(), output: done },
  'notes.delete': { input: z.object({ noteId: id }).strict(), output: done },
  'notes.show': { input: z.object({ noteId: id }).strict(), output: note },
  'notes.list': {
    input: z.object({ passageId: id.optional(), threadId: id.optional(), trailId: id.optional() }).strict(),
    output: z.array(noteSummary),
  },
  'passages.backlinks': { input: z.object({ passageId: id }).strict(), output: backlinks },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type In<M extends Method> = z.output<Contract[M]['input']>;
/** What a caller may send: defaults are optional. */
export type Args<M extends Method> = z.input<Contract[M]['input']>;
export type Out<M extends Method> = z.output<Contract[M]['output']>;

export function isMethod(name: unknown): name is Method {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
