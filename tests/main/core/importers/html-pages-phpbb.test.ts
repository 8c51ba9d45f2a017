import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { askbotParser, phpbbParser } from '../../../../src/main/core/importers/html-pages';
import type { SourceEvent, SourceThread } from '../../../../src/main/core/importers/source-thread';
import { parseEvents, postsOf, threadsOf, warningsOf } from '../../../helpers/source-events';

const FIXTURES = path.join(__dirname, '../../../fixtures/html');

function read(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

const parse = (text: string): Promise<SourceEvent[]> => parseEvents(phpbbParser, text, { file: 'page.html' });

const threadOf = (events: SourceEvent[]): SourceThread => threadsOf(events)[0]!;

describe('phpBB topic pages', () => {
  it('reads a whole topic: identity from the HTTrack address, posts keyed by post id, board-local times', async () => {
    const events = await parse(read('phpbb/t8820-refresh-desktop.html'));
    expect(events[0]!.kind).toBe('thread');
    expect(threadOf(events)).toEqual({
      identity: 'html:www.dostips.com:t8820',
      title: 'Refresh Desktop (Powershell hybrid)',
      url: 'https://www.dostips.com/forum/viewtopic.php?t=8820',
      format: 'html',
    });
    const posts = postsOf(events);
    expect(posts.map((p) => [p.key, p.author, p.postedAt])).toEqual([
      ['57944', 'aGerman', '2018-09-05T10:44:00'],
      ['57946', 'ShadowThief', '2018-09-05T13:42:00'],
      ['57947', 'aGerman', '2018-09-05T14:24:00'],
      ['57950', 'Squashman', '2018-09-05T18:17:00'],
      ['57953', 'ShadowThief', '2018-09-05T22:36:00'],
      ['57956', 'Squashman', '2018-09-06T07:01:00'],
      ['57957', 'aGerman', '2018-09-06T10:34:00'],
    ]);
    expect(posts[0]!.permalink).toBe('https://www.dostips.com/forum/viewtopic.php?p=57944#p57944');
    // A flat board: nobody replies to a particular post, quotations say whom they answer.
    expect(posts.every((p) => p.parentKey === null)).toBe(true);
    // "Page 1 of 1" needs no warning, and the file is whole.
    expect(warningsOf(events)).toEqual([]);
  });

  it('keeps a code box as one passage without its "Select all" button, and never keeps markup', async () => {
    const [first] = postsOf(await parse(read('phpbb/t8820-refresh-desktop.html')));
    const code = first!.blocks.find((b) => b.text.startsWith('@echo off &setlocal'));
    expect(code?.kind).toBe('paragraph');
    expect(code?.text).toContain('%refresh_desktop%\necho %errorlevel%\npause');
    expect(first!.blocks.some((b) => b.text.includes('Select all'))).toBe(false);
    expect(first!.blocks.some((b) => /<\/?(div|br|a|code|pre)\b|class=/.test(b.text))).toBe(false);
    expect(first!.blocks.at(-1)!.text).toMatch(/Steffen$/);
  });

  it('credits phpBB 3.2 quotations to the quoted post, and a quotation inside a quotation to its own author', async () => {
    const posts = postsOf(await parse(read('phpbb/t8820-refresh-desktop.html')));
    const byKey = new Map(posts.map((p) => [p.key, p]));
    expect(byKey.get('57953')!.blocks).toEqual([
      expect.objectContaining({ kind: 'quote', fromAuthor: 'Squashman', fromPostKey: '57950' }),
      { kind: 'paragraph', text: 'You mean viewtopic.php?t=4762#p27555?' },
    ]);
    // 57956 quotes ShadowThief's 57953, which itself quoted Squashman's 57950.
    const quotes = byKey.get('57956')!.blocks.filter((b) => b.kind === 'quote');
    expect(quotes.map((q) => [q.kind === 'quote' && q.fromAuthor, q.kind === 'quote' && q.fromPostKey])).toEqual([
      ['Squashman', '57950'],
      ['ShadowThief', '57953'],
    ]);
    expect(quotes[0]!.text).toMatch(/^I am not a \.net programmer/);
    expect(quotes[1]!.text).toBe('You mean viewtopic.php?t=4762#p27555?');
  });

  it('gives page 1 and page 2 of a topic the same thread identity, with disjoint post keys', async () => {
    const page1 = await parse(read('phpbb/t2597-set-performance-page1.html'));
    const page2 = await parse(read('phpbb/t2597-set-performance-page2.html'));
    expect(threadOf(page1).identity).toBe('html:www.dostips.com:t2597');
    expect(threadOf(page2)).toEqual(threadOf(page1));
    expect(threadOf(page1).title).toBe('Why does SET performance degrade as environment size grows?');
    const keys1 = postsOf(page1).map((p) => p.key);
    const keys2 = postsOf(page2).map((p) => p.key);
    expect(keys1).toHaveLength(15);
    expect(keys2).toHaveLength(15);
    expect(keys1[0]).toBe('11829');
    expect(keys2[0]).toBe('21525');
    expect(keys2.at(-1)).toBe('32489');
    expect(new Set([...keys1, ...keys2]).size).toBe(30);
    expect(warningsOf(page1)).toEqual([expect.stringContaining('page 1 of 3')]);
    expect(warningsOf(page2)).toEqual([expect.stringContaining('page 2 of 3')]);
  });

  it('reads heavy quoting: every cited quotation keeps its author, "On <date> X wrote:" included', async () => {
    const posts = postsOf(await parse(read('phpbb/t2597-set-performance-page2.html')));
    const first = posts[0]!;
    expect([first.author, first.postedAt]).toEqual(['Aacini', '2012-11-01T11:57:00']);
    expect(first.blocks.filter((b) => b.kind === 'quote').map((b) => b.kind === 'quote' && b.fromAuthor)).toEqual([
      'dbenham',
      'Aacini',
      'Liviu',
    ]);
    // The smiley image is read as its text.
    expect(first.blocks[0]!.text).toMatch(/grows :\?:$/);
    const authors = new Set(
      posts.flatMap((p) => p.blocks.flatMap((b) => (b.kind === 'quote' && b.fromAuthor ? [b.fromAuthor] : []))),
    );
    expect([...authors].sort()).toEqual(['Aacini', 'Ed Dyreen', 'Liviu', 'alan_b', 'dbenham']);
    // Posts without quotations have none; 21574 quotes alan_b only.
    const last = posts.find((p) => p.key === '21574')!;
    expect(last.blocks.filter((b) => b.kind === 'quote').map((b) => b.kind === 'quote' && b.fromAuthor)).toEqual([
      'alan_b',
    ]);
    expect(posts.find((p) => p.key === '32489')!.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('reads quotations without a cite as anonymous quotations', async () => {
    const posts = postsOf(await parse(read('phpbb/t2597-set-performance-page1.html')));
    const post = posts.find((p) => p.key === '12030')!;
    const quotes = post.blocks.filter((b) => b.kind === 'quote');
    expect(quotes).toHaveLength(2);
    expect(quotes.every((q) => q.kind === 'quote' && q.fromAuthor === undefined)).toBe(true);
  });

  it('sniffs phpBB pages and nothing else among the saved pages', () => {
    const head = (name: string) => read(name).slice(0, 65536);
    expect(phpbbParser.sniff('a.html', head('phpbb/t8820-refresh-desktop.html'))).toBe(true);
    expect(phpbbParser.sniff('a.html', head('phpbb/t2597-set-performance-page2.html'))).toBe(true);
    for (const other of [
      'meta-discourse-topic12483-octoverse.html',
      'ask-openstack-q26830-comments.html',
      'ptt-gossiping-thread-zh.html',
    ]) {
      expect(phpbbParser.sniff('a.html', head(other))).toBe(false);
    }
    expect(askbotParser.sniff('a.html', head('phpbb/t8820-refresh-desktop.html'))).toBe(false);
  });

  it('reads a board saved without its address: no links, and says so', async () => {
    const page = `<!DOCTYPE html><html><head><title>Topic - Page 1 - Board</title></head><body id="phpbb">
      <h2 class="topic-title"><a href="./viewtopic.php?f=2&amp;t=77">Topic</a></h2>
      <div class="pagination">3 posts • Page <strong>1</strong> of <strong>1</strong></div>
      <div id="p5" class="post bg2"><div class="postbody"><h3>Topic</h3>
        <p class="author"><a href="./viewtopic.php?p=5#p5">Post</a> by <strong><span class="username">Guest Name</span></strong> » <time datetime="2019-02-03T04:05:00+00:00">Sun Feb 03, 2019 5:05 am</time></p>
        <div class="content">Hello<br>world</div></div></div>
      <div id="p6" class="post bg1"><div class="postbody"><h3>Another subject</h3>
        <p class="author">by <strong>Visitor</strong> » Sun Feb 03, 2019 5:07 pm</p>
        <div class="content">Hi</div></div></div>
    </body></html>`;
    const events = await parse(page);
    expect(threadOf(events)).toEqual({ identity: 'html:unknown:t77', title: 'Topic', url: null, format: 'html' });
    expect(warningsOf(events)).toEqual([expect.stringContaining('does not say which board')]);
    expect(postsOf(events)).toEqual([
      {
        key: '5',
        parentKey: null,
        author: 'Guest Name',
        postedAt: '2019-02-03T04:05:00.000Z',
        permalink: null,
        blocks: [{ kind: 'paragraph', text: 'Hello\nworld' }],
      },
      {
        key: '6',
        parentKey: null,
        author: 'Visitor',
        postedAt: '2019-02-03T17:07:00',
        permalink: null,
        title: 'Another subject',
        blocks: [{ kind: 'paragraph', text: 'Hi' }],
      },
    ]);
  });

  it('warns when the saved page stops before its end', async () => {
    const text = read('phpbb/t8820-refresh-desktop.html');
    const cut = text.slice(0, text.indexOf('<div id="p57956"') + 2000);
    const events = await parse(cut);
    expect(
      postsOf(events)
        .map((p) => p.key)
        .at(-1),
    ).toBe('57956');
    expect(warningsOf(events)).toEqual([expect.stringContaining('truncated')]);
  });

  it('refuses pages that are not phpBB topics, in words a user understands', async () => {
    await expect(parse(read('meta-discourse-topic12483-octoverse.html'))).rejects.toThrow(
      'not a phpBB topic page: no posts (div.post with id pNNN) found',
    );
    await expect(parse('')).rejects.toThrow('not an HTML page');
    await expect(parse('\u0000\u0001PK\u0003\u0004 binary junk \uFFFD\uFFFD')).rejects.toThrow('not an HTML page');
    await expect(parse('{"post_stream": {"posts": []}}')).rejects.toThrow('not an HTML page');
  });

  it('turns a page nested too deeply to read into a readable error', async () => {
    const deep = `<html><body id="phpbb"><div id="p1" class="post"><div class="content">${'<blockquote>'.repeat(20000)}x</div></div></body></html>`;
    const started = Date.now();
    await expect(parse(deep)).rejects.toThrow('not a readable page: its elements are nested too deeply');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
