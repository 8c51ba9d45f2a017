import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importPaths } from '../../../../src/main/core/import/import-path';
import { detectForumParser } from '../../../../src/main/core/importers/registry';
import type { SourcePost } from '../../../../src/main/core/importers/source-thread';
import { parseEvents, postsOf } from '../../../helpers/source-events';
import { isQuotable } from '../../../../src/main/core/quotes/rules';
import { normalize } from '../../../../src/main/core/text/normalize';
import { threadView } from '../../../../src/main/core/library/thread-view';
import type { Stores } from '../../../../src/main/core/store';
import { FIXTURES, libraryChecksum, tempDir, tempLibrary, writeTemp } from '../../../helpers/library';

let stores: Stores;
beforeEach(() => {
  ({ stores } = tempLibrary());
});

const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

describe('real forum exports through the import pipeline', () => {
  // One real file of each format, detected from content, then imported again unchanged.
  const samples: [string, string, string][] = [
    ['discourse', fixture('discourse', 'cf-t2108-posts-page1.json'), 'discourse'],
    ['discourse RSS', fixture('discourse', 'cf-t2144-topic.rss'), 'discourse'],
    ['reddit', fixture('reddit', 'r-python-2xmo63-rtv-terminal-viewer.json'), 'reddit'],
    ['hacker news', fixture('hackernews', 'hn-algolia-items-17.json'), 'hackernews'],
    [
      'phpBB page',
      fixture(
        'html',
        'phpbb',
        fs.readdirSync(fixture('html', 'phpbb')).find((f) => f.endsWith('.html'))!,
      ),
      'html',
    ],
    ['askbot page', fixture('html', 'ask-openstack-q26830-comments.html'), 'html'],
    [
      'mbox',
      fixture(
        'mail',
        'mbox',
        fs.readdirSync(fixture('mail', 'mbox')).find((f) => f.endsWith('.mbox'))!,
      ),
      'mail',
    ],
  ];
  for (const [label, file, format] of samples) {
    it(`${label}: detected, imported, and unchanged by a second import`, async () => {
      const first = await importPaths(stores, [file]);
      expect(first.failed).toEqual([]);
      expect(first.imported.length).toBeGreaterThan(0);
      expect(first.imported.every((s) => s.format === format && s.posts > 0)).toBe(true);
      const before = libraryChecksum(stores.db);
      const again = await importPaths(stores, [file]);
      expect(again.imported.every((s) => s.newPassages === 0)).toBe(true);
      expect(libraryChecksum(stores.db)).toBe(before);
    });
  }

  it('a topic spread over several pages becomes one thread, replies linked across pages', async () => {
    const { imported } = await importPaths(stores, [
      fixture('discourse', 'cf-t2108-posts-pn41-desc.json'),
      fixture('discourse', 'cf-t2108-posts-page1.json'),
    ]);
    expect(new Set(imported.map((s) => s.threadId)).size).toBe(1);
    const view = threadView(stores, imported[0]!.threadId);
    expect(view.posts).toHaveLength(40);
    // Posts of the second page that answer posts of the first are linked once the first arrives.
    const byPermalink = new Map(view.posts.map((p) => [p.permalink, p]));
    const withParents = view.posts.filter((p) => p.parentId !== null);
    expect(withParents.length).toBeGreaterThan(20);
    expect(withParents.every((p) => view.posts.some((q) => q.id === p.parentId))).toBe(true);
    expect(
      byPermalink.get(
        'https://discuss.criticalfallibilism.com/t/comments-on-the-boyfriends-introduction-to-feminism/2108/1',
      ),
    ).toBeDefined();
  });

  it('a Maildir folder imports one post per message file, into threads by root Message-ID', async () => {
    const { imported, failed } = await importPaths(stores, [fixture('mail', 'maildir')]);
    expect(failed).toEqual([]);
    const threads = new Set(imported.map((s) => s.threadId));
    const posts = [...threads].flatMap((id) => threadView(stores, id).posts);
    expect(posts).toHaveLength(8);
    expect(posts.every((p) => p.author && p.postedAt)).toBe(true);
    const again = await importPaths(stores, [fixture('mail', 'maildir')]);
    expect(again.imported.every((s) => s.newPassages === 0)).toBe(true);
  });
});

