// How long exporting 1,000 notes takes: noteToMarkdown, and for comparison Lexical's own exporter
// (parseEditorState + $convertToMarkdownString on one reused headless editor):
//   npm run bench:note-export
// (with Lexical's production build, see production-build.ts: its development build checks more and runs
// slower). The first pass is what a one-off export in a fresh process pays: V8 runs the code
// unoptimised until it has seen enough of it. The notes quote the seed debate (tests/main/core/notes/debate.ts).
import './production-build';
import { $convertToMarkdownString, TRANSFORMERS } from '@lexical/markdown';
import { markdownToNote, noteToMarkdown } from '../src/main/core/notes';
import { noteEditor } from '../src/main/core/notes/editor';
import { PASSAGES, refs } from '../tests/main/core/notes/debate';

function note(i: number): string {
  const a = PASSAGES[i % PASSAGES.length]!;
  const b = PASSAGES[(i * 7 + 3) % PASSAGES.length]!;
  return [
    `## Reply ${i}`,
    '',
    `${a.slice(0, 160)} — that is the **crux**, and *not* the \`outer loss\`; see [[trail:3]].`,
    '',
    `[[passage:${(i % PASSAGES.length) + 1}]]`,
    '',
    `${b.slice(0, 240)} ([source](https://www.lesswrong.com/posts/seed/mask-goals?commentId=c${i})).`,
    '',
    '- a goal slot is more parsimonious',
    '- the mask can be power-seeking',
  ].join('\n');
}

const states = Array.from({ length: 1000 }, (_, i) => markdownToNote(note(i), refs).state);
const editor = noteEditor();
// Clear away what building the notes left behind, so that its collection is not timed.
(globalThis as { gc?: () => void }).gc?.();

/**
 * Milliseconds per pass over the 1,000 notes, as fresh strings each time (as read from the store):
 * wall time, and this process's CPU time, which other processes on a busy machine inflate less.
 */
function passes(convert: (state: string) => unknown, count: number): { wall: number; cpu: number }[] {
  const times: { wall: number; cpu: number }[] = [];
  for (let pass = 0; pass < count; pass++) {
    const batch = states.map((state) => state.replace('"root"', pass % 2 ? '"root" ' : '"root"'));
    const cpu = process.cpuUsage();
    const start = performance.now();
    for (const state of batch) convert(state);
    const used = process.cpuUsage(cpu);
    times.push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000 });
  }
  return times;
}

function summary(times: { wall: number; cpu: number }[]): string {
  const median = (values: number[]): string => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!.toFixed(0);
  const last = times.slice(-5);
  return (
    `first pass ${times[0]!.wall.toFixed(0)} ms (CPU ${times[0]!.cpu.toFixed(0)}); ` +
    `last five passes: median ${median(last.map((t) => t.wall))} ms (CPU ${median(last.map((t) => t.cpu))})`
  );
}

const bytes = Math.round(states.reduce((sum, state) => sum + state.length, 0) / states.length);
console.log(`1000 notes, ${bytes} bytes of state each on average; ms per pass over all of them`);
console.log(`noteToMarkdown:            ${summary(passes((state) => noteToMarkdown(state), 12))}`);
console.log(
  `  document form (cite):    ${summary(passes((state) => noteToMarkdown(state, { cite: () => null }), 12))}`,
);
console.log(`JSON.parse of the states:  ${summary(passes((state) => JSON.parse(state), 12))}`);
const lexical = (state: string): string =>
  editor.parseEditorState(state).read(() => $convertToMarkdownString(TRANSFORMERS), { editor });
console.log(`Lexical's own exporter:    ${summary(passes(lexical, 12))}`);
