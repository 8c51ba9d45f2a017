import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { genericPageParser } from '../../../../src/main/core/importers/html-pages';
import type { SourceEvent, SourceThread } from '../../../../src/main/core/importers/source-thread';
import { parseEvents, postsOf, threadsOf, warningsOf } from '../../../helpers/source-events';

const FIXTURES = path.join(__dirname, '../../../fixtures/html');
const BLOG = 'https://blog.example.org/2021/03/is-free-will-compatible/';

function read(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

const parse = (text: string): Promise<SourceEvent[]> => parseEvents(genericPageParser, text, { file: 'page.html' });

const threadOf = (events: SourceEvent[]): SourceThread => threadsOf(events)[0]!;

describe('PTT (BBS) articles', () => {
  it('reads the article and its pushes, merging a user’s consecutive push lines into one reply', async () => {
    const events = await parse(read('ptt-gossiping-thread-zh.html'));
    expect(threadOf(events)).toEqual({
      identity: 'html:www.ptt.cc:Gossiping/M.1421846278.A.824',
      title: '[爆卦] 清查不當黨產展覽展件資料公開',
      url: 'https://www.ptt.cc/bbs/Gossiping/M.1421846278.A.824.html',
      format: 'html',
    });
    const [article, ...pushes] = postsOf(events);
    expect(article).toMatchObject({
      key: 'M.1421846278.A.824',
      parentKey: null,
      author: 'billy3321',
      postedAt: '2015-01-21T21:17:51',
      permalink: 'https://www.ptt.cc/bbs/Gossiping/M.1421846278.A.824.html',
    });
    // 187 push lines; KCKCLIN, adifdtd and tomanbaya each continued over two lines.
    expect(pushes).toHaveLength(184);
    expect(new Set(pushes.map((p) => p.author)).size).toBe(180);
    expect(pushes.every((p) => p.parentKey === 'M.1421846278.A.824' && p.permalink === null)).toBe(true);
    expect(pushes[0]).toEqual({
      key: 'push-1',
      parentKey: 'M.1421846278.A.824',
      author: 'a1122334424',
      postedAt: '2015-01-21T21:18:00',
      permalink: null,
      blocks: [{ kind: 'paragraph', text: '正常能量釋放' }],
    });
    const kckclin = pushes.find((p) => p.author === 'KCKCLIN')!;
    expect(kckclin.key).toBe('push-48');
    // The second line continues a word ("覺" + "醒"): the lines join without a break.
    expect(kckclin.blocks).toEqual([
      { kind: 'paragraph', text: '那些分不到油水還蝦挺狗冥黨的蠢渣支持者不知道有沒有覺醒的一天' },
    ]);
    expect(pushes.find((p) => p.key === 'push-49')).toBeUndefined();
    expect(pushes.at(-1)).toMatchObject({ key: 'push-187', author: 'hachu1028', postedAt: '2015-01-23T14:06:00' });
  });

  it('keeps a bare vote as its tag, and the article without its signature and site lines', async () => {
    const [article, ...pushes] = postsOf(await parse(read('ptt-gossiping-thread-zh.html')));
    expect(pushes.find((p) => p.author === 'FY4')!.blocks).toEqual([{ kind: 'paragraph', text: '推' }]);
    const text = article!.blocks.map((b) => b.text).join('\n');
    expect(text).not.toMatch(/※|發信站|123\.192\.247\.111|^--$/m);
    expect(text).not.toMatch(/作者|看板/);
    // Lines the terminal wrapped are one paragraph again.
    expect(article!.blocks[0]).toEqual({
      kind: 'paragraph',
      text: '2007年8月時，陳水扁政府曾在全台各地舉辦過「清查不當黨產 捍衛國家資產」展覽，展出了大量從政府機關挖到的公文。這些公文證明了當年國民黨如何以各種方式取得大批的不當黨產。',
    });
    expect(article!.blocks.at(-1)!.text).toBe(
      '本文有FB、G+版，歡迎分享：\nFB版：http://on.fb.me/1CP4tY6\nG+版：http://bit.ly/1ulXGjH',
    );
    expect(article!.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('takes pushes into the next year after December, and reads a reply article’s quotation', async () => {
    const page = `<html><body><div id="main-content" class="bbs-screen bbs-content"><div class="article-metaline"><span class="article-meta-tag">作者</span><span class="article-meta-value">alice (A)</span></div><div class="article-metaline"><span class="article-meta-tag">標題</span><span class="article-meta-value">Re: [問卦] 跨年</span></div><div class="article-metaline"><span class="article-meta-tag">時間</span><span class="article-meta-value">Thu Dec 31 23:50:00 2015</span></div>
※ 引述《bob (B)》之銘言：
: 今年最後一篇
: 明年見

我也是
--
<span class="f2">※ 發信站: 批踢踢實業坊(ptt.cc), 來自: 1.2.3.4
</span><div class="push"><span class="push-tag">推 </span><span class="push-userid">carol</span><span class="push-content">: 新年快樂</span><span class="push-ipdatetime"> 12/31 23:59
</span></div><div class="push"><span class="push-tag">噓 </span><span class="push-userid">dave</span><span class="push-content">: </span><span class="push-ipdatetime"> 01/01 00:01
</span></div></div></body></html>`;
    const events = await parse(page);
    expect(threadOf(events)).toEqual({
      identity: 'html:unknown:Re: [問卦] 跨年',
      title: 'Re: [問卦] 跨年',
      url: null,
      format: 'html',
    });
    const [article, carol, dave] = postsOf(events);
    expect(article!.blocks).toEqual([
      { kind: 'quote', text: '今年最後一篇\n明年見', fromAuthor: 'bob' },
      { kind: 'paragraph', text: '我也是' },
    ]);
    expect(carol!.postedAt).toBe('2015-12-31T23:59:00');
    expect(dave).toMatchObject({ postedAt: '2016-01-01T00:01:00', blocks: [{ kind: 'paragraph', text: '噓' }] });
  });
});

describe('pages that repeat a post container', () => {
  it('reads nested comments as replies, with authors, zoned times and permalinks', async () => {
    const events = await parse(read('blog-comments-nested.html'));
    expect(threadOf(events)).toEqual({
      identity: 'html:blog.example.org:/2021/03/is-free-will-compatible/',
      title: 'Is free will compatible with determinism?',
      url: BLOG,
      format: 'html',
    });
    expect(warningsOf(events)).toEqual([]);
    const posts = postsOf(events);
    expect(posts.map((p) => [p.key, p.parentKey, p.author, p.postedAt, p.permalink])).toEqual([
      ['comment-101', null, 'Ada', '2021-03-04T08:15:00.000Z', `${BLOG}#comment-101`],
      ['comment-102', 'comment-101', 'Brendan', '2021-03-04T09:02:00.000Z', `${BLOG}#comment-102`],
      ['comment-104', 'comment-102', 'Ada', '2021-03-05T08:00:00.000Z', `${BLOG}#comment-104`],
      ['comment-103', null, 'Chidi', '2021-03-04T17:40:00.000Z', `${BLOG}#comment-103`],
    ]);
  });

  it('reads each comment’s own text only: no replies, bylines, menus, sidebars or scripts', async () => {
    const posts = postsOf(await parse(read('blog-comments-nested.html')));
    expect(posts.map((p) => p.blocks)).toEqual([
      [
        {
          kind: 'paragraph',
          text: 'The past does not force anything; it just is what happened. Causes are not chains.',
        },
      ],
      [
        { kind: 'quote', text: 'Causes are not chains.' },
        { kind: 'paragraph', text: 'Then what makes the outcome fixed before you choose?' },
      ],
      [{ kind: 'paragraph', text: 'Nothing is fixed "before" in a way that excludes you.' }],
      [
        {
          kind: 'paragraph',
          text: 'Frankfurt cases show that being able to do otherwise is not what responsibility needs.',
        },
        {
          kind: 'paragraph',
          text: 'Second paragraph & more: SEP entry (https://plato.stanford.edu/entries/compatibilism/).',
        },
      ],
    ]);
  });

  it('keys posts by their place when the page gives no ids, and says when it has no address', async () => {
    const events = await parse(read('flat-board-no-url.html'));
    expect(threadOf(events)).toEqual({
      identity: 'html:unknown:Should cities ban cars downtown?',
      title: 'Should cities ban cars downtown?',
      url: null,
      format: 'html',
    });
    expect(warningsOf(events)).toEqual([expect.stringContaining('does not say where it came from')]);
    expect(postsOf(events)).toEqual([
      {
        key: 'post-1',
        parentKey: null,
        author: 'marguerite',
        postedAt: null,
        permalink: null,
        blocks: [
          {
            kind: 'paragraph',
            text: 'Every city that closed its centre to cars saw shops complain first and thrive later.',
          },
        ],
      },
      {
        key: 'post-2',
        parentKey: null,
        author: 'T. Okafor',
        postedAt: '2009-06-02',
        permalink: null,
        blocks: [
          {
            kind: 'paragraph',
            text: 'Shops thrive, maybe. Deliveries and disabled drivers still need a way in.\nBan through-traffic, not access.',
          },
        ],
      },
      {
        key: 'post-3',
        parentKey: null,
        author: null,
        postedAt: null,
        permalink: null,
        blocks: [{ kind: 'paragraph', text: 'Anonymous here: nobody asked the people who live there.' }],
      },
    ]);
  });

  it('refuses pages that are not threads', async () => {
    const message = 'not a thread page: no repeated post containers found';
    await expect(parse(read('plain-article.html'))).rejects.toThrow(message);
    await expect(parse(read('empty-page.html'))).rejects.toThrow(message);
    // The crawler view of a saved Discourse page is another parser's; this one finds no posts in it.
    await expect(parse(read('meta-discourse-topic12483-octoverse.html'))).rejects.toThrow(message);
    await expect(parse('')).rejects.toThrow('not an HTML page: it holds no markup');
    await expect(parse('just some words, no markup at all')).rejects.toThrow('not an HTML page');
    await expect(parse('\u0000\u0007\u00ff binary \uFFFD junk')).rejects.toThrow('not an HTML page');
  });

  it('sniffs anything that starts as markup, and not JSON or mail holding HTML strings', () => {
    expect(genericPageParser.sniff('a.html', read('plain-article.html'))).toBe(true);
    expect(genericPageParser.sniff('a.html', '\uFEFF  <html><body></body></html>')).toBe(true);
    expect(genericPageParser.sniff('a.json', '{"cooked": "<p>hello</p><div>x</div>"}')).toBe(false);
    expect(genericPageParser.sniff('a.mbox', 'From a@b Sat Jan 1 00:00:00 2000\n\n<p>hi</p>')).toBe(false);
  });

  it('reads a page cut short, and says so', async () => {
    const text = read('blog-comments-nested.html');
    const events = await parse(text.slice(0, text.indexOf('<aside class="sidebar">')));
    expect(postsOf(events)).toHaveLength(4);
    expect(warningsOf(events)).toEqual([expect.stringContaining('truncated')]);
  });
});
