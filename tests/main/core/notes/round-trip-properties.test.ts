// Random notes full of Markdown and HTML syntax, checked against CommonMark and against our own
// reader: what each character of a note is (text, bold, italic, struck, code, link) survives
// export, and exporting what was read back gives the same bytes.
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { markdownToNote, noteToMarkdown, parseNoteState } from '../../../../src/main/core/notes';
import { cited, refs } from './debate';
import { seededRandom } from '../../../helpers/random';

const commonmark = MarkdownIt('commonmark', { html: true }).enable('strikethrough');

interface Node {
  type: string;
  children?: Node[];
  [field: string]: unknown;
}

/** What random text is made of: words, spaces, and every character that is syntax somewhere. */
const PIECES = [...'  *_`~\\<>[]()!#-+=|&;.1“”é\t:"', 'mask', 'goal', 'amp;', '&#60;', '&#x41;', '<b>'];

function randomNote(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const words = (): string => Array.from({ length: 1 + Math.floor(next() * 5) }, () => pick(PIECES)).join('');
  const formats = (): number =>
    (next() < 0.3 ? 1 : 0) | (next() < 0.3 ? 2 : 0) | (next() < 0.15 ? 4 : 0) | (next() < 0.12 ? 16 : 0);
  const inline = (inLink: boolean): Node[] =>
    Array.from({ length: 1 + Math.floor(next() * 6) }, (): Node => {
      const r = next();
      if (r < 0.08 && !inLink) {
        const url = pick(['https://x.org/a_(b)', 'http://e.com/?a=1&amp;b', 'https://x.org/a b', '']);
        return { type: 'link', url, title: pick([null, 'a "title"']), children: inline(true) };
      }
      if (r < 0.13) return { type: 'linebreak' };
      if (r < 0.17) return { type: 'trail-reference', trailId: 3, title: 'Mask goals' };
      return { type: 'text', text: words(), format: formats() };
    });
  const list = (depth: number): Node => {
    const listType = pick(['bullet', 'number', 'check']);
    const items: Node[] = [];
    for (let i = 0; i < 1 + Math.floor(next() * 3); i++) {
      items.push({ type: 'listitem', checked: listType === 'check' && next() < 0.5, children: inline(false) });
      if (depth < 2 && next() < 0.25) items.push({ type: 'listitem', children: [list(depth + 1)] });
    }
    return { type: 'list', listType, start: 1, children: items };
  };
  const block = (): Node => {
    const r = next();
    if (r < 0.45) return { type: 'paragraph', children: inline(false) };
    if (r < 0.55) return { type: 'heading', tag: pick(['h1', 'h2', 'h3']), children: inline(false) };
    if (r < 0.65) return { type: 'quote', children: inline(false) };
    if (r < 0.8) return list(0);
    if (r < 0.9) return { type: 'code', language: pick([null, 'ts']), children: [{ type: 'text', text: words() }] };
    const { text, author, threadTitle, permalink } = cited(12);
    return { type: 'passage-reference', passageId: 12, span: null, text, author, threadTitle, permalink };
  };
  const children = Array.from({ length: 1 + Math.floor(next() * 3) }, block);
  return parseNoteState(JSON.stringify({ root: { type: 'root', children } }));
}

/** Each visible character of a note with what it is: "x:b" is a bold x, "x:Li" an italic x in a link. */
function noteCharacters(state: string): string[] {
  const out: string[] = [];
  const add = (text: string, what: string): void => {
    for (const c of text) if (!/\s/.test(c)) out.push(`${c}:${[...what].sort().join('')}`);
  };
  const inline = (nodes: Node[], what: string): void => {
    for (const node of nodes) {
      const format = (node.format as number | undefined) ?? 0;
      if (node.type === 'text') {
        const marks = ['b', 'i', 's'].filter((_, bit) => format & (1 << bit)).join('');
        add(node.text as string, what + marks + (format & 16 ? 'c' : ''));
      } else if (node.type === 'link') inline(node.children!, what + 'L');
      else if (node.type === 'trail-reference') add('[[trail:3]]', what);
    }
  };
  const hasWords = (nodes: Node[]): boolean =>
    nodes.some(
      (n) => n.type === 'trail-reference' || /\S/.test((n.text as string) ?? '') || hasWords(n.children ?? []),
    );
  const block = (node: Node): void => {
    if (node.type === 'list') {
      for (const item of node.children!) {
        const words = item.children!.filter((child) => child.type !== 'list');
        if (node.listType === 'check' && hasWords(words)) add(item.checked ? '[x]' : '[]', '');
        for (const child of item.children!) {
          if (child.type === 'list') block(child);
          else inline([child], '');
        }
      }
    } else if (node.type === 'code') add(node.children!.map((child) => child.text).join(''), 'C');
    else if (node.type === 'passage-reference') add(`[[passage:${node.passageId}]]`, '');
    else inline(node.children ?? [], '');
  };
  (JSON.parse(state) as { root: Node }).root.children!.forEach(block);
  return out;
}

