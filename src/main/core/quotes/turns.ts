/**
 * Turns of the detection worker's event loop, shared by the files read ahead: one batch per turn,
 * and each turn to the earliest file in the import that wants one.
 *
 * One turn at a time: resumed all at once (a setImmediate each), fifteen files read ahead would each
 * detect a batch before the loop got back to I/O, and the file being stored would wait that long
 * (~0.1 s) for every read it makes and every acknowledgement it is sent.
 *
 * Earliest first, not round robin: the import takes files in order, so the next file should be
 * wholly detected before the one after it starts. Taking turns in arrival order spread the worker
 * over every file read ahead, each a fifteenth done when the import reached it, and the import
 * waited for the rest (at 1M passages, 7.5 s of its thread's time against 3 s earliest first).
 */
export class Turns {
  private readonly waiting: { order: number; resolve: () => void }[] = [];

  constructor(private readonly schedule: (next: () => void) => void = setImmediate) {}

  /** Resolves on a later turn of the event loop, before anyone waiting with a higher `order`. */
  take(order: number): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ order, resolve });
      if (this.waiting.length === 1) this.schedule(this.next);
    });
  }

  private readonly next = (): void => {
    let earliest = 0;
    for (let i = 1; i < this.waiting.length; i++) {
      if (this.waiting[i]!.order < this.waiting[earliest]!.order) earliest = i;
    }
    this.waiting.splice(earliest, 1)[0]!.resolve();
    if (this.waiting.length > 0) this.schedule(this.next);
  };
}
