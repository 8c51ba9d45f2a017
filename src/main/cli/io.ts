/** Where a command writes; tests pass buffers, the bin passes the process streams. */
export interface CliIO {
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

export interface Writable {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** Exit codes other tools can rely on. */
export const EXIT = { ok: 0, internal: 1, badInput: 2, cancelled: 130 } as const;

export class UsageError extends Error {}
