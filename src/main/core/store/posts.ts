import type { Database } from './sqlite';

export interface PostRow {
  id: number;
  thread_id: number;
  source_key: string;
  position: number;
  author: string | null;
  posted_at: string | null;
  parent_id: number | null;
  permalink: string | null;
  parent_key: string | null;
  title: string | null;
  deleted: number;
  missing_children: number;
  content_hash: string | null;
}

export type NewPost = Pick<PostRow, 'thread_id' | 'source_key' | 'position'> &
  Partial<Omit<PostRow, 'id' | 'thread_id' | 'source_key' | 'position'>>;

export type PostDetails = Pick<
  PostRow,
  | 'author'
  | 'posted_at'
  | 'parent_id'
  | 'permalink'
  | 'parent_key'
  | 'title'
  | 'deleted'
  | 'missing_children'
  | 'content_hash'
>;

type PostValues = [
  number,
  string,
  number,
  string | null,
  string | null,
  number | null,
  string | null,
  string | null,
  string | null,
  number,
  number,
  string | null,
];

function postValues(p: NewPost): PostValues {
  return [
    p.thread_id,
    p.source_key,
    p.position,
    p.author ?? null,
    p.posted_at ?? null,
    p.parent_id ?? null,
    p.permalink ?? null,
    p.parent_key ?? null,
    p.title ?? null,
    p.deleted ?? 0,
    p.missing_children ?? 0,
    p.content_hash ?? null,
  ];
}

export class PostsStore {
  private readonly insertStmt;
  private readonly insertNewStmt;
  private readonly updateStmt;
  private readonly adoptStmt;
  private readonly byKeyStmt;
  private readonly ofThreadStmt;
  private readonly countStmt;
  private readonly maxPositionStmt;

  constructor(db: Database) {
    // Positional parameters: binding by name costs a property lookup per column, per post.
    const insert = `INSERT INTO posts (thread_id, source_key, position, author, posted_at, parent_id, permalink, parent_key,
                                       title, deleted, missing_children, content_hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
    this.insertStmt = db.prepare<PostValues, void>(insert);
    this.insertNewStmt = db.prepare<PostValues, void>(`${insert} ON CONFLICT (thread_id, source_key) DO NOTHING`);
    this.updateStmt = db.prepare<[PostDetails & { id: number }], void>(
      `UPDATE posts SET author = @author, posted_at = @posted_at, parent_id = coalesce(@parent_id, parent_id),
              permalink = coalesce(@permalink, permalink), parent_key = coalesce(@parent_key, parent_key), title = @title, deleted = @deleted,
              missing_children = @missing_children, content_hash = @content_hash
        WHERE id = @id`,
    );
    this.adoptStmt = db.prepare<[number, number, string], void>(
      `UPDATE posts SET parent_id = ? WHERE thread_id = ? AND parent_key = ? AND parent_id IS NULL`,
    );
    this.byKeyStmt = db.prepare<[number, string], PostRow>(
      `SELECT * FROM posts WHERE thread_id = ? AND source_key = ?`,
    );
    this.ofThreadStmt = db.prepare<[number], PostRow>(`SELECT * FROM posts WHERE thread_id = ? ORDER BY position, id`);
    this.countStmt = db.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM posts WHERE thread_id = ?`);
    this.maxPositionStmt = db.prepare<[number], { p: number | null }>(
      `SELECT max(position) AS p FROM posts WHERE thread_id = ?`,
    );
  }

  insert(p: NewPost): number {
    return Number(this.insertStmt.run(...postValues(p)).lastInsertRowid);
  }

  /** Inserts the post unless its thread has one with this source key already; returns its id if it did. */
  insertNew(threadId: number, sourceKey: string, position: number, d: PostDetails): number | undefined {
    const result = this.insertNewStmt.run(
      threadId,
      sourceKey,
      position,
      d.author,
      d.posted_at,
      d.parent_id,
      d.permalink,
      d.parent_key,
      d.title,
      d.deleted,
      d.missing_children,
      d.content_hash,
    );
    return result.changes === 0 ? undefined : Number(result.lastInsertRowid);
  }

  /**
   * Records what a newer export says of a post. A parent or permalink already known is never
   * forgotten because a thinner export (an RSS feed, a saved page) does not say it.
   */
  update(id: number, details: PostDetails): void {
    this.updateStmt.run({ ...details, id });
  }

  /** Links the replies that named this post as their parent before it was in the library. */
  adoptReplies(threadId: number, parentId: number, parentKey: string): void {
    this.adoptStmt.run(parentId, threadId, parentKey);
  }

  byKey(threadId: number, sourceKey: string): PostRow | undefined {
    return this.byKeyStmt.get(threadId, sourceKey);
  }

  ofThread(threadId: number): PostRow[] {
    return this.ofThreadStmt.all(threadId);
  }

  count(threadId: number): number {
    return this.countStmt.get(threadId)!.n;
  }

  nextPosition(threadId: number): number {
    return (this.maxPositionStmt.get(threadId)!.p ?? -1) + 1;
  }
}
