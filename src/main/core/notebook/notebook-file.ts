import { z } from 'zod';
import { RELATIONS, STANCES, type Relation, type Stance } from '../../../shared/model/notebook';
import { THREAD_FORMATS, type ThreadFormat } from '../../../shared/model/library';
import { textHash } from '../import/thread-writer';
import { noteReferences, noteText, parseNoteState, remapNoteReferences } from '../notes';
import type { NoteRow, StanceRow, StepRow, TrailRow } from '../store/notebook/rows';
import { RecordedRows } from '../store/notebook/rows';
import { normalize } from '../text/normalize';
import type { NotebookContext } from './context';
import { stepSpan } from './trails';
import { badInput, checkSpan } from './validate';

// The notebook as one JSON file: every trail, step, stance and note, and the passages and threads
// they cite (only those), so that importing it into an empty library rebuilds the notebook.
// Ids inside the file are the file's own (1, 2, 3… in order of first citation), never the
// library's, so that exporting the rebuilt library gives the same bytes.

export const NOTEBOOK_FORMAT = 'crux-notebook';
/**
 * What a note's reference to a trail the file does not hold (a deleted trail) becomes: an id no
 * library hands out. The reference keeps its title, so the note still reads right.
 */
export const TRAIL_NOT_IN_FILE = Number.MAX_SAFE_INTEGER;
export const NOTEBOOK_VERSION = 1;

const localId = z.number().int().positive();
const time = z.string().min(1).max(64);
const span = z.object({ start: z.number().int().nonnegative(), end: z.number().int().positive() }).strict();
const state = z.string().min(2);

