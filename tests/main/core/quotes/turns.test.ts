import { describe, expect, it } from 'vitest';
import { Turns } from '../../../../src/main/core/quotes/turns';

/** Turns driven by hand: each call of `step` runs one scheduled turn. */
function manualTurns(): { turns: Turns; step: () => Promise<void>; pending: () => number } {
  const scheduled: (() => void)[] = [];
  const turns = new Turns((next) => scheduled.push(next));
  return {
    turns,
    step: async () => {
      scheduled.shift()?.();
      // Let the resolved waiter's continuation run.
      await Promise.resolve();
    },
    pending: () => scheduled.length,
  };
}

describe('Turns', () => {
  it('gives each turn to the earliest file waiting, not to the one that asked first', async () => {
    const { turns, step } = manualTurns();
    const ran: number[] = [];
    for (const order of [7, 3, 5]) void turns.take(order).then(() => ran.push(order));
    await step();
    expect(ran).toEqual([3]);
    // A file earlier than every waiting one goes next, though it asked last.
    void turns.take(1).then(() => ran.push(1));
    await step();
    await step();
    await step();
    expect(ran).toEqual([3, 1, 5, 7]);
  });

  it('runs one waiter per turn and stops scheduling when nobody waits', async () => {
    const { turns, step, pending } = manualTurns();
    const ran: number[] = [];
    void turns.take(2).then(() => ran.push(2));
    void turns.take(1).then(() => ran.push(1));
    expect(pending()).toBe(1);
    await step();
    expect(ran).toEqual([1]);
    expect(pending()).toBe(1);
    await step();
    expect(ran).toEqual([1, 2]);
    expect(pending()).toBe(0);
  });

  it('resolves on a later turn of a real event loop', async () => {
    const turns = new Turns();
    let resolved = false;
    const taken = turns.take(0).then(() => (resolved = true));
    await Promise.resolve();
    expect(resolved).toBe(false);
    await taken;
    expect(resolved).toBe(true);
  });
});
