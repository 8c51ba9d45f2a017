// Rendering exported Markdown the way a reader of the export would see it: CommonMark, raw HTML on.
import MarkdownIt from 'markdown-it';

const commonmark = MarkdownIt('commonmark', { html: true });

export function render(markdown: string): string {
  return commonmark.render(markdown);
}

/** How many of each block a CommonMark reader finds. */
export function blocks(markdown: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const token of commonmark.parse(markdown, {})) {
    if (token.nesting === -1 || token.type === 'inline') continue;
    const name = token.type === 'heading_open' ? `h${token.tag.slice(1)}` : token.type.replace(/_open$/, '');
    counts[name] = (counts[name] ?? 0) + 1;
  }
  return counts;
}

/** The text a reader sees, without markup: a line per paragraph, heading, list item or code block. */
export function visibleText(markdown: string): string {
  const lines: string[] = [];
  for (const token of commonmark.parse(markdown, {})) {
    if (token.type === 'fence') lines.push(token.content.replace(/\n$/, ''));
    if (token.type !== 'inline') continue;
    const parts = (token.children ?? []).map((child) => {
      if (child.type === 'softbreak' || child.type === 'hardbreak') return '\n';
      return child.type === 'text' || child.type === 'code_inline' ? child.content : '';
    });
    lines.push(parts.join(''));
  }
  return lines.join('\n');
}