/** The same, as CommonMark renders the Markdown; and the tokens that must never appear. */
function renderedCharacters(markdown: string): { characters: string[]; unwanted: string[] } {
  const characters: string[] = [];
  const unwanted: string[] = [];
  const add = (text: string, what: string): void => {
    for (const c of text) if (!/\s/.test(c)) characters.push(`${c}:${[...what].sort().join('')}`);
  };
  for (const token of commonmark.parse(markdown, {})) {
    if (['html_block', 'hr', 'code_block'].includes(token.type)) unwanted.push(token.type);
    if (token.type === 'heading_open' && /^[=-]/.test(token.markup)) unwanted.push('setext heading');
    if (token.type === 'fence') add(token.content, 'C');
    if (token.type !== 'inline') continue;
    const open = new Set<string>();
    const marks: Record<string, string> = { strong: 'b', em: 'i', s: 's', link: 'L' };
    for (const child of token.children ?? []) {
      const [, name, end] = /^(strong|em|s|link)_(open|close)$/.exec(child.type) ?? [];
      if (name && end === 'open') open.add(marks[name]!);
      else if (name) open.delete(marks[name]!);
      else if (child.type === 'html_inline' || child.type === 'image') unwanted.push(child.type);
      else if (child.type === 'text') add(child.content, [...open].join(''));
      else if (child.type === 'code_inline') add(child.content, [...open].join('') + 'c');
    }
  }
  return { characters, unwanted };
}

describe('random notes', () => {
  it('render under CommonMark as the note they are, read back as that note, and export to the same bytes again', () => {
    const next = seededRandom(20240607);
    for (let i = 0; i < 250; i++) {
      const state = randomNote(next);
      const markdown = noteToMarkdown(state);
      const read = markdownToNote(markdown, refs).state;
      const again = noteToMarkdown(read);
      const context = `note ${i}: ${JSON.stringify(markdown)}`;
      const rendered = renderedCharacters(markdown);
      expect(rendered.unwanted, context).toEqual([]);
      expect(rendered.characters.join(' '), context).toBe(noteCharacters(state).join(' '));
      expect(noteCharacters(read).join(' '), context).toBe(noteCharacters(state).join(' '));
      expect(again, context).toBe(markdown);
    }
  });
});

describe('random Markdown', () => {
  const PARTS = [
    ...' \n`*_[]()\\|!\t“',
    ...['mask', '\n\n', '# ', '- ', '1. ', '> ', '    ', '```', '```ts\n', '``', '**', '__', '~~'],
    ...['](https://x.org/(a))', '\\*', '&amp;', '&#42;', '&#x5b;', '<b>', '<script>x</script>', '---', '==='],
    ...['[[trail:3]]', '\n[[passage:12]]\n', '- [ ] ', '- [x] ', '+ ', '1) '],
  ];

  it('is written in one form after the first conversion, without raw HTML', () => {
    const next = seededRandom(7);
    let checked = 0;
    for (let i = 0; i < 250; i++) {
      const input = Array.from(
        { length: 1 + Math.floor(next() * 30) },
        () => PARTS[Math.floor(next() * PARTS.length)],
      ).join('');
      let state: string;
      try {
        state = markdownToNote(input, refs).state;
      } catch (e) {
        // A passage reference that does not stand alone on its line is refused, which is tested elsewhere.
        expect((e as Error).message, JSON.stringify(input)).toMatch(/must stand on a line of its own/);
        continue;
      }
      const once = noteToMarkdown(state);
      expect(noteToMarkdown(markdownToNote(once, refs).state), JSON.stringify(input)).toBe(once);
      for (const markdown of [once, noteToMarkdown(state, { cite: () => null })]) {
        expect(commonmark.render(markdown), JSON.stringify(input)).not.toMatch(/<script|<b>|<img/);
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });
});
