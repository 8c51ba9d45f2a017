// Reading exported Markdown back the way the tests check it: the frontmatter through `yaml`, the
// body through markdown-it in CommonMark mode with raw HTML on (the worst case for injection).
import MarkdownIt, { type Token } from 'markdown-it';
import { parse as parseYaml } from 'yaml';

export const commonmark = new MarkdownIt('commonmark', { html: true });
/** markdown-it's default preset adds GFM tables and strikethrough. */
export const gfmish = new MarkdownIt('default', { html: true });

export interface ReadDocument {
  frontmatter: Record<string, unknown> | null;
  body: string;
  tokens: Token[];
}

export function readMarkdown(markdown: string, md: typeof commonmark = commonmark): ReadDocument {
  let frontmatter: Record<string, unknown> | null = null;
  let body = markdown;
  if (markdown.startsWith('---\n')) {
    // The block ends at the first line that is exactly `---`, as Obsidian, Pandoc and GitHub read it.
    const end = markdown.indexOf('\n---\n', 3);
    if (end < 0) throw new Error('unterminated frontmatter');
    frontmatter = parseYaml(markdown.slice(4, end + 1)) as Record<string, unknown>;
    body = markdown.slice(end + 5);
  }
  return { frontmatter, body, tokens: md.parse(body, {}) };
}

/** The text of an inline token as a reader sees it (entities and escapes decoded, breaks as \n). */
export function inlineText(token: Token): string {
  return (token.children ?? [])
    .map((c) => {
      if (c.type === 'text' || c.type === 'code_inline') return c.content;
      if (c.type === 'softbreak' || c.type === 'hardbreak') return '\n';
      return inlineText(c);
    })
    .join('');
}

/** The tokens from an opening token to its matching close, exclusive. */
export function inside(tokens: Token[], openIndex: number): Token[] {
  const open = tokens[openIndex]!;
  const closeType = open.type.replace(/_open$/, '_close');
  let depth = 0;
  for (let i = openIndex; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === open.type) depth++;
    else if (t.type === closeType && --depth === 0) return tokens.slice(openIndex + 1, i);
  }
  throw new Error(`unclosed ${open.type}`);
}

/** Text of a blockquote: its paragraphs' inline text joined with a blank line. */
export function blockquoteText(content: Token[]): string {
  return content
    .filter((t) => t.type === 'inline')
    .map(inlineText)
    .join('\n\n');
}

/** Headings as [tag, text] in document order. */
export function headings(tokens: Token[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  tokens.forEach((t, i) => {
    if (t.type === 'heading_open') out.push([t.tag, inlineText(tokens[i + 1]!)]);
  });
  return out;
}

/** Every token, inline children included. */
export function allTokens(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...allTokens(t.children ?? [])]);
}

export function linkHrefs(tokens: Token[]): string[] {
  return allTokens(tokens)
    .filter((t) => t.type === 'link_open' || t.type === 'image')
    .map((t) => String(t.attrGet('href') ?? t.attrGet('src') ?? ''));
}
