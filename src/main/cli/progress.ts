import type { ImportProgress } from '../../shared/model/library';
import type { Writable } from './io';

const BAR_WIDTH = 28;
const REDRAW_MS = 100;

/** A one-line progress bar on a terminal; silent when stderr is not a terminal. */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly out: Writable) {}

  update(p: ImportProgress): void {
    if (!this.out.isTTY) return;
    const now = Date.now();
    if (now - this.lastDraw < REDRAW_MS && p.bytesDone < p.bytesTotal) return;
    this.lastDraw = now;
    this.out.write(`\r${renderProgress(p, this.out.columns ?? 80)}\x1b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.out.write('\r\x1b[K');
    this.drawn = false;
  }
}

export function renderProgress(p: ImportProgress, columns: number): string {
  const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 1;
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
  const pct = `${Math.floor(fraction * 100)}%`.padStart(4);
  const line = `${bar} ${pct}  ${formatBytes(p.bytesDone)} / ${formatBytes(p.bytesTotal)}  ${p.passagesDone.toLocaleString('en-US')} passages  ${p.file}`;
  return line.length > columns - 1 ? line.slice(0, columns - 2) + '…' : line;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}
