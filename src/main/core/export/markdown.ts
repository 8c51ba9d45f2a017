// A trail as one Markdown file, for Obsidian, Logseq, GitHub and Pandoc alike:
//
//   ---                                  YAML frontmatter: title, created, updated, tags, sources
//   # Title                              the one h1
//   description                          the user's Markdown, contained (see containMarkdown)
//   ## 2. Rebuts step 1                  one h2 per step: position, relation, the step it answers
//   > cited words                        the passage as a blockquote, escaped to read literally
//   — author · [thread](url) · date · [permalink](url)
//   **Stance:** ✗ disagree (80 %)
//   note                                 the user's Markdown, contained; its headings start at h3
//
// Text from imported threads goes through escape.ts; the user's own Markdown is kept as written
// but can neither swallow the next step nor add headings at the steps' level.
import type { Relation, Stance } from '../../../shared/model/notebook';
import type { ExportedStep, ExportedTrail } from './document';
import {
  containMarkdown,
  escapeMarkdownLine,
  markdownLink,
  markdownLinkDestination,
  markdownQuote,
  safeHttpUrl,
  sourceFileName,
  yamlString,
} from './escape';

/** A step's heading says how it answers the step it points to: `## 3. Rebuts step 2`. */
export const RELATION_LABELS: Record<Relation, string> = {
  supports: 'Supports',
  rebuts: 'Rebuts',
  clarifies: 'Clarifies',
  concedes: 'Concedes',
  asks: 'Asks about',
  answers: 'Answers',
  quotes: 'Quotes',
};

/** Markers that read as plain text too: ✓ agree, ✗ disagree, ◐ partly, ? unsure. */
export const STANCE_MARKERS: Record<Stance, string> = {
  agree: '✓',
  disagree: '✗',
  partly: '◐',
  unsure: '?',
};

/** Headings in the user's Markdown go down this many levels: h1 → h3, below the steps' h2. */
export const NOTE_HEADING_SHIFT = 2;

export function trailToMarkdown(trail: ExportedTrail): string {
  const parts: string[] = [frontmatter(trail), `# ${escapeMarkdownLine(trail.title) || 'Untitled trail'}`];
  const description = trail.descriptionMarkdown ? containMarkdown(trail.descriptionMarkdown, NOTE_HEADING_SHIFT) : '';
  if (description) parts.push(description);
  // Most steps share their thread and one of a few authors: their Markdown is made once.
  const cache = new Map<string, string>();
  for (const step of trail.steps) parts.push(stepMarkdown(step, cache));
  return parts.join('\n\n') + '\n';
}

/** A thread a trail cites, for the frontmatter's `sources`. */
export interface CitedSource {
  title: string;
  /** The thread's http(s) address. */
  url?: string;
  /** Else the name of the file it was imported from (never the folders above it). */
  file?: string;
}

/** The threads the steps cite, each once, in order of first citation. */
export function citedSources(trail: ExportedTrail): CitedSource[] {
  const seen = new Set<string>();
  const out: CitedSource[] = [];
  for (const { cited } of trail.steps) {
    const key =
      cited.threadId !== null ? `id:${cited.threadId}` : `t:${cited.threadTitle}\u0000${cited.threadSource ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const source: CitedSource = { title: cited.threadTitle };
    const url = safeHttpUrl(cited.threadSource);
    const file = sourceFileName(cited.threadSource);
    if (url) source.url = url;
    else if (file) source.file = file;
    out.push(source);
  }
  return out;
}

/**
 * Every value is a double-quoted YAML string on one line, so no title, tag or thread name (with
 * `:`, `#`, quotes, `---` or line breaks) can end the block or change its shape.
 */
function frontmatter(trail: ExportedTrail): string {
  const lines = [
    '---',
    `title: ${yamlString(trail.title)}`,
    `created: ${yamlString(trail.createdAt)}`,
    `updated: ${yamlString(trail.updatedAt)}`,
  ];
  if (trail.tags.length === 0) lines.push('tags: []');
  else lines.push('tags:', ...trail.tags.map((t) => `  - ${yamlString(t)}`));
  const sources = citedSources(trail);
  if (sources.length === 0) lines.push('sources: []');
  else {
    lines.push('sources:');
    for (const s of sources) {
      lines.push(`  - title: ${yamlString(s.title)}`);
      if (s.url !== undefined) lines.push(`    url: ${yamlString(s.url)}`);
      if (s.file !== undefined) lines.push(`    file: ${yamlString(s.file)}`);
    }
  }
  lines.push('---');
  return lines.join('\n');
}

/** The step's heading text after the `## `. */
export function stepHeading(step: ExportedStep): string {
  let label = '';
  if (step.relation) {
    label = RELATION_LABELS[step.relation];
    if (step.toPosition !== null) label += ` step ${step.toPosition}`;
  }
  return label ? `${step.position}. ${label}` : `${step.position}.`;
}

function stepMarkdown(step: ExportedStep, cache: Map<string, string>): string {
  const parts = [`## ${stepHeading(step)}`, markdownQuote(step.cited.text), attribution(step, cache)];
  const stance = stanceLine(step);
  if (stance) parts.push(stance);
  const note = step.noteMarkdown ? containMarkdown(step.noteMarkdown, NOTE_HEADING_SHIFT) : '';
  if (note) parts.push(note);
  return parts.join('\n\n');
}

/** `— alice · [Thread](url) · 2024-05-01 · [permalink](url)`, and a visible mark when the source is gone. */
function attribution(step: ExportedStep, cache: Map<string, string>): string {
  const { cited } = step;
  const bits: string[] = [];
  if (cited.author) bits.push(cached(cache, `a\u0000${cited.author}`, () => escapeMarkdownLine(cited.author!)));
  const thread = cached(cache, `t\u0000${cited.threadTitle}\u0000${cited.threadSource ?? ''}`, () => threadLink(step));
  if (thread) bits.push(thread);
  if (cited.postedAt) bits.push(escapeMarkdownLine(displayDate(cited.postedAt)));
  const permalink = safeHttpUrl(cited.permalink);
  if (permalink) bits.push(`[permalink](${markdownLinkDestination(permalink)})`);
  if (cited.gone) bits.push('⚠ **source deleted** (the text is kept as cited)');
  return '— ' + (bits.length > 0 ? bits.join(' · ') : 'unknown source');
}

/** The thread's title linked to its address; the file it came from when it has no title or address. */
function threadLink({ cited }: ExportedStep): string {
  const url = safeHttpUrl(cited.threadSource);
  if (cited.threadTitle || url) return markdownLink(cited.threadTitle || 'thread', url);
  const file = sourceFileName(cited.threadSource);
  return file ? escapeMarkdownLine(file) : '';
}

/** What `make` gives for `key`, made once per export (thread links and author names repeat). */
export function cached(cache: Map<string, string>, key: string, make: () => string): string {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

function stanceLine(step: ExportedStep): string | null {
  const confidence = formatConfidence(step.confidence);
  if (step.stance) {
    const text = `${STANCE_MARKERS[step.stance]} ${step.stance}`;
    return `**Stance:** ${text}${confidence ? ` (${confidence})` : ''}`;
  }
  return confidence ? `**Confidence:** ${confidence}` : null;
}

function formatConfidence(confidence: number | null): string | null {
  if (confidence === null || !Number.isFinite(confidence)) return null;
  return `${Math.round(Math.min(100, Math.max(0, confidence)))} %`;
}

/** `2024-05-01` for an ISO time, else the text as it is. */
export function displayDate(iso: string): string {
  const m = /^\d{4}-\d{2}-\d{2}/.exec(iso);
  return m ? m[0] : iso;
}
