import { ImportsStore } from './imports';
import { LinksStore } from './links';
import { CitationsStore } from './notebook/citations';
import { NotesStore } from './notebook/notes';
import { OpsStore } from './notebook/ops';
import { RowStatements } from './notebook/rows';
import { StancesStore } from './notebook/stances';
import { TrailsStore } from './notebook/trails';
import { PassagesStore } from './passages';
import { PostsStore } from './posts';
import type { Database } from './sqlite';
import { ThreadsStore } from './threads';

/** Every table's prepared statements for one connection. */
export interface Stores {
  db: Database;
  threads: ThreadsStore;
  imports: ImportsStore;
  posts: PostsStore;
  passages: PassagesStore;
  links: LinksStore;
  notebook: NotebookStores;
}

/** The user's own layer: trails, stances, notes, what they cite, and their history. */
export interface NotebookStores {
  citations: CitationsStore;
  trails: TrailsStore;
  stances: StancesStore;
  notes: NotesStore;
  ops: OpsStore;
  rows: RowStatements;
}

export function createStores(db: Database): Stores {
  return {
    db,
    threads: new ThreadsStore(db),
    imports: new ImportsStore(db),
    posts: new PostsStore(db),
    passages: new PassagesStore(db),
    links: new LinksStore(db),
    notebook: {
      citations: new CitationsStore(db),
      trails: new TrailsStore(db),
      stances: new StancesStore(db),
      notes: new NotesStore(db),
      ops: new OpsStore(db),
      rows: new RowStatements(db),
    },
  };
}
