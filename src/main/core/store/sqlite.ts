import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

export type Database = BetterSqlite3.Database;
export type Statement<P extends unknown[] | object = unknown[], R = unknown> = BetterSqlite3.Statement<P, R>;

/**
 * Which better-sqlite3 build this runtime can load. Major 13 is Node-API and loads in Electron and
 * Node 22+, but crashes Node 20; there the major-12 build (installed under an alias) serves instead.
 * docs/architecture.md records why the project carries both.
 */
export function sqliteModuleFor(versions: NodeJS.ProcessVersions): string {
  const nodeMajor = Number(versions.node.split('.')[0]);
  return versions.electron || nodeMajor >= 22 ? 'better-sqlite3' : 'better-sqlite3-node20';
}

let driver: typeof BetterSqlite3 | undefined;

export function sqliteDriver(): typeof BetterSqlite3 {
  if (!driver) {
    // Not a static import: the bundler must not pick one build for every runtime.
    const requireFromHere = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
    driver = requireFromHere(sqliteModuleFor(process.versions)) as typeof BetterSqlite3;
  }
  return driver;
}
