import { describe, expect, it } from 'vitest';
import { isoFromUnixSeconds } from '../../../../../src/main/core/importers/json-stream/json-fields';

describe('isoFromUnixSeconds', () => {
  it('writes what Date writes, for times across days, years and the edges of its range', () => {
    const samples = [
      0,
      1,
      59,
      60,
      3599,
      3600,
      86_399,
      86_400,
      1_604_767_254,
      1_604_767_255,
      1_604_853_654,
      -1,
      -86_401,
      253_402_300_799,
      253_402_300_800,
      -62_167_219_200,
      -62_167_219_201,
      1_604_767_254.5,
      8.64e12,
      8.64e12 + 1,
    ];
    // Increasing and decreasing, so that the day remembered is both earlier and later.
    for (const s of [...samples, ...samples.reverse()]) {
      const date = new Date(s * 1000);
      expect(isoFromUnixSeconds(s)).toBe(Number.isNaN(date.getTime()) ? null : date.toISOString());
    }
    let seed = 1;
    for (let i = 0; i < 20_000; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const s = 1_600_000_000 + (seed % 50_000_000);
      expect(isoFromUnixSeconds(s)).toBe(new Date(s * 1000).toISOString());
    }
    expect(isoFromUnixSeconds(undefined)).toBeNull();
  });
});
