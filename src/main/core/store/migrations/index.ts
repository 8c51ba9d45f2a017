import type { Database } from '../sqlite';
import * as m0010 from './0010-threads-posts-passages';
import * as m0020 from './0020-passage-search';
import * as m0030 from './0030-forum-posts';
import * as m0050 from './0050-notebook';

export interface Migration {
  version: number;
  up(db: Database): void;
}

/** Never edit a migration that has shipped: add the next one. */
export const MIGRATIONS: readonly Migration[] = [m0010, m0020, m0030, m0050];
