import type {
  Backlinks,
  CitedPassage,
  Note,
  NoteSummary,
  NoteTarget,
  StanceEntry,
  Trail,
  TrailSummary,
} from '../../../shared/model/notebook';
import { printable } from '../render';

function when(iso: string): string {
  return iso.slice(0, 16).replace('T', ' ');
}

function clip(text: string, max: number): string {
  const flat = printable(text).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function source(c: CitedPassage): string {
  const who = c.author ? `${printable(c.author)}, ` : '';
  return `${who}“${clip(c.threadTitle, 60)}”${c.gone ? ' (source deleted)' : ''}`;
}

function stance(s: string | null, confidence: number | null): string {
  return s ? `${s}${confidence === null ? '' : ` ${confidence} %`}` : '';
}

export function renderTrails(trails: readonly TrailSummary[]): string {
  if (trails.length === 0) return 'No trails yet. Start one with: crux trail new <title>\n';
  return (
    trails
      .map(
        (t) =>
          `${String(t.id).padStart(4)}  ${clip(t.title, 60)}  (${t.steps} step${t.steps === 1 ? '' : 's'}, updated ${when(t.updatedAt)})` +
          (t.tags.length ? `  ${t.tags.map((tag) => `#${printable(tag)}`).join(' ')}` : ''),
      )
      .join('\n') + '\n'
  );
}

export function renderTrail(trail: Trail): string {
  const out = [`Trail ${trail.id}: ${printable(trail.title)}`];
  if (trail.tags.length) out.push(trail.tags.map((t) => `#${printable(t)}`).join(' '));
  out.push(`updated ${when(trail.updatedAt)}${trail.canUndo ? ' · crux trail undo possible' : ''}`);
  if (trail.descriptionMarkdown) out.push('', printable(trail.descriptionMarkdown));
  const positionOf = new Map(trail.steps.map((s) => [s.id, s.position]));
  for (const s of trail.steps) {
    const answers = s.to === null ? '' : ` ${s.relation ?? 'follows'} ${positionOf.get(s.to)}`;
    const marks = [stance(s.stance, s.confidence)].filter(Boolean).join(' · ');
    out.push(
      '',
      `${s.position}.${answers}  [step ${s.id} · passage ${s.passageId}${s.span ? ` ${s.span.start}:${s.span.end}` : ''}]${marks ? `  ${marks}` : ''}`,
      `   > ${clip(s.cited.text, 300)}`,
      `   — ${source(s.cited)}`,
    );
    if (s.noteMarkdown)
      out.push(
        ...printable(s.noteMarkdown)
          .split('\n')
          .map((l) => `   ${l}`),
      );
  }
  if (trail.steps.length === 0) out.push('', `No steps yet. Add one with: crux trail add ${trail.id} <passageId>`);
  return out.join('\n') + '\n';
}

export function renderStances(stances: readonly StanceEntry[]): string {
  if (stances.length === 0) return 'No stances match.\n';
  return (
    stances
      .map(
        (s) =>
          `${stance(s.stance, s.confidence).padEnd(14)} passage ${s.passageId}${s.trailId ? ` (trail ${s.trailId}, step ${s.stepId})` : ''} — ${source(s.cited)}\n` +
          `               ${clip(s.cited.text, 120)}`,
      )
      .join('\n') + '\n'
  );
}

function target(t: NoteTarget): string {
  switch (t.kind) {
    case 'passage':
      return `passage ${t.passageId}`;
    case 'thread':
      return t.threadId === null ? `thread “${clip(t.threadTitle, 40)}” (deleted)` : `thread ${t.threadId}`;
    case 'trail':
      return `trail ${t.trailId}`;
    case 'step':
      return `trail ${t.trailId} step ${t.stepId}`;
    default:
      return 'free note';
  }
}

export function renderNotes(notes: readonly NoteSummary[]): string {
  if (notes.length === 0) return 'No notes.\n';
  return (
    notes
      .map((n) => `${String(n.id).padStart(4)}  ${clip(n.title, 60)}  (${target(n.target)}, ${when(n.updatedAt)})`)
      .join('\n') + '\n'
  );
}

export function renderNote(note: Note): string {
  const head = `Note ${note.id} · ${target(note.target)} · updated ${when(note.updatedAt)}`;
  const cited = note.cited ? `> ${clip(note.cited.text, 300)}\n— ${source(note.cited)}\n\n` : '';
  return `${head}\n\n${cited}${printable(note.markdown)}\n`;
}

export function renderBacklinks(b: Backlinks): string {
  const out = [`Passage ${b.passageId} is cited by:`];
  for (const s of b.steps)
    out.push(
      `  trail ${s.trailId} “${clip(s.trailTitle, 50)}”, step ${s.position} (step ${s.stepId})${s.relation ? `, ${s.relation}` : ''}`,
    );
  for (const s of b.stances)
    out.push(`  stance ${stance(s.stance, s.confidence)}${s.trailId ? ` in trail ${s.trailId}` : ' (ledger)'}`);
  for (const n of b.notes) out.push(`  note ${n.id} “${clip(n.title, 50)}”`);
  if (out.length === 1) return `Nothing cites passage ${b.passageId} yet.\n`;
  return out.join('\n') + '\n';
}
