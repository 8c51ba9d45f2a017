import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../../../../src/main/core/importers/html-text';

describe('HTML to text blocks', () => {
  it('keeps paragraphs, list items, code blocks and links as text + URL', () => {
    expect(
      htmlToBlocks(
        '<p>Hi &gt; there<p>second <a href="https://example.org/a">link</a><pre><code>a\n  b</code></pre><ul><li>one<li>two</ul>',
      ),
    ).toEqual([
      { kind: 'paragraph', text: 'Hi > there' },
      { kind: 'paragraph', text: 'second link (https://example.org/a)' },
      { kind: 'paragraph', text: 'a\n  b' },
      { kind: 'paragraph', text: 'one' },
      { kind: 'paragraph', text: 'two' },
    ]);
  });

  it('reads quotations with their attribution, Discourse and phpBB style', () => {
    const discourse =
      '<aside class="quote no-group" data-username="Elliot" data-post="2" data-topic="2108"><div class="title"><img class="avatar">Elliot:</div><blockquote><p>Thanks! I appreciate your careful read.</p></blockquote></aside><p>My answer.</p>';
    expect(htmlToBlocks(discourse)).toEqual([
      { kind: 'quote', text: 'Thanks! I appreciate your careful read.', fromAuthor: 'Elliot', fromPostKey: '2' },
      { kind: 'paragraph', text: 'My answer.' },
    ]);
    expect(htmlToBlocks('<blockquote><div><cite>aGerman wrote:</cite>Use SETLOCAL first.</div></blockquote>')).toEqual([
      { kind: 'quote', text: 'Use SETLOCAL first.', fromAuthor: 'aGerman' },
    ]);
  });

  it('never keeps markup: scripts, handlers and tags are gone, only their text remains', () => {
    const blocks = htmlToBlocks(
      '<p>safe <script>alert(1)</script><img src=x onerror=alert(1)><b onclick="x()">bold</b></p>',
    );
    expect(blocks).toEqual([{ kind: 'paragraph', text: 'safe bold' }]);
  });
});

describe('HTML line breaks and nested quotations', () => {
  it('treats source newlines as spaces and <br> as a line break', () => {
    expect(htmlToBlocks('<p>first line<br>\nsecond\nline</p>')).toEqual([
      { kind: 'paragraph', text: 'first line\nsecond line' },
    ]);
  });

  it('credits a quotation inside a quotation to its own author', () => {
    const html =
      '<aside class="quote" data-username="eternity" data-post="13"><blockquote><p>outer words</p><aside class="quote" data-username="anon45" data-post="3"><blockquote><p>inner words</p></blockquote></aside></blockquote></aside>';
    expect(htmlToBlocks(html)).toEqual([
      { kind: 'quote', text: 'outer words', fromAuthor: 'eternity', fromPostKey: '13' },
      { kind: 'quote', text: 'inner words', fromAuthor: 'anon45', fromPostKey: '3' },
    ]);
  });
});
