import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { askbotParser, genericPageParser, phpbbParser } from '../../../../src/main/core/importers/html-pages';
import type { SourceEvent, SourceThread } from '../../../../src/main/core/importers/source-thread';
import { parseEvents, postsOf, threadsOf, warningsOf } from '../../../helpers/source-events';

const FIXTURES = path.join(__dirname, '../../../fixtures/html');
const Q26830 =
  'https://ask.openstack.org/en/question/26830/how-can-i-get-a-devstack-version-working-with-docker-in-my-local-environment/';
const Q24396 = 'https://ask.openstack.org/en/question/24396/instance-get-more-than-one-fixed-ipgrizzly-g3/';

function read(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

const parse = (text: string): Promise<SourceEvent[]> => parseEvents(askbotParser, text, { file: 'page.html' });

const threadOf = (events: SourceEvent[]): SourceThread => threadsOf(events)[0]!;

describe('Askbot question pages', () => {
  it('reads the question, its answers and every comment under the post it belongs to', async () => {
    const events = await parse(read('ask-openstack-q26830-comments.html'));
    expect(threadOf(events)).toEqual({
      identity: 'html:ask.openstack.org:q26830',
      title: 'how can I get a devstack version working with docker in my local environment?',
      url: Q26830,
      format: 'html',
    });
    const posts = postsOf(events);
    expect(posts.map((p) => [p.key, p.parentKey, p.author, p.postedAt])).toEqual([
      ['26830', null, 'Ignacio Mulas', '2014-04-08T15:24:04.000Z'],
      ['26835', '26830', 'SGPJ', '2014-04-08T17:21:55.000Z'],
      ['26844', '26830', 'Ignacio Mulas', '2014-04-08T20:46:11.000Z'],
      ['26878', '26830', 'smaffulli', '2014-04-09T08:49:07.000Z'],
      ['27116', '26830', 'SGPJ', '2014-04-11T19:12:01.000Z'],
      ['27145', '27116', 'Ignacio Mulas', '2014-04-12T10:36:49.000Z'],
      ['48336', '26830', 'syed_hussain', '2014-09-24T15:32:48.000Z'],
      ['27131', '26830', 'cloudssky', '2014-04-11T23:30:45.000Z'],
      ['27146', '27131', 'Ignacio Mulas', '2014-04-12T10:44:16.000Z'],
      ['27147', '27131', 'cloudssky', '2014-04-12T10:55:51.000Z'],
      ['27154', '27131', 'Ignacio Mulas', '2014-04-12T13:02:44.000Z'],
    ]);
    expect(warningsOf(events)).toEqual([]);
  });

  it('links answers by the permalink the page gives and comments by their anchor', async () => {
    const posts = postsOf(await parse(read('ask-openstack-q26830-comments.html')));
    const byKey = new Map(posts.map((p) => [p.key, p]));
    expect(byKey.get('26830')!.permalink).toBe(Q26830);
    expect(byKey.get('27116')!.permalink).toBe(`${Q26830}?answer=27116#post-id-27116`);
    expect(byKey.get('26835')!.permalink).toBe(`${Q26830}#post-id-26835`);
    expect(byKey.get('27145')!.permalink).toBe(`${Q26830}?answer=27116#post-id-27145`);
  });

  it('reads bodies without the user cards, vote buttons or "add a comment" stubs', async () => {
    const posts = postsOf(await parse(read('ask-openstack-q26830-comments.html')));
    const question = posts[0]!;
    expect(question.blocks[0]).toEqual({
      kind: 'paragraph',
      text: expect.stringMatching(/^I am trying to install devstack with docker hypervisor\./),
    });
    expect(question.blocks).toHaveLength(4);
    const all = posts.flatMap((p) => p.blocks.map((b) => b.text)).join('\n');
    expect(all).not.toMatch(/add a comment|gravatar|convert to answer|flag offensive|asked 2014/);
    expect(posts.find((p) => p.key === '27116')!.blocks.map((b) => b.text)).toEqual([
      expect.stringMatching(/^Docker full support will be available in icehouse release\./),
      'So we need to wait till April 17th for release.',
      'Thanks.',
    ]);
    expect(posts.find((p) => p.key === '26844')!.blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'Yes! I tried the same neither the stable or development branches contains the docker installation script... :(',
      },
    ]);
  });

  it('gives every page of a question the same identity and the same question, so pages merge', async () => {
    const page1 = await parse(read('ask-openstack-q24396-page1.html'));
    const page2 = await parse(read('ask-openstack-q24396-page2.html'));
    expect(threadOf(page1)).toEqual({
      identity: 'html:ask.openstack.org:q24396',
      title: 'instance get more than one fixed ip(grizzly-g3)',
      url: Q24396,
      format: 'html',
    });
    expect(threadOf(page2)).toEqual(threadOf(page1));
    const posts1 = postsOf(page1);
    const posts2 = postsOf(page2);
    expect(posts1).toHaveLength(11);
    expect(posts2).toHaveLength(11);
    // The question repeats on every page under the same key, with the same content.
    expect(posts2[0]).toEqual(posts1[0]);
    expect(posts1[0]!.author).toBe('xinxin-shu');
    expect(posts1[0]!.postedAt).toBe('2013-03-26T07:09:38.000Z');
    const keys = new Set([...posts1, ...posts2].map((p) => p.key));
    expect(keys.size).toBe(21);
    expect(posts1.slice(1).map((p) => p.key)).toEqual([
      '24427',
      '24426',
      '24425',
      '24424',
      '24423',
      '24419',
      '24418',
      '24417',
      '24416',
      '24414',
    ]);
    expect(posts2.slice(1).every((p) => p.parentKey === '24396')).toBe(true);
    expect(posts2[1]).toMatchObject({ key: '24413', author: 'snaiksat', postedAt: '2013-03-28T04:36:13.000Z' });
  });

  it('says which page of how many a file is, and that the question is shown cut short', async () => {
    const warnings = warningsOf(await parse(read('ask-openstack-q24396-page2.html')));
    expect(warnings).toEqual([
      expect.stringMatching(/page 2 of 4 .*\(31 answers in all\)/),
      expect.stringContaining('post 24396 is shown shortened'),
    ]);
    const [question] = postsOf(await parse(read('ask-openstack-q24396-page1.html')));
    expect(question!.blocks.at(-1)!.text).toBe('[AGENT] root_helper = sudo quantum-rootwrap /etc/quantum ...');
  });

  it('reads quoted mail inside an answer as quotations', async () => {
    const posts = postsOf(await parse(read('ask-openstack-q24396-page1.html')));
    const answer = posts.find((p) => p.key === '24419')!;
    const quotes = answer.blocks.filter((b) => b.kind === 'quote');
    expect(quotes.length).toBeGreaterThan(0);
    expect(quotes[0]!.text).toMatch(/^Question #225158 on quantum changed:/);
    expect(answer.blocks[0]!.kind).toBe('paragraph');
  });

  it('sniffs Askbot pages only', () => {
    const head = (name: string) => read(name).slice(0, 65536);
    for (const page of ['ask-openstack-q24396-page1.html', 'ask-openstack-q26830-comments.html']) {
      expect(askbotParser.sniff('q.html', head(page))).toBe(true);
      expect(phpbbParser.sniff('q.html', head(page))).toBe(false);
    }
    for (const other of [
      'meta-discourse-topic12483-octoverse.html',
      'ptt-gossiping-thread-zh.html',
      'phpbb/t8820-refresh-desktop.html',
    ]) {
      expect(askbotParser.sniff('q.html', head(other))).toBe(false);
    }
    expect(genericPageParser.sniff('q.html', head('ask-openstack-q24396-page1.html'))).toBe(true);
  });

  it('refuses pages without a question block', async () => {
    await expect(parse(read('meta-discourse-topic12483-octoverse.html'))).rejects.toThrow(
      'not an Askbot question page: no question block (div.post.js-question) found',
    );
    await expect(parse('   ')).rejects.toThrow('not an HTML page');
    const cut = read('ask-openstack-q26830-comments.html').slice(0, 20000);
    await expect(parse(cut)).rejects.toThrow('not an Askbot question page');
  });

  it('reads a truncated page up to where it stops, and says so', async () => {
    const text = read('ask-openstack-q26830-comments.html');
    const events = await parse(text.slice(0, text.indexOf('id="post-id-27131"')));
    expect(postsOf(events).map((p) => p.key)).toEqual(['26830', '26835', '26844', '26878', '27116', '27145', '48336']);
    expect(warningsOf(events)).toEqual([expect.stringContaining('truncated')]);
  });
});
