#!/usr/bin/env node
// The `crux` command: runs the TypeScript CLI straight from source (tsx compiles and caches it).
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('../src/main/cli/main.ts', import.meta.url);
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