const fileSchema = z
  .object({
    format: z.literal(NOTEBOOK_FORMAT),
    version: z.literal(NOTEBOOK_VERSION),
    threads: z.array(
      z
        .object({
          id: localId,
          title: z.string(),
          format: z.enum(THREAD_FORMATS as [ThreadFormat, ...ThreadFormat[]]),
          source: z.string(),
          url: z.string().nullable(),
          identity: z.string().min(1),
          posts: z.array(
            z
              .object({
                id: localId,
                key: z.string(),
                position: z.number().int().nonnegative(),
                author: z.string().nullable(),
                postedAt: z.string().nullable(),
                permalink: z.string().nullable(),
                title: z.string().nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    passages: z.array(
      z.union([
        z
          .object({
            id: localId,
            thread: localId,
            post: localId,
            position: z.number().int().nonnegative(),
            text: z.string().min(1),
          })
          .strict(),
        // A passage whose thread was deleted: only what the notebook kept of it.
        z
          .object({
            id: localId,
            gone: z.literal(true),
            citedAs: localId,
            text: z.string().min(1),
            author: z.string().nullable(),
            postedAt: z.string().nullable(),
            permalink: z.string().nullable(),
            threadTitle: z.string(),
            threadSource: z.string().nullable(),
          })
          .strict(),
      ]),
    ),
    trails: z.array(
      z
        .object({
          id: localId,
          uid: z.string().min(1),
          title: z.string().min(1),
          description: state.nullable(),
          tags: z.array(z.string()),
          createdAt: time,
          updatedAt: time,
          steps: z.array(
            z
              .object({
                id: localId,
                passage: localId,
                span: span.nullable(),
                relation: z.enum(RELATIONS).nullable(),
                to: localId.nullable(),
                stance: z.enum(STANCES).nullable(),
                confidence: z.number().int().min(0).max(100).nullable(),
                note: z
                  .object({ uid: z.string().min(1), state, createdAt: time, updatedAt: time })
                  .strict()
                  .nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    stances: z.array(
      z
        .object({
          passage: localId,
          stance: z.enum(STANCES),
          confidence: z.number().int().min(0).max(100).nullable(),
          updatedAt: time,
        })
        .strict(),
    ),
    notes: z.array(
      z
        .object({
          uid: z.string().min(1),
          target: z.discriminatedUnion('kind', [
            z.object({ kind: z.literal('none') }).strict(),
            z.object({ kind: z.literal('passage'), passage: localId }).strict(),
            z.object({ kind: z.literal('thread'), thread: localId.nullable(), threadTitle: z.string() }).strict(),
            z.object({ kind: z.literal('trail'), trail: localId }).strict(),
          ]),
          state,
          createdAt: time,
          updatedAt: time,
        })
        .strict(),
    ),
  })
  .strict();

export type NotebookFile = z.infer<typeof fileSchema>;
type FilePassage = NotebookFile['passages'][number];
type FileThread = NotebookFile['threads'][number];

/** The whole notebook as a file; the same notebook gives the same bytes. */
export function exportNotebookJson(ctx: NotebookContext): string {
  return JSON.stringify(notebookFile(ctx), null, 2) + '\n';
}

/**
 * One trail as a notebook file: the trail, the notes about it, and the trails its notes refer to
 * (so that the file imports on its own); not the ledger or other notes.
 */
export function exportTrailJson(ctx: NotebookContext, trailId: number): string {
  const { notebook } = ctx.stores;
  const wanted = new Set<number>();
  const pending = [trailId];
  while (pending.length > 0) {
    const id = pending.pop()!;
    if (wanted.has(id) || notebook.trails.get(id)?.deleted_at !== null) continue;
    wanted.add(id);
    const trail = notebook.trails.get(id)!;
    const states = [
      ...(trail.description_state ? [trail.description_state] : []),
      ...notebook.notes.list({ trailId: id }).map((n) => n.state),
    ];
    for (const state of states) pending.push(...noteReferences(state).trails);
  }
  return JSON.stringify(notebookFile(ctx, wanted), null, 2) + '\n';
}

function notebookFile(ctx: NotebookContext, only?: ReadonlySet<number>): NotebookFile {
  const { notebook } = ctx.stores;
  const threads: FileThread[] = [];
  const threadIds = new Map<number, FileThread>();
  const postIds = new Map<number, Map<string, number>>();
  const passages: FilePassage[] = [];
  const passageIds = new Map<number, number>();
  const trailIds = new Map<number, number>();

  const threadOf = (source: NonNullable<ReturnType<typeof notebook.citations.source>>): FileThread => {
    let thread = threadIds.get(source.thread_id);
    if (!thread) {
      thread = {
        id: threads.length + 1,
        title: source.thread_title,
        format: source.format as ThreadFormat,
        source: source.source,
        url: source.url,
        identity: source.identity,
        posts: [],
      };
      threads.push(thread);
      threadIds.set(source.thread_id, thread);
      postIds.set(thread.id, new Map());
    }
    return thread;
  };

  /** The file's id for a citation, adding the passage (and its post and thread) on first use. */
  const passageOf = (citationId: number): number => {
    const c = notebook.citations.resolve(citationId);
    const key = c.passageId === null ? -citationId : c.passageId;
    const known = passageIds.get(key);
    if (known) return known;
    const id = passages.length + 1;
    passageIds.set(key, id);
    const source = c.passageId === null ? undefined : notebook.citations.source(c.passageId);
    if (!source) {
      passages.push({
        id,
        gone: true,
        citedAs: c.citedPassageId,
        text: c.text,
        author: c.author,
        postedAt: c.postedAt,
        permalink: c.permalink,
        threadTitle: c.threadTitle,
        threadSource: c.threadSource,
      });
      return id;
    }
    const thread = threadOf(source);
    const posts = postIds.get(thread.id)!;
    let post = posts.get(source.post_key);
    if (!post) {
      post = thread.posts.length + 1;
      posts.set(source.post_key, post);
      thread.posts.push({
        id: post,
        key: source.post_key,
        position: source.post_position,
        author: source.author,
        postedAt: source.posted_at,
        permalink: source.permalink,
        title: source.post_title,
      });
    }
    passages.push({ id, thread: thread.id, post, position: source.passage_position, text: c.text });
    return id;
  };

  const livePassageOf = (passageId: number): number => {
    const citationId = notebook.citations.forExistingPassage(passageId) ?? notebook.citations.goneByCitedId(passageId);
    if (citationId === undefined) throw new Error(`a note cites passage ${passageId}, which has no citation`);
    return passageOf(citationId);
  };
  // Trails are numbered before any note is rewritten, so that a note may cite any trail.
  const trailRows = notebook.trails
    .list()
    .filter((t) => !only || only.has(t.id))
    .map((t) => notebook.trails.get(t.id)!);
  trailRows.forEach((t, i) => trailIds.set(t.id, i + 1));
  const portable = (noteState: string): string =>
    remapNoteReferences(noteState, {
      passage: livePassageOf,
      trail: (id) => trailIds.get(id) ?? TRAIL_NOT_IN_FILE,
    });

  const trails = trailRows.map((t) => {
    const steps = notebook.trails.steps(t.id);
    const stepIds = new Map(steps.map((s) => [s.id, s.position]));
    return {
      id: trailIds.get(t.id)!,
      uid: t.uid,
      title: t.title,
      description: t.description_state === null ? null : portable(t.description_state),
      tags: JSON.parse(t.tags) as string[],
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      steps: steps.map((s) => {
        const note = notebook.notes.ofStep(s.id);
        return {
          id: s.position,
          passage: passageOf(s.citation_id),
          span: stepSpan(s),
          relation: s.relation as Relation | null,
          to: s.to_step === null ? null : stepIds.get(s.to_step)!,
          stance: s.stance as Stance | null,
          confidence: s.confidence,
          note: note
            ? { uid: note.uid, state: portable(note.state), createdAt: note.created_at, updatedAt: note.updated_at }
            : null,
        };
      }),
    };
  });

  const ledger = (only ? [] : notebook.stances.ledger()).map((s) => ({
    passage: passageOf(s.citation_id),
    stance: s.stance as Stance,
    confidence: s.confidence,
    updatedAt: s.updated_at,
  }));

  const notes = notebook.notes
    .list()
    .filter((n) => n.target_kind !== 'step' && (!only || (n.trail_id !== null && only.has(n.trail_id))))
    .map((n) => ({
      uid: n.uid,
      target: noteTargetInFile(n),
      state: portable(n.state),
      createdAt: n.created_at,
      updatedAt: n.updated_at,
    }));

  function noteTargetInFile(n: NoteRow): NotebookFile['notes'][number]['target'] {
    switch (n.target_kind) {
      case 'passage':
        return { kind: 'passage', passage: passageOf(n.citation_id!) };
      case 'thread': {
        const thread = n.thread_id === null ? undefined : threadIds.get(n.thread_id);
        return { kind: 'thread', thread: thread?.id ?? null, threadTitle: n.thread_title! };
      }
      case 'trail':
        return { kind: 'trail', trail: trailIds.get(n.trail_id!)! };
      default:
        return { kind: 'none' };
    }
  }

  return { format: NOTEBOOK_FORMAT, version: NOTEBOOK_VERSION, threads, passages, trails, stances: ledger, notes };
}

export interface NotebookImported {
  trails: { added: number; alreadyThere: number };
  notes: { added: number; alreadyThere: number };
  stances: number;
  passages: { added: number; alreadyThere: number };
}

/**
 * Adds a notebook file to the library in one transaction: its threads and passages where the
 * library lacks them, then its trails, stances and notes. Trails and notes already in the library
 * (same uid) are left as they are, so importing a file twice adds nothing.
 */
export function importNotebookJson(ctx: NotebookContext, text: string, where: string): NotebookImported {
  const file = parseNotebookFile(text, where);
  const { stores } = ctx;
  const { notebook } = stores;
  const result: NotebookImported = {
    trails: { added: 0, alreadyThere: 0 },
    notes: { added: 0, alreadyThere: 0 },
    stances: 0,
    passages: { added: 0, alreadyThere: 0 },
  };
  return stores.db.transaction(() => {
    const citationOf = new Map<number, number>();
    const threadOf = new Map<number, number>();
    const postOf = new Map<string, number>();
    for (const t of file.threads) {
      const existing = stores.threads.byIdentity(t.identity, t.format);
      const threadId =
        existing?.id ??
        stores.threads.insert({
          title: t.title,
          source: t.source,
          format: t.format,
          identity: t.identity,
          content_hash: `notebook:${t.identity}`,
          imported_at: ctx.now(),
          url: t.url,
        });
      threadOf.set(t.id, threadId);
      for (const p of t.posts) {
        const postId =
          stores.posts.byKey(threadId, p.key)?.id ??
          stores.posts.insert({
            thread_id: threadId,
            source_key: p.key,
            position: p.position,
            author: p.author,
            posted_at: p.postedAt,
            permalink: p.permalink,
            title: p.title,
          });
        postOf.set(`${t.id}:${p.id}`, postId);
      }
    }
    for (const p of file.passages) {
      if ('gone' in p) {
        citationOf.set(
          p.id,
          notebook.citations.insertSnapshot({
            cited_passage_id: p.citedAs,
            text: p.text,
            author: p.author,
            posted_at: p.postedAt,
            permalink: p.permalink,
            thread_title: p.threadTitle,
            thread_source: p.threadSource,
          }),
        );
        continue;
      }
      const threadId = threadOf.get(p.thread);
      const postId = postOf.get(`${p.thread}:${p.post}`);
      if (threadId === undefined || postId === undefined) {
        throw badInput(
          `${where}: passage ${p.id} names thread ${p.thread} post ${p.post}, which the file does not hold`,
        );
      }
      const hash = textHash(normalize(p.text));
      let passageId = stores.passages.idByHash(threadId, hash);
      if (passageId === undefined) {
        passageId = stores.passages.insert({
          thread_id: threadId,
          post_id: postId,
          position: p.position,
          text: p.text,
          text_hash: hash,
        });
        result.passages.added++;
      } else result.passages.alreadyThere++;
      citationOf.set(p.id, notebook.citations.forPassage(passageId)!);
    }

    const citation = (id: number, at: string): number => {
      const found = citationOf.get(id);
      if (found === undefined) throw badInput(`${where}: ${at} cites passage ${id}, which the file does not hold`);
      return found;
    };
    const trailIdOf = new Map<number, number>();
    const rows = new RecordedRows(notebook.rows);
    // Trail ids first, so that any note may refer to any trail of the file.
    const newTrails = file.trails.filter((t) => {
      const existing = notebook.trails.byUid(t.uid);
      if (existing) {
        trailIdOf.set(t.id, existing.id);
        result.trails.alreadyThere++;
        return false;
      }
      trailIdOf.set(
        t.id,
        rows.insert<TrailRow>('trails', {
          uid: t.uid,
          title: t.title,
          description_state: null,
          tags: JSON.stringify(t.tags),
          created_at: t.createdAt,
          updated_at: t.updatedAt,
          deleted_at: null,
        }),
      );
      result.trails.added++;
      return true;
    });
    const local = (noteState: string, at: string): { state: string; text: string; citations: number[] } => {
      const parsed = parseNoteState(noteState, `${where}: ${at}`);
      const refs = noteReferences(parsed);
      const citations = refs.passages.map((r) => citation(r.passageId, at));
      for (const t of refs.trails) {
        if (!trailIdOf.has(t) && t !== TRAIL_NOT_IN_FILE) {
          throw badInput(`${where}: ${at} refers to trail ${t}, which the file does not hold`);
        }
      }
      const remapped = remapNoteReferences(parsed, {
        passage: (id) => {
          const c = notebook.citations.resolve(citation(id, at));
          return c.passageId ?? c.citedPassageId;
        },
        trail: (id) => trailIdOf.get(id) ?? TRAIL_NOT_IN_FILE,
      });
      return { state: remapped, text: noteText(remapped), citations: [...new Set(citations)] };
    };
    const addNote = (row: Omit<NoteRow, 'id' | 'state' | 'text'>, noteState: string, at: string): void => {
      if (notebook.notes.byUid(row.uid)) {
        result.notes.alreadyThere++;
        return;
      }
      const content = local(noteState, at);
      const noteId = rows.insert<NoteRow>('notes', { ...row, state: content.state, text: content.text });
      for (const c of content.citations) rows.insert('note_citations', { note_id: noteId, citation_id: c });
      result.notes.added++;
    };

    for (const t of newTrails) {
      const trailId = trailIdOf.get(t.id)!;
      if (t.description)
        rows.update<TrailRow>('trails', trailId, {
          description_state: local(t.description, `trail ${t.id}'s description`).state,
        });
      const stepIdOf = new Map<number, number>();
      t.steps.forEach((s, i) => {
        const at = `trail ${t.id} step ${s.id}`;
        const citationId = citation(s.passage, at);
        checkSpan(s.span, notebook.citations.resolve(citationId).text, s.passage);
        if (s.to !== null && !stepIdOf.has(s.to))
          throw badInput(`${where}: ${at} answers step ${s.to}, which does not come before it`);
        const stepId = rows.insert<StepRow>('trail_steps', {
          trail_id: trailId,
          position: i + 1,
          citation_id: citationId,
          span_start: s.span?.start ?? null,
          span_end: s.span?.end ?? null,
          relation: s.relation,
          to_step: s.to === null ? null : stepIdOf.get(s.to)!,
          stance: s.stance,
          confidence: s.confidence,
        });
        stepIdOf.set(s.id, stepId);
        if (s.note) {
          addNote(
            {
              uid: s.note.uid,
              target_kind: 'step',
              citation_id: null,
              thread_id: null,
              thread_title: null,
              trail_id: trailId,
              step_id: stepId,
              created_at: s.note.createdAt,
              updated_at: s.note.updatedAt,
            },
            s.note.state,
            `${at}'s note`,
          );
        }
      });
    }
    for (const s of file.stances) {
      const citationId = citation(s.passage, 'a stance');
      const existing = notebook.stances.ofCitation(citationId);
      if (existing && existing.updated_at >= s.updatedAt) continue;
      const row = { citation_id: citationId, stance: s.stance, confidence: s.confidence, updated_at: s.updatedAt };
      if (existing) rows.update<StanceRow>('stances', existing.id, row);
      else rows.insert<StanceRow>('stances', row);
      result.stances++;
    }
    file.notes.forEach((n, i) => {
      const at = `note ${i + 1}`;
      const base = {
        uid: n.uid,
        citation_id: null,
        thread_id: null,
        thread_title: null,
        trail_id: null,
        step_id: null,
        created_at: n.createdAt,
        updated_at: n.updatedAt,
      };
      switch (n.target.kind) {
        case 'passage':
          return addNote({ ...base, target_kind: 'passage', citation_id: citation(n.target.passage, at) }, n.state, at);
        case 'thread': {
          const threadId = n.target.thread === null ? undefined : threadOf.get(n.target.thread);
          if (n.target.thread !== null && threadId === undefined)
            throw badInput(`${where}: ${at} is about thread ${n.target.thread}, which the file does not hold`);
          return addNote(
            { ...base, target_kind: 'thread', thread_id: threadId ?? null, thread_title: n.target.threadTitle },
            n.state,
            at,
          );
        }
        case 'trail': {
          const trailId = trailIdOf.get(n.target.trail);
          if (trailId === undefined)
            throw badInput(`${where}: ${at} is about trail ${n.target.trail}, which the file does not hold`);
          return addNote({ ...base, target_kind: 'trail', trail_id: trailId }, n.state, at);
        }
        default:
          return addNote({ ...base, target_kind: 'none' }, n.state, at);
      }
    });
    return result;
  })();
}

function parseNotebookFile(text: string, where: string): NotebookFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw badInput(`${where}: not JSON (${(e as Error).message})`);
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== NOTEBOOK_FORMAT) {
    throw badInput(`${where}: not a Crux notebook file (it has no "format": "${NOTEBOOK_FORMAT}")`);
  }
  const version = (json as { version?: unknown }).version;
  if (typeof version === 'number' && version > NOTEBOOK_VERSION) {
    throw badInput(
      `${where}: written by a newer Crux (notebook version ${version}; this Crux reads ${NOTEBOOK_VERSION})`,
    );
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(`${where}: ${issue.path.length ? `at ${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  const ids = (items: { id: number }[], what: string): void => {
    const seen = new Set<number>();
    for (const item of items) {
      if (seen.has(item.id)) throw badInput(`${where}: two ${what} have id ${item.id}`);
      seen.add(item.id);
    }
  };
  ids(parsed.data.threads, 'threads');
  ids(parsed.data.passages, 'passages');
  ids(parsed.data.trails, 'trails');
  for (const t of parsed.data.threads) ids(t.posts, `posts of thread ${t.id}`);
  for (const t of parsed.data.trails) ids(t.steps, `steps of trail ${t.id}`);
  return parsed.data;
}
