/** Passages per segment: a segment is dropped whole once every passage in it is out of the window. */
const SEGMENT = 4096;

/**
 * Texts by passage index (added in ascending order), kept outside the JavaScript heap until
 * forgotten: in buffers of SEGMENT passages each, a byte per character where the text is ASCII, else
 * UTF-16. A worker detecting a long thread's quotations needs the texts of the quote window's
 * passages, tens of megabytes; held as strings they were retained and collected by the heap's major
 * collections only, and the worker's heap grew to three times them.
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

  /** Forgets the texts of passages before `index` by whole segments: the segment holding `index` stays. */
  forgetBefore(index: number): void {
    for (const [n, segment] of this.segments) {
      if ((n + 1) * SEGMENT > index) continue;
      this.segments.delete(n);
      // Kept for the next segment: it needs about as much room.
      if (this.spare.length < 2) this.spare.push(segment);
    }
  }
}

// Small to begin with, like the quote index's tables: a mailbox detects thousands of threads, most
// of them a message or two long.
class Segment {
  private bytes = Buffer.allocUnsafe(4096);
  private used = 0;
  /** Per slot, start and end in bytes; -1: no text. An end below zero is the negated end of UTF-16. */
  private spans = new Int32Array(2 * 16).fill(-1);

  reset(): void {
    this.used = 0;
    this.spans.fill(-1);
  }

  set(slot: number, text: string): void {
    if (slot * 2 >= this.spans.length) {
      const grown = new Int32Array(Math.min(SEGMENT, slot * 2) * 2).fill(-1);
      grown.set(this.spans);
      this.spans = grown;
    }
    const ascii = Buffer.byteLength(text, 'utf8') === text.length;
    const size = ascii ? text.length : text.length * 2;
    if (this.used + size > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(Math.ceil(this.bytes.length * 1.5), this.used + size));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.bytes.write(text, this.used, ascii ? 'latin1' : 'utf16le');
    this.spans[slot * 2] = this.used;
    this.used += size;
    this.spans[slot * 2 + 1] = ascii ? this.used : -this.used;
  }

  get(slot: number): string | undefined {
    if (slot * 2 >= this.spans.length) return undefined;
    const start = this.spans[slot * 2]!;
    if (start < 0) return undefined;
    const end = this.spans[slot * 2 + 1]!;
    return end >= 0 ? this.bytes.toString('latin1', start, end) : this.bytes.toString('utf16le', start, -end);
  }
}
