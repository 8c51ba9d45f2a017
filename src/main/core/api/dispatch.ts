import type { z } from 'zod';
import { contract, isMethod } from '../../../shared/api/contract';
import type { ApiError, ApiResult } from '../../../shared/api/result';
import { isCruxError } from '../errors';
import type { ServiceTable } from './service-table';

/** Echoing a caller's method name back is useful; echoing a megabyte of it is not. */
const MAX_ECHO = 80;
const MAX_ISSUES = 20;

export interface DispatchOptions {
  /** Where failures that are not the caller's fault are reported (never sent to the caller). */
  logError?: (method: string, error: unknown) => void;
}

const defaultLog = (method: string, error: unknown): void => {
  console.error(`crux: ${method} failed:`, error);
};

function fail(error: ApiError): ApiResult<never> {
  return { ok: false, error };
}

function echo(value: string): string {
  return value.length > MAX_ECHO ? `${value.slice(0, MAX_ECHO)}…` : value;
}

/** Zod issues as short lines a person can act on, e.g. `query: Too big: expected string to have <=20000 characters`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.slice(0, MAX_ISSUES).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(arguments)';
    return `${where}: ${issue.message}`;
  });
  if (issues.length > MAX_ISSUES) lines.push(`…and ${issues.length - MAX_ISSUES} more`);
  return lines;
}

/**
 * The one entry point every door (IPC, HTTP, CLI) uses: checks the method and its arguments
 * against the contract, runs it, and turns any failure into an ApiResult. Only CruxError
 * messages reach the caller; anything else is logged here and reported as 'internal', so stack
 * traces and file-system details never leave the process.
 */
export async function dispatch(
  table: ServiceTable,
  method: unknown,
  args: unknown,
  options: DispatchOptions = {},
): Promise<ApiResult<unknown>> {
  if (!isMethod(method)) {
    const name =
      typeof method === 'string' ? `"${echo(method)}"` : `of type ${method === null ? 'null' : typeof method}`;
    return fail({ code: 'unknown-method', message: `unknown method ${name}` });
  }
  // A method without arguments may be called with none at all.
  const parsed = contract[method].input.safeParse(args === undefined ? {} : args);
  if (!parsed.success) {
    const issues = formatIssues(parsed.error.issues);
    return fail({ code: 'bad-args', message: `bad arguments for ${method}: ${issues[0] ?? 'invalid'}`, issues });
  }
  try {
    // The contract ties each method's validated input to its function; TypeScript cannot follow
    // that correlation through a union of method names, hence the cast.
    const run = table[method] as (input: unknown) => unknown;
    return { ok: true, value: await run(parsed.data) };
  } catch (e) {
    if (isCruxError(e)) return fail({ code: e.code, message: e.message });
    (options.logError ?? defaultLog)(method, e);
    return fail({
      code: 'internal',
      message: `${method} failed because of a problem inside Crux (details are in its log)`,
    });
  }
}
