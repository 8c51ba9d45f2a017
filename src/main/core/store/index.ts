import { ImportsStore } from './imports';
import { LinksStore } from './links';
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
}

export function createStores(db: Database): Stores {
  return {
    db,
    threads: new ThreadsStore(db),
    imports: new ImportsStore(db),
    posts: new PostsStore(db),
    passages: new PassagesStore(db),
    links: new LinksStore(db),
  };
}
