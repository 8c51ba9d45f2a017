import { CruxError } from '../errors';
import { MIGRATIONS, type Migration } from './migrations';
import type { Database } from './sqlite';

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the library up to `target` (default: the newest schema) in one transaction:
 * a migration that fails leaves the file exactly as it was.
 */
export function migrate(db: Database, file: string, target = SCHEMA_VERSION, migrations = MIGRATIONS): void {
  assertAscending(migrations);
  assertNotFromTheFuture(db, file, migrations);
  const current = schemaVersion(db);
  const pending = migrations.filter((m) => m.version > current && m.version <= target);
  if (pending.length === 0) return;
  db.transaction(() => {
    for (const m of pending) {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
  }).immediate();
}

export function assertNotFromTheFuture(db: Database, file: string, migrations = MIGRATIONS): void {
  const current = schemaVersion(db);
  const newest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > newest) {
    throw new CruxError(
      'bad-input',
      `${file}: this library was written by a newer version of Crux (schema ${current}, this Crux knows up to ${newest}); update Crux to open it`,
    );
  }
}

function assertAscending(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    const previous = migrations[i - 1];
    if (!Number.isInteger(m.version) || (previous && m.version <= previous.version)) {
      throw new Error(`migration versions must ascend: ${previous?.version} then ${m.version}`);
    }
  });
}
