import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forumParseCounts, setForumParseWorkerMinBytes } from '../../../../src/main/core/import/forum-parsing';
import { importPaths } from '../../../../src/main/core/import/import-path';
import { FIXTURES, libraryChecksum, tempDir, tempLibrary, writeTemp } from '../../../helpers/library';

const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);
const NOW = () => new Date('2026-01-01T00:00:00Z');

afterEach(() => {
  setForumParseWorkerMinBytes(4 * 1024 * 1024);
});

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
      const decided = forumParseCounts.decidedPosts;
      const onWorker = await importAll(sets, true);
      expect(forumParseCounts.worker).toBeGreaterThan(workers);
      // New threads' quotations are detected on the worker.
      expect(forumParseCounts.decidedPosts).toBeGreaterThan(decided);
      expect(onWorker.results).toEqual(inThread.results);
      expect(onWorker.checksum).toBe(inThread.checksum);
      expect(inThread.results.every((r) => r.failed.length === 0)).toBe(true);
    });
  }

  it('a thread the library holds: decided in the import thread, the worker told to stop', async () => {
    const story = JSON.parse(fs.readFileSync(fixture('hackernews', 'hn-25015967-biden-wins-hnpwa.json'), 'utf8'));
    const dir = tempDir();
    const earlier = { ...story, comments: story.comments.slice(0, 120) };
    earlier.comments[3] = {
      ...earlier.comments[3],
      content: `<p>An earlier wording.</p>${earlier.comments[3].content}`,
    };
    const sets = [
      [writeTemp(dir, 'earlier.json', JSON.stringify(earlier))],
      [fixture('hackernews', 'hn-25015967-biden-wins-hnpwa.json')],
    ];
    const inThread = await importAll(sets, false);
    const held = forumParseCounts.held;
    const onWorker = await importAll(sets, true);
    expect(forumParseCounts.held).toBe(held + 1);
    expect(onWorker.results).toEqual(inThread.results);
    expect(onWorker.checksum).toBe(inThread.checksum);
  });

  it('a post met twice in a new thread: the worker hands the thread back', async () => {
    const story = JSON.parse(fs.readFileSync(fixture('hackernews', 'hn-25015967-biden-wins-hnpwa.json'), 'utf8'));
    const again = story.comments[5];
    const edited = { ...again, content: `${again.content}<p>Edited: ${story.comments[2].content.slice(3, 200)}</p>` };
    const file = writeTemp(
      tempDir(),
      'twice.json',
      JSON.stringify({ ...story, comments: [...story.comments, edited] }),
    );
    const inThread = await importAll([[file]], false);
    const onWorker = await importAll([[file]], true);
    expect(onWorker.results).toEqual(inThread.results);
    expect(onWorker.checksum).toBe(inThread.checksum);
  });

  it('a mail thread reopened after 64 others were opened: the same library', async () => {
    const message = (id: string, subject: string, body: string, parent?: string) =>
      [
        `From list@example.org Mon Jan  1 00:00:00 2024`,
        `From: Someone <someone@example.org>`,
        `Subject: ${subject}`,
        `Message-ID: <${id}@example.org>`,
        ...(parent ? [`In-Reply-To: <${parent}@example.org>`, `References: <${parent}@example.org>`] : []),
        `Date: Mon, 1 Jan 2024 00:00:00 +0000`,
        '',
        body,
        '',
      ].join('\n');
    const words = (n: number) => `thread ${n} says the river bends ${n} times before the ${n}th bridge of stone`;
    const messages = [message('t0', 'Topic 0', words(0)), message('t1', 'Topic 1', words(1))];
    for (let n = 2; n < 70; n++) messages.push(message(`t${n}`, `Topic ${n}`, words(n)));
    messages.push(message('r0', 'Re: Topic 0', `> ${words(0)}\n\nNo, it bends once.\n`, 't0'));
    messages.push(message('r1', 'Re: Topic 1', `Agreed.\n\n> ${words(1)}\n`, 't1'));
    messages.push(message('r69', 'Re: Topic 69', `> ${words(69)}\n\nAnd back.\n`, 't69'));
    const file = writeTemp(tempDir(), 'reopened.mbox', messages.join('\n'));
    const inThread = await importAll([[file]], false);
    const onWorker = await importAll([[file]], true);
    expect(onWorker.results).toEqual(inThread.results);
    expect(onWorker.checksum).toBe(inThread.checksum);
    expect(onWorker.results[0]!.imported.length).toBe(70);
  });

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
