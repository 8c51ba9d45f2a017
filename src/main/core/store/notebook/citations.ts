import type { CitedPassage } from '../../../../shared/model/notebook';
import type { Database } from '../sqlite';

/** A citation as stored: the passage's words and attribution when it was first cited. */
export interface CitationRow {
  id: number;
  passage_id: number | null;
  cited_passage_id: number;
  text: string;
  author: string | null;
  posted_at: string | null;
  permalink: string | null;
  thread_id: number | null;
  thread_title: string;
  thread_source: string | null;
}

type Attribution = Omit<CitationRow, 'id' | 'cited_passage_id'> & { passage_id: number };

// Live attribution wins over the snapshot: a later import may have added a permalink.
const RESOLVED = `
  SELECT c.id, c.cited_passage_id AS citedPassageId, c.passage_id AS passageId,
         coalesce(p.text, c.text) AS text,
         CASE WHEN p.id IS NULL THEN c.author ELSE po.author END AS author,
         CASE WHEN p.id IS NULL THEN c.posted_at ELSE po.posted_at END AS postedAt,
         CASE WHEN p.id IS NULL THEN c.permalink ELSE po.permalink END AS permalink,
         c.thread_id AS threadId,
         coalesce(t.title, c.thread_title) AS threadTitle,
         CASE WHEN t.id IS NULL THEN c.thread_source ELSE coalesce(t.url, t.source) END AS threadSource
  FROM citations c
  LEFT JOIN passages p ON p.id = c.passage_id
  LEFT JOIN posts po ON po.id = p.post_id
  LEFT JOIN threads t ON t.id = c.thread_id`;

/** Where a live cited passage sits in its thread, for a notebook file to rebuild it elsewhere. */
export interface CitedSource {
  passage_position: number;
  post_key: string;
  post_position: number;
  author: string | null;
  posted_at: string | null;
  permalink: string | null;
  post_title: string | null;
  thread_id: number;
  thread_title: string;
  format: string;
  source: string;
  url: string | null;
  identity: string;
}

export interface ResolvedCitation {
  id: number;
  citedPassageId: number;
  passageId: number | null;
  text: string;
  author: string | null;
  postedAt: string | null;
  permalink: string | null;
  threadId: number | null;
  threadTitle: string;
  threadSource: string | null;
}

export class CitationsStore {
  private readonly byPassageStmt;
  private readonly attributionStmt;
  private readonly insertStmt;
  private readonly resolveStmt;
  private readonly resolveTrailStmt;
  private readonly refreshStmt;
  private readonly byCitedIdStmt;
  private readonly countInThreadStmt;
  private readonly sourceStmt;

