import type { In, Method, Out } from '../../../shared/api/contract';
import type { Library } from '../library/library';

/** One function per contract method. Arguments arrive already validated against the contract. */
export type ServiceTable = { [M in Method]: (args: In<M>) => Promise<Out<M>> | Out<M> };

/** The only place where method names meet the library: every door goes through this table. */
export function createServiceTable(library: Library): ServiceTable {
  return {
    'threads.list': () => library.threads(),
    'threads.show': ({ threadId }) => library.thread(threadId),
    'search.query': (input) => library.query(input),
    'import.files': ({ paths, format, title }) =>
      library.importPaths(paths, { format, ...(title === undefined ? {} : { title }) }),
  };
}
