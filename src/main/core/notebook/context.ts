import { randomUUID } from 'node:crypto';
import type { Stores } from '../store';
import { History } from './history';

/** What every notebook operation needs; tests pass a fixed clock so that exports are reproducible. */
export interface NotebookContext {
  stores: Stores;
  history: History;
  now(): string;
  newUid(): string;
}

export interface NotebookOptions {
  now?: () => string;
  newUid?: () => string;
}

export function notebookContext(stores: Stores, options: NotebookOptions = {}): NotebookContext {
  return {
    stores,
    history: new History(stores),
    now: options.now ?? (() => new Date().toISOString()),
    newUid: options.newUid ?? randomUUID,
  };
}
