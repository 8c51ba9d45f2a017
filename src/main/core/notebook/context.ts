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

/**
 * Runs a change whole or not at all. Checking an input may already write (a passage cited for the
 * first time gets its citation), so a refused change must roll back its checks too.
 */
export function atomic<T>(ctx: NotebookContext, change: () => T): T {
  return ctx.stores.db.transaction(change)();
}
