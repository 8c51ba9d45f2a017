// The one table of methods every door (IPC, HTTP, CLI) speaks. Each call is validated
// against `input` before it reaches the core; tests check every `output` against what the core returns.
import { z } from 'zod';
import { THREAD_FORMATS, type ThreadFormat } from '../model/library';
import type { ImportSummary, SearchResult, ThreadSummary, ThreadView } from '../model/library';

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
