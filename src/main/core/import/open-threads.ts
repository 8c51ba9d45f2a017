/**
 * At most this many threads of a forum file are open at once while it is imported. A mailbox holds
 * thousands of threads, and each open thread's quote index costs hundreds of kilobytes.
 */
export const MAX_OPEN_THREADS = 64;

/**
 * A forum file's open threads by identity, least recently used first. The import (which stores them)
 * and the detection worker (which detects the quotations of new ones) keep one each and see the same
 * thread events, so they close and reopen the same threads at the same events.
 */
export class OpenThreads<T> {
  private readonly open = new Map<string, T>();

  get size(): number {
    return this.open.size;
  }

  values(): IterableIterator<T> {
    return this.open.values();
  }

  has(identity: string): boolean {
    return this.open.has(identity);
  }

  /** The open thread's state, now the most recently used; undefined if it is not open. */
  use(identity: string): T | undefined {
    if (!this.open.has(identity)) return undefined;
    const value = this.open.get(identity)!;
    this.open.delete(identity);
    this.open.set(identity, value);
    return value;
  }

  /** Closes the least recently used thread if there is no room for another; returns it. */
  makeRoom(): [string, T] | undefined {
    return this.open.size >= MAX_OPEN_THREADS ? this.close() : undefined;
  }

  /** Opens a thread (after `makeRoom`) as the most recently used. */
  add(identity: string, value: T): void {
    this.open.set(identity, value);
  }

  /** Replaces an open thread's state, keeping its place. */
  replace(identity: string, value: T): void {
    if (this.open.has(identity)) this.open.set(identity, value);
  }

  /** Closes the least recently used thread; returns it, or undefined if none is open. */
  close(): [string, T] | undefined {
    const first = this.open.entries().next();
    if (first.done) return undefined;
    this.open.delete(first.value[0]);
    return first.value;
  }
}