describe('bad forum input', () => {
  async function refused(name: string, content: string | Buffer, message: RegExp): Promise<void> {
    const before = libraryChecksum(stores.db);
    const file = writeTemp(tempDir(), name, content);
    const { imported, failed } = await importPaths(stores, [file]);
    expect(imported).toEqual([]);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.error).toContain(name);
    expect(failed[0]!.error).toMatch(message);
    expect(libraryChecksum(stores.db)).toBe(before);
  }

  it('refuses truncated JSON', async () => {
    const whole = fs.readFileSync(fixture('reddit', 'r-python-91em1h-comment-context3.json'), 'utf8');
    await refused(
      'cut.json',
      whole.slice(0, Math.floor(whole.length * 0.6)),
      /not a Reddit thread|truncated|ends|unexpected/i,
    );
  });

  it('refuses JSON of another shape', async () => {
    await refused(
      'package.json',
      JSON.stringify({ name: 'x', version: '1.0.0', dependencies: {} }),
      /JSON of a shape Crux does not know/,
    );
  });

  it('still reads a paste that starts with a footnote as text, not as unknown JSON', async () => {
    const file = writeTemp(
      tempDir(),
      'notes.txt',
      '[1] https://example.org/source\nA paragraph long enough to be a passage of its own.\n',
    );
    const { imported, failed } = await importPaths(stores, [file]);
    expect(failed).toEqual([]);
    expect(imported[0]).toMatchObject({ format: 'text', passages: 2 });
  });

  it('refuses binary junk with a .json name', async () => {
    await refused(
      'junk.json',
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0xff]),
      /looks like a binary file/,
    );
  });

  it('refuses an HTML page that is not a thread', async () => {
    await refused('article.html', fs.readFileSync(fixture('html', 'plain-article.html')), /not a thread page/);
  });

  it('refuses a 1 GB file of zeros at once, without reading it through', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'huge.json');
    fs.closeSync(fs.openSync(file, 'w'));
    fs.truncateSync(file, 1024 ** 3);
    const started = Date.now();
    const { failed } = await importPaths(stores, [file]);
    expect(failed[0]!.error).toMatch(/huge\.json: looks like a binary file/);
    expect(Date.now() - started).toBeLessThan(2000);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads invalid UTF-8 in an export as Windows-1252 with a warning', async () => {
    const json = fs
      .readFileSync(fixture('discourse', 'try-discourse-topic57-sandbox.json'), 'utf8')
      .replace('sandbox', 'sandb\u00f6x');
    const file = writeTemp(tempDir(), 'latin1.json', Buffer.from(json, 'latin1'));
    const { imported } = await importPaths(stores, [file]);
    expect(imported[0]!.warnings.some((w) => /not valid UTF-8.*Windows-1252/.test(w))).toBe(true);
  });
});

describe('quotations in real exports link to the words they quote', () => {
  // For each format: every explicit quotation whose words stand in another post of the same file
  // must become a link from that post's answer to exactly those words of that post.
  const files: [string, string][] = [
    ['discourse', fixture('discourse', 'cf-t2108-posts-page1.json')],
    ['reddit', fixture('reddit', 'r-iama-z1c9z.json')],
    ['hacker news', fixture('hackernews', 'hn-25015967-biden-wins-hnpwa.json')],
    ['mail', fixture('mail', 'mbox', 'metrics-grimoire-pipermail-2016-04.mbox')],
    [
      'phpBB',
      fixture(
        'html',
        'phpbb',
        fs.readdirSync(fixture('html', 'phpbb')).find((f) => f.includes('page2'))!,
      ),
    ],
  ];
  for (const [label, file] of files) {
    it(label, async () => {
      const text = fs.readFileSync(file, 'utf8');
      const parser = detectForumParser(file, text.slice(0, 65536))!;
      const posts = postsOf(await parseEvents(parser, text, { file }));
      const own = new Map(
        posts.map((p) => [p.key, p.blocks.filter((b) => b.kind === 'paragraph').map((b) => normalize(b.text))]),
      );
      // (quoting post key, quoted post key, quoted words) the file itself tells us.
      const expected = posts.flatMap((p) =>
        p.blocks.flatMap((b) => {
          if (b.kind !== 'quote' || !isQuotable(normalize(b.text))) return [];
          const words = normalize(b.text);
          const source = posts.find((q) => q.key !== p.key && own.get(q.key)!.some((t) => t.includes(words)));
          return source ? [{ from: p, to: source, words }] : [];
        }),
      );
      expect(expected.length).toBeGreaterThan(0);

      const { imported } = await importPaths(stores, [file]);
      const view = threadView(stores, imported[0]!.threadId);
      const byPermalinkOrKey = (p: SourcePost) =>
        view.posts.find((v) =>
          p.permalink ? v.permalink === p.permalink : v.author === p.author && v.postedAt === p.postedAt,
        )!;
      const texts = new Map(
        view.posts.flatMap((v) => v.passages.map((x) => [x.id, { text: x.text, post: v.id }] as const)),
      );
      let found = 0;
      for (const { from, to, words } of expected) {
        const quoting = byPermalinkOrKey(from);
        const quoted = byPermalinkOrKey(to);
        const hit = quoting.passages
          .flatMap((x) => x.respondsTo)
          .find((l) => {
            const target = texts.get(l.passageId);
            return target?.post === quoted.id && normalize(target.text.slice(l.start, l.end)) === words;
          });
        if (hit) found++;
      }
      expect(found).toBe(expected.length);
    });
  }
});
