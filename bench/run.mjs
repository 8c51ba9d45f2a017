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
  // The benchmarks are what package.json's bench:* scripts run; the other files here are their helpers.
  const { scripts } = JSON.parse(fs.readFileSync(path.join(here, '..', 'package.json'), 'utf8'));
  const known = Object.values(scripts).flatMap((command) => command.match(/bench\/run\.mjs (\S+)/)?.[1] ?? []);
  console.error(`usage: node bench/run.mjs <${known.join('|')}> [args]`);
  process.exit(2);
}
const result = spawnSync(process.execPath, [...process.execArgv, '--import', 'tsx', script, ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