  constructor(db: Database) {
    this.byPassageStmt = db.prepare<[number], { id: number }>(`SELECT id FROM citations WHERE passage_id = ?`);
    this.attributionStmt = db.prepare<[number], Attribution>(`
      SELECT p.id AS passage_id, p.text, po.author, po.posted_at, po.permalink,
             t.id AS thread_id, t.title AS thread_title, coalesce(t.url, t.source) AS thread_source
      FROM passages p JOIN posts po ON po.id = p.post_id JOIN threads t ON t.id = p.thread_id
      WHERE p.id = ?`);
    this.insertStmt = db.prepare<Omit<CitationRow, 'id'>, void>(`
      INSERT INTO citations (passage_id, cited_passage_id, text, author, posted_at, permalink, thread_id, thread_title, thread_source)
      VALUES (@passage_id, @cited_passage_id, @text, @author, @posted_at, @permalink, @thread_id, @thread_title, @thread_source)`);
    this.resolveStmt = db.prepare<[number], ResolvedCitation>(`${RESOLVED} WHERE c.id = ?`);
    this.resolveTrailStmt = db.prepare<[number], ResolvedCitation>(
      `${RESOLVED} WHERE c.id IN (SELECT citation_id FROM trail_steps WHERE trail_id = ?)`,
    );
    this.byCitedIdStmt = db.prepare<[number], { id: number }>(
      `SELECT id FROM citations WHERE cited_passage_id = ? AND passage_id IS NULL ORDER BY id DESC LIMIT 1`,
    );
    this.countInThreadStmt = db.prepare<{ thread: number }, { n: number }>(`
      SELECT (SELECT count(*) FROM trail_steps s JOIN citations c ON c.id = s.citation_id WHERE c.thread_id = @thread)
           + (SELECT count(*) FROM stances s JOIN citations c ON c.id = s.citation_id WHERE c.thread_id = @thread)
           + (SELECT count(DISTINCT n.id) FROM notes n
              LEFT JOIN note_citations nc ON nc.note_id = n.id
              JOIN citations c ON c.id = n.citation_id OR c.id = nc.citation_id
              WHERE c.thread_id = @thread) AS n`);
    this.sourceStmt = db.prepare<[number], CitedSource>(`
      SELECT p.position AS passage_position, po.source_key AS post_key, po.position AS post_position,
             po.author, po.posted_at, po.permalink, po.title AS post_title,
             t.id AS thread_id, t.title AS thread_title, t.format, t.source, t.url, t.identity
      FROM passages p JOIN posts po ON po.id = p.post_id JOIN threads t ON t.id = p.thread_id
      WHERE p.id = ?`);
    this.refreshStmt = db.prepare<[number], void>(`
      UPDATE citations SET
        text = (SELECT p.text FROM passages p WHERE p.id = citations.passage_id),
        author = (SELECT po.author FROM passages p JOIN posts po ON po.id = p.post_id WHERE p.id = citations.passage_id),
        posted_at = (SELECT po.posted_at FROM passages p JOIN posts po ON po.id = p.post_id WHERE p.id = citations.passage_id),
        permalink = (SELECT po.permalink FROM passages p JOIN posts po ON po.id = p.post_id WHERE p.id = citations.passage_id),
        thread_title = (SELECT t.title FROM threads t WHERE t.id = citations.thread_id),
        thread_source = (SELECT coalesce(t.url, t.source) FROM threads t WHERE t.id = citations.thread_id)
      WHERE thread_id = ? AND passage_id IS NOT NULL`);
  }

  /** The citation of a live passage, made on first use; undefined when there is no such passage. */
  forPassage(passageId: number): number | undefined {
    const existing = this.byPassageStmt.get(passageId);
    if (existing) return existing.id;
    const a = this.attributionStmt.get(passageId);
    if (!a) return undefined;
    return Number(this.insertStmt.run({ ...a, cited_passage_id: passageId }).lastInsertRowid);
  }

  /** The citation of a live passage, without making one. */
  forExistingPassage(passageId: number): number | undefined {
    return this.byPassageStmt.get(passageId)?.id;
  }

  /** A citation whose passage is gone, from an exported notebook. */
  insertSnapshot(row: Omit<CitationRow, 'id' | 'passage_id' | 'thread_id'>): number {
    return Number(this.insertStmt.run({ ...row, passage_id: null, thread_id: null }).lastInsertRowid);
  }

  /** The most recent citation of a passage that is gone, by the id the user saw. */
  goneByCitedId(passageId: number): number | undefined {
    return this.byCitedIdStmt.get(passageId)?.id;
  }

  resolve(citationId: number): ResolvedCitation {
    const row = this.resolveStmt.get(citationId);
    if (!row) throw new Error(`citation ${citationId} is missing`);
    return row;
  }

  source(passageId: number): CitedSource | undefined {
    return this.sourceStmt.get(passageId);
  }

  /** Steps, ledger stances and notes citing a passage of the thread. */
  countInThread(threadId: number): number {
    return this.countInThreadStmt.get({ thread: threadId })!.n;
  }

  /** Every citation of a trail's steps at once: a long trail reads in one query, not one per step. */
  resolveTrail(trailId: number): Map<number, ResolvedCitation> {
    return new Map(this.resolveTrailStmt.all(trailId).map((c) => [c.id, c]));
  }

  /** Before a thread is deleted: the snapshots take the attribution as it is now. */
  refreshSnapshots(threadId: number): void {
    this.refreshStmt.run(threadId);
  }
}

/** What the user sees of a citation: the span's words when there is a span. */
export function citedPassage(c: ResolvedCitation, span: { start: number; end: number } | null = null): CitedPassage {
  return {
    passageId: c.passageId ?? c.citedPassageId,
    text: span ? c.text.slice(span.start, span.end) : c.text,
    author: c.author,
    postedAt: c.postedAt,
    permalink: c.permalink,
    threadId: c.passageId === null ? null : c.threadId,
    threadTitle: c.threadTitle,
    threadSource: c.threadSource,
    gone: c.passageId === null,
  };
}
