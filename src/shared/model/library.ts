import type { NoteTarget } from './notebook';

// Model types shared by the core, the three doors and the renderer.
// Everything here is JSON-safe: ISO strings for times, arrays for collections.

/** Formats whose threads come from a flat paste; the rest carry posts, authors and a reply tree. */
export type TextFormat = 'text' | 'markdown';
export type ForumFormat = 'discourse' | 'reddit' | 'hackernews' | 'mail' | 'html';
export type ThreadFormat = TextFormat | ForumFormat;
export const THREAD_FORMATS: readonly ThreadFormat[] = [
  'text',
  'markdown',
  'discourse',
  'reddit',
  'hackernews',
  'mail',
  'html',
];

export type LinkKind = 'quote' | 'embedded';

export interface ThreadSummary {
  id: number;
  title: string;
  format: ThreadFormat;
  posts: number;
  passages: number;
  importedAt: string;
}

export interface ThreadInfo {
  id: number;
  title: string;
  format: ThreadFormat;
  source: string;
  /** The thread's address at its source, where known. */
  url: string | null;
}

/** A passage answers `passageId`; `start`/`end` are character offsets into that passage's text. */
export interface RespondsTo {
  passageId: number;
  start: number;
  end: number;
  kind: LinkKind;
}

export interface PassageView {
  id: number;
  text: string;
  respondsTo: RespondsTo[];
}

export interface PostView {
  id: number;
  author: string | null;
  postedAt: string | null;
  parentId: number | null;
  /** The post's address at its source, for citations, where the source gives enough to build one. */
  permalink: string | null;
  /** Removed at the source: keeps its place in the tree, without passages. */
  deleted: boolean;
  /** Replies the source knew of but the export left out. */
  missingReplies: number;
  passages: PassageView[];
}

export interface ThreadView {
  thread: ThreadInfo;
  posts: PostView[];
}

export interface ImportSummary {
  /** The file this thread came from. */
  file: string;
  threadId: number;
  title: string;
  format: ThreadFormat;
  posts: number;
  passages: number;
  newPassages: number;
  links: number;
  warnings: string[];
}

export interface ImportProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  passagesDone: number;
}

/** A search finds passages and the user's notes; `kind` says which. */
export type SearchHit = PassageHit | NoteHit;

export interface PassageHit {
  kind: 'passage';
  passageId: number;
  threadId: number;
  postId: number;
  author: string | null;
  threadTitle: string;
  /** Passage text around the matches; matched terms are wrapped in MATCH_START / MATCH_END. */
  snippet: string;
  score: number;
}

export interface NoteHit {
  kind: 'note';
  noteId: number;
  /** The first line of the note. */
  title: string;
  target: NoteTarget;
  /** Note text around the matches, marked like a passage's snippet. */
  snippet: string;
  score: number;
}

export interface SearchResult<Hit extends SearchHit = SearchHit> {
  /** Passages and notes that match; the notes come first. */
  total: number;
  hits: Hit[];
  /** Library terms close to query words that found little; `expandedWith` lists those the search used. */
  suggestions: string[];
  expandedWith: string[];
}

/** Snippet match markers: private-use characters, so no imported text can forge them. */
export const MATCH_START = '\uE000';
export const MATCH_END = '\uE001';
