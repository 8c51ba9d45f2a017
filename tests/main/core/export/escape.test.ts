import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import {
  containMarkdown,
  escapeMarkdownLine,
  markdownLink,
  safeHttpUrl,
  sourceFileName,
  yamlString,
} from '../../../../src/main/core/export/escape';
import { allTokens, commonmark, gfmish, headings, inlineText } from './read-markdown';

const NASTY_LINES = [
  '# heading',
  '###### six',
  '---',
  '- - -',
  '***',
  '___',
  '===',
  '=',
  'foo ==mark== bar',
  '- item',
  '+ item',
  '* item',
  '1. item',
  '12) item',
  'a. item',
  'iv) item',
  '(1) item',
  '(@) example',
  ': definition',
  '~ definition',
  '> quote',
  '| a | b |',
  '|---|---|',
  '```',
  '~~~',
  '`code`',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<!-- comment',
  '<?php ?>',
  '<![CDATA[ x ]]>',
  '<http://example.org>',
  '<a@example.org>',
  '[x](javascript:alert(1))',
  '![x](http://example.org/x.png)',
  '[x][ref]',
  '[^1]',
  '[[wiki]] ![[embed]]',
  '*em* _em_ **strong** __strong__',
  'snake_case_word and 2*3*4',
  '~~strike~~ ~sub~ ^sup^',
  '$x^2$ and $$display$$',
  '%%hidden%%',
  'key:: value',
  '#tag and #nested/tag',
  'text ^block-id',
  '{{embed [[x]]}} ((block-ref))',
  '@citation [@cite]',
  'mail@example.org',
  '&lt; &amp; &#60; &#x3C; &copy; & alone',
  'back\\slash \\* \\',
  'trailing backslash\\',
  'ends with spaces  ',
  '\\\\ double',
  '“smart” quotes — and dashes -- ...',
];

describe('escapeMarkdownLine', () => {
  for (const [name, md] of [
    ['CommonMark', commonmark],
    ['markdown-it default', gfmish],
  ] as const) {
    it(`renders each construct as its literal text, at a line start and inline (${name})`, () => {
      for (const line of NASTY_LINES) {
        for (const [source, expected] of [
          [escapeMarkdownLine(line, true), line.trim()],
          ['x ' + escapeMarkdownLine(line), 'x ' + line.trim()],
        ]) {
          const tokens = md.parse(source!, {});
          expect(
            tokens.map((t) => t.type),
            line,
          ).toEqual(['paragraph_open', 'inline', 'paragraph_close']);
          expect(new Set(tokens[1]!.children!.map((c) => c.type)), line).toEqual(new Set(['text']));
          expect(inlineText(tokens[1]!), line).toBe(expected);
        }
      }
    });
  }
});

describe('safeHttpUrl and markdownLink', () => {
  it('accepts only http(s) addresses', () => {
    for (const bad of [
      'javascript:alert(1)',
      ' JavaScript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'file:///etc/passwd',
      '/relative/path',
      '//evil.example/x',
      'not a url',
      '',
      null,
    ]) {
      expect(safeHttpUrl(bad), String(bad)).toBeNull();
      expect(markdownLink('t', bad)).toBe('t');
    }
    expect(safeHttpUrl('HTTPS://Example.org/a b(c)<d>"e\\f')).toBe('https://example.org/a%20b%28c%29%3Cd%3E%22e/f');
  });

  it('writes a link whose text and target survive', () => {
    const source = markdownLink('a ](x) [b] <i>', 'https://example.org/p?a=1&amp;b=(2)#frag ment');
    const tokens = allTokens(commonmark.parse(source, {}));
    const links = tokens.filter((t) => t.type === 'link_open');
    expect(links.map((t) => t.attrGet('href'))).toEqual(['https://example.org/p?a=1&amp;b=%282%29#frag%20ment']);
    expect(inlineText(commonmark.parse(source, {})[1]!)).toBe('a ](x) [b] <i>');
  });
});

