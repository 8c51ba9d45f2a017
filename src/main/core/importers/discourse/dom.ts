// CSS selectors over htmlparser2 trees, typed for domhandler (css-select cannot infer the element type).
import { selectAll, selectOne } from 'css-select';
import type { AnyNode, Element } from 'domhandler';

export function findAll(selector: string, root: AnyNode | AnyNode[]): Element[] {
  return selectAll<AnyNode, Element>(selector, root);
}

export function findOne(selector: string, root: AnyNode | AnyNode[]): Element | null {
  return selectOne<AnyNode, Element>(selector, root);
}
