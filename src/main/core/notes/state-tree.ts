// A note's serialised Lexical state read as plain JSON. Exports, plain text and reference lists
// walk this tree directly: building Lexical nodes costs more than everything else an export does.
import type { Span } from '../../../shared/model/notebook';

export interface StateNode {
  type: string;
  children?: StateNode[];
  [field: string]: unknown;
}

/** Lexical's text format bits that Markdown can say. */
export const FORMAT = { bold: 1, italic: 2, strikethrough: 4, code: 16 } as const;

export function childrenOf(node: StateNode): StateNode[] {
  return Array.isArray(node.children) ? node.children : [];
}

export function stringField(node: StateNode, field: string): string | null {
  const value = node[field];
  return typeof value === 'string' ? value : null;
}

export function numberField(node: StateNode, field: string): number | null {
  const value = node[field];
  return typeof value === 'number' ? value : null;
}

export function spanField(node: StateNode): Span | null {
  const span = node.span as Span | null | undefined;
  return span ? { start: span.start, end: span.end } : null;
}

/** A node state kept under Lexical's `$` key (the Markdown importer keeps fences and line-break markers there). */
export function nodeState(node: StateNode, key: string): unknown {
  const state = node.$;
  return state && typeof state === 'object' ? (state as Record<string, unknown>)[key] : undefined;
}

export function readRoot(state: string): StateNode {
  const parsed = JSON.parse(state) as { root?: StateNode };
  if (!parsed || typeof parsed !== 'object' || !parsed.root) throw new Error('note state has no root');
  return parsed.root;
}