describe('sourceFileName', () => {
  it('keeps a file’s name and drops its folders and other addresses', () => {
    expect(sourceFileName('/home/someone/Downloads/thread.txt')).toBe('thread.txt');
    expect(sourceFileName('C:\\Users\\someone\\thread dump.json')).toBe('thread dump.json');
    expect(sourceFileName('file:///home/someone/My%20Thread.html')).toBe('My Thread.html');
    expect(sourceFileName('https://example.org/t/1')).toBeNull();
    expect(sourceFileName('javascript:alert(1)')).toBeNull();
    expect(sourceFileName(null)).toBeNull();
  });
});

describe('yamlString', () => {
  it('round-trips any string through a YAML parser, on one line', () => {
    for (const value of [
      'plain',
      'colon: hash # quote " apostrophe \' backslash \\',
      '---\n...\n---',
      'line\r\nbreaks\rand\ttabs',
      '\u0000\u0007\u001b\u007f\u0085\u009f',
      '\u2028\u2029\ufeff\ufffe\uffff',
      'lone \ud800 surrogate \udfff',
      'emoji 🎉 and 日本語',
      '- [not, a, list]',
      '{not: a map}',
      '&anchor *alias !tag %directive @ `',
      'yes',
      '123',
      'null',
      '',
    ]) {
      const yaml = `key: ${yamlString(value)}`;
      expect(yaml.split('\n')).toHaveLength(1);
      expect(parseYaml(yaml), JSON.stringify(value)).toEqual({ key: value });
    }
  });
});

describe('containMarkdown', () => {
  const render = (md: string) => commonmark.parse(md + '\n\n## Next step\n', {});
  const nextStepSurvives = (md: string) =>
    expect(headings(render(containMarkdown(md, 2))).filter(([tag]) => tag === 'h2')).toEqual([['h2', 'Next step']]);

  it('escapes an unclosed code fence and leaves a closed one alone', () => {
    expect(containMarkdown('text\n\n```js\nlet a;\n', 2)).toBe('text\n\n\\```js\nlet a;');
    nextStepSurvives('text\n\n```js\nlet a;\n');
    nextStepSurvives('~~~~\ncode\n~~~\nstill code');
    const closed = 'before\n\n````md\n# not a heading\n```\nstill code\n````\n\nafter';
    expect(containMarkdown(closed, 2)).toBe(closed);
    // Once an unclosed fence is escaped, what it held is read again.
    expect(containMarkdown('```\n# heading\n```py\nx', 2)).toBe('\\```\n### heading\n\\```py\nx');
  });

  it('escapes an HTML block that would run to the end of the document', () => {
    for (const opener of [
      '<pre>',
      '<script>',
      '<style>',
      '<textarea>',
      '<!-- comment',
      '<?php',
      '<!DOCTYPE',
      '<![CDATA[',
    ]) {
      const md = `note\n\n${opener}\n\nmore`;
      expect(containMarkdown(md, 2), opener).toBe(`note\n\n\\${opener}\n\nmore`);
      nextStepSurvives(md);
    }
    const closed = '<pre>\n# kept\n</pre>\n\n<!-- one line -->';
    expect(containMarkdown(closed, 2)).toBe(closed);
  });

  it('moves headings below the steps, h6 at most', () => {
    expect(containMarkdown('# One\n## Two\n#### Four\n##### Five\n> # Quoted\n#not a heading', 2)).toBe(
      '### One\n#### Two\n###### Four\n###### Five\n> ### Quoted\n#not a heading',
    );
    expect(containMarkdown('Title\n===\n\nSub\n---\n\nTwo\nlines\n===\n\n---', 2)).toBe(
      '### Title\n\n#### Sub\n\nTwo\nlines\n\\===\n\n---',
    );
    const tokens = render(containMarkdown('Title\n===\n\nTwo\nlines\n---', 2));
    expect(headings(tokens)).toEqual([
      ['h3', 'Title'],
      ['h2', 'Next step'],
    ]);
  });

  it('trims blank lines around the note', () => {
    expect(containMarkdown('\n\n  \ntext\n\n\n', 2)).toBe('text');
    expect(containMarkdown('', 2)).toBe('');
  });
});
