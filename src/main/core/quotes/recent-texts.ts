/** Passages per segment: a segment is dropped whole once every passage in it is out of the window. */
const SEGMENT = 4096;

/**
 * Texts by passage index (added in ascending order), kept outside the JavaScript heap until forgotten:
 * UTF-16 in buffers of SEGMENT passages each. A worker detecting a long thread's quotations needs the
 * texts of the quote window's passages, tens of megabytes; held as strings they were retained and
 * collected by the heap's major collections only, and the worker's heap grew to three times them.
 */
export class RecentTexts {
  private readonly segments = new Map<number, Segment>();
  private readonly spare: Segment[] = [];

  add(index: number, text: string): void {
    const n = Math.floor(index / SEGMENT);
    let segment = this.segments.get(n);
    if (!segment) {
      segment = this.spare.pop() ?? new Segment();
      segment.reset();
      this.segments.set(n, segment);
    }
    segment.set(index % SEGMENT, text);
  }

  /** The text, or undefined if it was never added or is forgotten. */
  get(index: number): string | undefined {
    return this.segments.get(Math.floor(index / SEGMENT))?.get(index % SEGMENT);
  }

  /** Forgets (at least) the texts of passages before `index`, by whole segments. */
  forgetBefore(index: number): void {
    for (const [n, segment] of this.segments) {
      if ((n + 1) * SEGMENT > index) continue;
      this.segments.delete(n);
      // Kept for the next segment: it needs about as much room.
      if (this.spare.length < 2) this.spare.push(segment);
    }
  }
}

class Segment {
  private bytes = Buffer.allocUnsafe(256 * 1024);
  private used = 0;
  /** Per slot, start and end in bytes; -1: no text. */
  private readonly spans = new Int32Array(SEGMENT * 2);

  reset(): void {
    this.used = 0;
    this.spans.fill(-1);
  }

  set(slot: number, text: string): void {
    const size = text.length * 2;
    if (this.used + size > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + size));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.bytes.write(text, this.used, 'utf16le');
    this.spans[slot * 2] = this.used;
    this.spans[slot * 2 + 1] = this.used += size;
  }

  get(slot: number): string | undefined {
    const start = this.spans[slot * 2]!;
    return start < 0 ? undefined : this.bytes.toString('utf16le', start, this.spans[slot * 2 + 1]!);
  }
}
