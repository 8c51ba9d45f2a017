// How long a long trail takes to export: a 1,000-step trail over the seed thread (a real LessWrong
// debate), every step with a stance and a note of a few paragraphs (heading, list, link, and every
// tenth note embedding another passage), exported as Markdown, Argdown and JSON through the same
// functions as `crux export`. Baseline, in the same process: reading the same trail (getTrail), the
// store's share of any export. Target (issue 4): Markdown under 200 ms.
//
//   npm run bench:trail-export                 # 1,000 steps, 15 rounds
//   npm run bench:trail-export -- --steps 5000 --rounds 5
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Library } from '../src/main/core/library/library';
import { addStep, createTrail, exportTrail, getTrail } from '../src/main/core/notebook';
import { RELATIONS, STANCES } from '../src/shared/model/notebook';

const { values } = parseArgs({ options: { steps: { type: 'string' }, rounds: { type: 'string' } } });
const steps = Number(values.steps ?? 1000);
const rounds = Number(values.rounds ?? 15);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-bench-trail-'));
  const library = Library.open(path.join(dir, 'library.sqlite'));
  try {
    const [seed] = await library.importFiles([path.join(__dirname, '..', 'tests', 'fixtures', 'seed-thread.txt')]);
    const passages = library.thread(seed!.threadId).posts.flatMap((p) => p.passages);
    const ctx = library.notebook;
    const trailId = createTrail(ctx, { title: `A ${steps}-step walk through the seed thread`, tags: ['bench'] });
    const built = performance.now();
    let previous: number | undefined;
    for (let i = 0; i < steps; i++) {
      const passage = passages[i % passages.length]!;
      const note = [
        `## Step ${i + 1}: what it claims`,
        '',
        `The author says *${passage.text.split(' ').slice(0, 6).join(' ')}*, which I read as a claim about **training**.`,
        '',
        '- it rests on the outer loss',
        '- it ignores [mesa-optimizers](https://arxiv.org/abs/1906.01820)',
        ...(i % 10 === 0 ? ['', `[[passage:${passages[(i + 7) % passages.length]!.id}]]`] : []),
      ].join('\n');
      previous = addStep(ctx, trailId, {
        passageId: passage.id,
        relation: previous === undefined ? null : RELATIONS[i % RELATIONS.length],
        stance: STANCES[i % STANCES.length],
        confidence: (i * 7) % 101,
        note: { markdown: note },
      });
    }
    console.log(`built a ${steps}-step trail in ${((performance.now() - built) / 1000).toFixed(1)} s`);

    // Wall clock and CPU time (user + system): on a shared machine the CPU figure is the steadier one.
    const time = (run: () => unknown): { median: number; p95: number; cpu: number; size: number } => {
      let size = 0;
      const samples: number[] = [];
      const cpu: number[] = [];
      for (let r = 0; r < rounds; r++) {
        const start = performance.now();
        const startCpu = process.cpuUsage();
        const out = run();
        const used = process.cpuUsage(startCpu);
        samples.push(performance.now() - start);
        cpu.push((used.user + used.system) / 1000);
        size = typeof out === 'string' ? out.length : 0;
      }
      const sorted = (xs: number[]): number[] => [...xs].sort((x, y) => x - y);
      return {
        median: sorted(samples)[Math.floor(rounds / 2)]!,
        p95: sorted(samples)[Math.ceil(rounds * 0.95) - 1]!,
        cpu: sorted(cpu)[Math.floor(rounds / 2)]!,
        size,
      };
    };
    // One untimed run of each warms the statements and the headless editor.
    getTrail(ctx, trailId);
    exportTrail(ctx, trailId, 'md');
    const baseline = time(() => getTrail(ctx, trailId));
    console.log(
      `baseline getTrail: median ${baseline.median.toFixed(1)} ms (CPU ${baseline.cpu.toFixed(1)} ms), p95 ${baseline.p95.toFixed(1)} ms`,
    );
    for (const format of ['md', 'argdown', 'json'] as const) {
      const t = time(() => exportTrail(ctx, trailId, format));
      console.log(
        `export ${format.padEnd(7)}: median ${t.median.toFixed(1)} ms (CPU ${t.cpu.toFixed(1)} ms), p95 ${t.p95.toFixed(1)} ms ` +
          `(${(t.size / 1024).toFixed(0)} KiB; ${(t.median / baseline.median).toFixed(2)}× getTrail)` +
          (format === 'md' ? ` — target < 200 ms: ${t.median < 200 ? 'met' : 'NOT met'}` : ''),
      );
    }
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  } finally {
    library.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
