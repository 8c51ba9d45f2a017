// The user's own layer over the library: argument trails, stances and notes.
// JSON-safe like library.ts: ISO strings for times, arrays for collections.

/** How a step answers the step it points to. A fixed vocabulary, kept as data. */
export const RELATIONS = ['supports', 'rebuts', 'clarifies', 'concedes', 'asks', 'answers', 'quotes'] as const;
export type Relation = (typeof RELATIONS)[number];

export const STANCES = ['agree', 'disagree', 'partly', 'unsure'] as const;
export type Stance = (typeof STANCES)[number];

/** Character offsets into a passage's text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * What a step, stance or note cites, as the user last saw it. The text and attribution are kept
 * when the thread is deleted (`gone`), so a trail never loses what it quoted.
 */
export interface CitedPassage {
  /** The passage's id when it was cited; it no longer names a passage once `gone`. */
  passageId: number;
  /** The cited words: the span when there is one, else the whole passage. */
  text: string;
  author: string | null;
  postedAt: string | null;
  /** The post's address at its source, where known. */
  permalink: string | null;
  threadId: number | null;
  threadTitle: string;
  /** The thread's address at its source, else the file it was imported from. */
  threadSource: string | null;
  gone: boolean;
}

export interface TrailStep {
  id: number;
  /** 1-based place in the trail. */
  position: number;
  passageId: number;
  span: Span | null;
  /** Null only for a first step, which answers nothing. */
  relation: Relation | null;
  /** The step this one answers (default: the one before it). */
  to: number | null;
  stance: Stance | null;
  confidence: number | null;
  /** The note as Markdown (passage references as [[passage:ID]]), null when there is none. */
  noteMarkdown: string | null;
  cited: CitedPassage;
}

export interface TrailSummary {
  id: number;
  title: string;
  tags: string[];
  steps: number;
  createdAt: string;
  updatedAt: string;
}

export interface Trail extends Omit<TrailSummary, 'steps'> {
  /** Rich text as Markdown, null when there is none. */
  descriptionMarkdown: string | null;
  steps: TrailStep[];
  canUndo: boolean;
  canRedo: boolean;
}

/** What a note is about. */
export type NoteTarget =
  | { kind: 'none' }
  | { kind: 'passage'; passageId: number }
  /** `threadId` is null once the thread is deleted; the title stays. */
  | { kind: 'thread'; threadId: number | null; threadTitle: string }
  | { kind: 'trail'; trailId: number }
  | { kind: 'step'; trailId: number; stepId: number };

export interface NoteSummary {
  id: number;
  target: NoteTarget;
  /** The first line of the note's plain text. */
  title: string;
  createdAt: string;
  updatedAt: string;
}

export interface Note extends NoteSummary {
  /** The Lexical editor state, serialised. */
  state: string;
  text: string;
  markdown: string;
  /** For a note on a passage: what it cites, kept when the thread is deleted. */
  cited: CitedPassage | null;
}

/** One stance the user took on a passage: in the ledger, or on a trail's step. */
export interface StanceEntry {
  passageId: number;
  stance: Stance;
  confidence: number | null;
  /** Null for the ledger; else the step that carries it. */
  trailId: number | null;
  stepId: number | null;
  updatedAt: string;
  cited: CitedPassage;
}

/** Everything that cites one passage. */
export interface Backlinks {
  passageId: number;
  steps: { trailId: number; trailTitle: string; stepId: number; position: number; relation: Relation | null }[];
  stances: StanceEntry[];
  notes: NoteSummary[];
}
