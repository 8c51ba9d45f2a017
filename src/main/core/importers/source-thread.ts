// What a structured source (a forum's JSON, a Reddit or Hacker News thread, a mailbox, a saved
// page) yields once parsed: threads and their posts, in reading order. Parsers are pure: decoded
// text in, these events out; storing them is the import pipeline's job.

export type ForumFormat = 'discourse' | 'reddit' | 'hackernews' | 'mail' | 'html';

export type SourceBlock =
  | { kind: 'paragraph'; text: string }
  /** Marked as a quotation by the source: a blockquote, a `>` line, a `[quote]`. */
  | { kind: 'quote'; text: string; fromAuthor?: string; fromPostKey?: string };

export interface SourceThread {
  /**
   * Stable across exports of the same thread, from the source's own ids: `discourse:<host>:<topic id>`,
   * `reddit:<link id>`, `hn:<root item id>`, `mail:<list>:<root Message-ID>`, `html:<host>:<page id>`.
   */
  identity: string;
  title: string;
  /** The title is a stand-in ("Reddit thread 31owr1"): a later import that knows the real one replaces it. */
  provisionalTitle?: boolean;
  url: string | null;
  format: ForumFormat;
}

export interface SourcePost {
  /** The post's id at its source, unique within the thread (a Discourse post number, a Reddit t1_ id, a Message-ID). */
  key: string;
  /** The id of the post it replies to, even when that post is not in this file. */
  parentKey: string | null;
  author: string | null;
  /** ISO 8601 with offset or Z; null when the source gives no time. */
  postedAt: string | null;
  permalink: string | null;
  /** A subject line, where posts have their own (mail). */
  title?: string | null;
  /** Deleted or removed at the source: keeps its place in the tree, without passages. */
  deleted?: boolean;
  /** Replies the source knows of but left out ("load more comments", "continue this thread"). */
  missingReplies?: number;
  blocks: SourceBlock[];
}

/** A `thread` event says which thread the posts after it belong to, until the next one. */
export type SourceEvent =
  { kind: 'thread'; thread: SourceThread } | { kind: 'post'; post: SourcePost } | { kind: 'warning'; message: string };

export interface ParseInput {
  /** For messages and for sources that name the file (a Maildir message, a page). */
  file: string;
  /** The decoded text in chunks, for parsers that stream (large JSON dumps, mailboxes). */
  chunks(): AsyncIterable<string>;
  /** The whole decoded text, for sources that are small or need it all (one saved page). */
  text(): Promise<string>;
}

export interface ForumParser {
  readonly format: ForumFormat;
  /** Whether a file with this name and opening text (first 64 KB, decoded) is in this parser's format. */
  sniff(file: string, head: string): boolean;
  /**
   * Threads and posts in reading order. Throws a plain Error with a message a user understands
   * ("not a Discourse topic: no post_stream") for input of the wrong shape; the pipeline adds the file name.
   */
  parse(input: ParseInput): AsyncIterable<SourceEvent>;
}
