import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forumParseCounts, setForumParseWorkerMinBytes } from '../../../../src/main/core/import/forum-parsing';
import { importPaths } from '../../../../src/main/core/import/import-path';
import { FIXTURES, libraryChecksum, tempDir, tempLibrary, writeTemp } from '../../../helpers/library';

const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);
const NOW = () => new Date('2026-01-01T00:00:00Z');

afterEach(() => setForumParseWorkerMinBytes(4 * 1024 * 1024));

/** Imports the file sets one after another into a fresh library; its checksum and what each import said. */
async function importAll(sets: string[][], onWorker: boolean) {
  setForumParseWorkerMinBytes(onWorker ? 0 : Infinity);
  const { stores } = tempLibrary();
  const results = [];
  for (const files of sets) results.push(await importPaths(stores, files, { now: NOW }));
  return { checksum: libraryChecksum(stores.db), results };
}

describe('forum files parsed on a worker thread', () => {
  const cases: [string, string[][]][] = [
    ['hacker news', [[fixture('hackernews', 'hn-25015967-biden-wins-hnpwa.json')]]],
    ['reddit', [[fixture('reddit', 'r-iama-z1c9z.json')], [fixture('reddit', 'r-collegebasketball-31owr1-top.json')]]],
    [
      'discourse, a topic imported again with more posts',
      [
        [fixture('discourse', 'cf-t2108-posts-pn41-desc.json')],
        [fixture('discourse', 'cf-t2108-posts-page1.json')],
        [fixture('discourse', 'cf-t2108-topic-at-post452.json')],
      ],
    ],
    ['discourse RSS', [[fixture('discourse', 'cf-t2144-topic.rss')]]],
    [
      'askbot pages',
      [[fixture('html', 'ask-openstack-q24396-page1.html'), fixture('html', 'ask-openstack-q24396-page2.html')]],
    ],
    ['mailboxes', [fs.readdirSync(fixture('mail', 'mbox')).map((f) => fixture('mail', 'mbox', f))]],
    ['hypermail pages', [fs.readdirSync(fixture('mail', 'hypermail')).map((f) => fixture('mail', 'hypermail', f))]],
  ];
  for (const [label, sets] of cases) {
    it(`${label}: the same library as parsing in the import's thread`, async () => {
      const workers = forumParseCounts.worker;
      const inThread = await importAll(sets, false);
      expect(forumParseCounts.worker).toBe(workers);
      const onWorker = await importAll(sets, true);
      expect(forumParseCounts.worker).toBeGreaterThan(workers);
      expect(onWorker.results).toEqual(inThread.results);
      expect(onWorker.checksum).toBe(inThread.checksum);
      expect(inThread.results.every((r) => r.failed.length === 0)).toBe(true);
    });
  }

  it('refuses a broken file with the same message, and writes nothing of it', async () => {
    const text = fs.readFileSync(fixture('hackernews', 'hn-25015967-biden-wins-hnpwa.json'), 'utf8');
    const file = writeTemp(tempDir(), 'broken.json', text.slice(0, Math.floor(text.length * 0.7)));
    const inThread = await importAll([[file]], false);
    const onWorker = await importAll([[file]], true);
    expect(onWorker.results[0]!.failed).toHaveLength(1);
    expect(onWorker.results).toEqual(inThread.results);
    expect(onWorker.checksum).toBe(inThread.checksum);
    expect(onWorker.checksum).toBe(libraryChecksum(tempLibrary().stores.db));
  });

  it('reads invalid UTF-8 as Windows-1252 with a warning, as in the import thread', async () => {
    const json = fs
      .readFileSync(fixture('discourse', 'try-discourse-topic57-sandbox.json'), 'utf8')
      .replace('sandbox', 'sandb\u00f6x');
    const file = writeTemp(tempDir(), 'latin1.json', Buffer.from(json, 'latin1'));
    const inThread = await importAll([[file]], false);
    const onWorker = await importAll([[file]], true);
    expect(onWorker.results[0]!.imported[0]!.warnings.some((w) => /Windows-1252/.test(w))).toBe(true);
    expect(onWorker.results).toEqual(inThread.results);
    expect(onWorker.checksum).toBe(inThread.checksum);
  });

  for (const onWorker of [false, true]) {
    it(`stops when cancelled, with nothing written (${onWorker ? 'on a worker' : 'in the import thread'})`, async () => {
      setForumParseWorkerMinBytes(onWorker ? 0 : Infinity);
      const { stores } = tempLibrary();
      const empty = libraryChecksum(stores.db);
      const controller = new AbortController();
      const file = fixture('hackernews', 'hn-25015967-biden-wins-hnpwa.json');
      await expect(
        importPaths(stores, [file], { signal: controller.signal, onProgress: () => controller.abort() }),
      ).rejects.toThrow(/cancelled; nothing was written/);
      expect(libraryChecksum(stores.db)).toBe(empty);
    });
  }
});
