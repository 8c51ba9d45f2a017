import type { CitedPassage, Relation, Span, Stance } from '../../../shared/model/notebook';

/**
 * A trail as the exporters see it: everything resolved (cited text, attribution, notes already
 * converted to Markdown with passage references written out as quotes), so that each exporter is a
 * pure function from this to text.
 */
export interface ExportedTrail {
  id: number;
  title: string;
  /** Markdown converted from the description's Lexical state; null when there is none. */
  descriptionMarkdown: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  steps: ExportedStep[];
}

export interface ExportedStep {
  id: number;
  /** 1-based place in the trail. */
  position: number;
  /** Null for a step that answers nothing (the first). */
  relation: Relation | null;
  /** The position of the step this one answers. */
  toPosition: number | null;
  stance: Stance | null;
  confidence: number | null;
  span: Span | null;
  /** The cited words (the span's text when there is a span) and where they come from. */
  cited: CitedPassage;
  /** Markdown converted from the note's Lexical state, references written out as quotes; null when none. */
  noteMarkdown: string | null;
}

/** A note that belongs to no step, for the notebook export. */
export interface ExportedNote {
  id: number;
  title: string;
  /** What the note is about, in words ("passage 12 by alice in …", "thread …"), null for a free note. */
  about: string | null;
  createdAt: string;
  updatedAt: string;
  markdown: string;
}
