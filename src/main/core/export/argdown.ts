// A trail as an argument map in classic Argdown (not Argdown+, whose release status is unclear):
//
//   ===                                  frontmatter: title, the description as `abstract`
//   title: "…"
//   ===
//   [S1]: cited words {passage: 12, author: "alice", …, stance: agree, confidence: 80}
//
//   [S2]: cited words {relation: rebuts, to: 1, …}
//     -> [S1]                            S2 attacks S1
//
// Each step is a statement titled S<position> whose text is the cited passage, escaped so that
// forum text cannot turn into Argdown syntax. A step that supports another is written `+>` under
// it (an outgoing support), one that rebuts another `->` (an outgoing attack): "step 3 rebuts
// step 2" is the relation S3 → S2 of type attack. Clarifies, concedes, asks, answers and quotes
// have no relation in classic Argdown (its others are logical: undercut, contradiction), so those
// steps keep the relation only in their metadata ({relation, to}) and stand unconnected in the
// map; `selection: {excludeDisconnected: false}` keeps them in it. The note goes into the
// metadata too, as Markdown in a string.
import type { Relation } from '../../../shared/model/notebook';
import type { ExportedStep, ExportedTrail } from './document';
import { cached } from './markdown';
import { ARGDOWN_YAML_EXTRA, escapeArgdownText, safeHttpUrl, sourceFileName, yamlString } from './escape';

/** The relations classic Argdown can draw, as the operator written under the answering step. */
export const ARGDOWN_OPERATORS: Partial<Record<Relation, string>> = {
  supports: '+>',
  rebuts: '->',
};

const HEADER_COMMENT = [
  '// Exported from Crux. Each step is a statement [S<n>] whose text is the passage it cites.',
  '// "supports" is drawn as +> and "rebuts" as -> from the step to the step it answers.',
  '// Classic Argdown has no relation for clarifies, concedes, asks, answers or quotes: those',
  '// steps carry {relation, to} in their metadata only.',
].join('\n');

const str = (value: string) => yamlString(value, ARGDOWN_YAML_EXTRA);

export function trailToArgdown(trail: ExportedTrail): string {
  const front = ['===', `title: ${str(trail.title)}`];
  if (trail.descriptionMarkdown) front.push(`abstract: ${str(trail.descriptionMarkdown)}`);
  front.push(
    'selection: {excludeDisconnected: false}',
    `crux: {trail: ${trail.id}, created: ${str(trail.createdAt)}, updated: ${str(trail.updatedAt)}, ` +
      `tags: [${trail.tags.map(str).join(', ')}]}`,
    '===',
  );
  const positions = new Set(trail.steps.map((s) => s.position));
  const parts = [front.join('\n'), HEADER_COMMENT];
  // Most steps share their thread and one of a few authors: their YAML is made once.
  const cache = new Map<string, string>();
  for (const step of trail.steps) parts.push(stepArgdown(step, positions, cache));
  return parts.join('\n\n') + '\n';
}

function stepArgdown(step: ExportedStep, positions: Set<number>, cache: Map<string, string>): string {
  const text = escapeArgdownText(step.cited.text) || '(no text)';
  let out = `[S${step.position}]: ${text} ${metadata(step, cache)}`;
  const operator = step.relation ? ARGDOWN_OPERATORS[step.relation] : undefined;
  if (operator && step.toPosition !== null && step.toPosition !== step.position && positions.has(step.toPosition)) {
    out += `\n  ${operator} [S${step.toPosition}]`;
  }
  return out;
}

/** The step's metadata as a YAML flow mapping; strings quoted so `}` or `===` in them cannot end it. */
function metadata(step: ExportedStep, cache: Map<string, string>): string {
  const { cited } = step;
  const fields: string[] = [];
  if (step.relation) {
    fields.push(`relation: ${step.relation}`);
    if (step.toPosition !== null) fields.push(`to: ${step.toPosition}`);
  }
  if (step.stance) fields.push(`stance: ${step.stance}`);
  if (step.confidence !== null && Number.isFinite(step.confidence)) {
    fields.push(`confidence: ${Math.round(Math.min(100, Math.max(0, step.confidence)))}`);
  }
  fields.push(`passage: ${cited.passageId}`);
  if (step.span) fields.push(`span: [${step.span.start}, ${step.span.end}]`);
  if (cited.author) fields.push(cached(cache, `a\u0000${cited.author}`, () => `author: ${str(cited.author!)}`));
  if (cited.postedAt) fields.push(`date: ${str(cited.postedAt)}`);
  fields.push(cached(cache, `t\u0000${cited.threadTitle}`, () => `thread: ${str(cited.threadTitle)}`));
  const permalink = safeHttpUrl(cited.permalink);
  const source = cited.threadSource ?? '';
  const threadUrl = cached(cache, `u\u0000${source}`, () => safeHttpUrl(source) ?? '');
  if (permalink) fields.push(`source: ${str(permalink)}`);
  else if (threadUrl) fields.push(cached(cache, `s\u0000${source}`, () => `source: ${str(threadUrl)}`));
  const file = cached(cache, `f\u0000${source}`, () => sourceFileName(source) ?? '');
  if (file) fields.push(`file: ${str(file)}`);
  if (cited.gone) fields.push('gone: true');
  if (step.noteMarkdown) fields.push(`note: ${str(step.noteMarkdown)}`);
  return `{${fields.join(', ')}}`;
}
