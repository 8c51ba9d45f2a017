import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface WorkerScript {
  file: string;
  execArgv: string[];
}

/**
 * Where a worker's code is, for the module `caller` (its own file) that starts it: from source, the
 * `.ts` file beside that module, compiled by tsx; in a bundle, the `.js` file the build emits beside
 * the bundle, if it did. Undefined when there is none: the caller then does the work in its own thread.
 */
export function workerScript(caller: string, name: string): WorkerScript | undefined {
  // A profiled process profiles its workers too.
  const profiling = process.execArgv.filter((a) => /^--(cpu|heap)-prof/.test(a));
  if (caller.endsWith('.ts')) {
    const file = path.join(path.dirname(caller), `${name}.ts`);
    try {
      const tsx = createRequire(caller).resolve('tsx/cjs');
      return fs.existsSync(file) ? { file, execArgv: [...profiling, '--require', tsx] } : undefined;
    } catch {
      return undefined;
    }
  }
  const file = path.join(path.dirname(caller), `${name}.js`);
  return fs.existsSync(file) ? { file, execArgv: profiling } : undefined;
}
