import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { importForumFile } from '../../../../src/main/core/import/import-forum';
import { inspectSource } from '../../../../src/main/core/import/source-file';
import { askbotParser, phpbbParser } from '../../../../src/main/core/importers/html-pages';
import { threadView } from '../../../../src/main/core/library/thread-view';
import type { Stores } from '../../../../src/main/core/store';
import { FIXTURES, tempLibrary } from '../../../helpers/library';

const HTML = path.join(FIXTURES, 'html');

let stores: Stores;
beforeEach(() => {
  ({ stores } = tempLibrary());
});

describe('saved pages through the import pipeline', () => {
  it('fills one thread from page 1 and page 2 of a phpBB topic', async () => {
    const [first] = await importForumFile(
      stores,
      await inspectSource(path.join(HTML, 'phpbb/t2597-set-performance-page1.html')),
      phpbbParser,
    );
    const [second] = await importForumFile(
      stores,
      await inspectSource(path.join(HTML, 'phpbb/t2597-set-performance-page2.html')),
      phpbbParser,
    );
    expect(second!.threadId).toBe(first!.threadId);
    const view = threadView(stores, first!.threadId);
    expect(view.thread.title).toBe('Why does SET performance degrade as environment size grows?');
    expect(view.posts).toHaveLength(30);
    expect(view.posts.map((p) => p.author).slice(0, 2)).toEqual(['dbenham', 'orange_batch']);
  });

  it('links a quotation to the passage of the post it quotes', async () => {
    const [summary] = await importForumFile(
      stores,
      await inspectSource(path.join(HTML, 'phpbb/t8820-refresh-desktop.html')),
      phpbbParser,
    );
    const view = threadView(stores, summary!.threadId);
    const quoted = view.posts.find((p) => p.permalink?.endsWith('#p57950'))!;
    const reply = view.posts.find((p) => p.permalink?.endsWith('#p57953'))!;
    const targets = reply.passages.flatMap((p) => p.respondsTo.map((r) => r.passageId));
    expect(targets).toContain(quoted.passages[0]!.id);
  });

  it('stores the question repeated on two Askbot pages once', async () => {
    for (const page of ['ask-openstack-q24396-page1.html', 'ask-openstack-q24396-page2.html']) {
      await importForumFile(stores, await inspectSource(path.join(HTML, page)), askbotParser);
    }
    const [summary] = await importForumFile(
      stores,
      await inspectSource(path.join(HTML, 'ask-openstack-q24396-page2.html')),
      askbotParser,
    );
    const view = threadView(stores, summary!.threadId);
    expect(view.posts).toHaveLength(21);
    expect(view.posts.filter((p) => p.author === 'xinxin-shu' && p.parentId === null)).toHaveLength(1);
    const question = view.posts.find((p) => p.parentId === null)!;
    expect(view.posts.filter((p) => p.parentId === question.id)).toHaveLength(20);
  });
});
