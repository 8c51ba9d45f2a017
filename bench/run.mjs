// Runs bench/<name>.ts under tsx, passing this process's Node flags (such as --expose-gc) and the
// remaining arguments through: `node --expose-gc bench/run.mjs import --passages 100000`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [name, ...args] = process.argv.slice(2);
const script = name ? path.join(here, `${name}.ts`) : '';
if (!name || !fs.existsSync(script)) {
  const known = fs
    .readdirSync(here)
    .filter(
      (f) =>
        f.endsWith('.ts') &&
        !['corpus.ts', 'forum-data.ts', 'import-corpus.ts', 'main-thread-cpu.ts', 'production-build.ts'].includes(f),
    );
  console.error(`usage: node bench/run.mjs <${known.map((f) => f.replace(/\.ts$/, '')).join('|')}> [args]`);
  process.exit(2);
}
const result = spawnSync(process.execPath, [...process.execArgv, '--import', 'tsx', script, ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
