// The renderer's one way to the core: window.crux (IPC) inside Electron, otherwise the HTTP door
// with the token the page was opened with. Components call `api.call('threads.list', {})` and
// never know which.
import type { Args, Method, Out } from '../../../shared/api/contract';
import type { CruxEvent } from '../../../shared/api/events';
import type { ApiResult, ErrorCode } from '../../../shared/api/result';

export type ClientErrorCode = ErrorCode | 'unauthorized' | 'unreachable';

export class ApiCallError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly issues: string[] = [],
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

export interface Transport {
  kind: 'electron' | 'browser';
  call(method: string, args: unknown): Promise<ApiResult<unknown>>;
  onEvent(callback: (event: CruxEvent) => void): () => void;
}

export interface ApiClient {
  kind: Transport['kind'];
  call<M extends Method>(method: M, args: Args<M>): Promise<Out<M>>;
  onEvent(callback: (event: CruxEvent) => void): () => void;
}

export function createApiClient(transport: Transport): ApiClient {
  return {
    kind: transport.kind,
    async call(method, args) {
      const result = await transport.call(method, args);
      if (!result.ok) throw new ApiCallError(result.error.code, result.error.message, result.error.issues);
      // The core validated the arguments and the contract tests pin its output shape.
      return result.value as never;
    },
    onEvent: (callback) => transport.onEvent(callback),
  };
}

const TOKEN_KEY = 'crux.token';

/**
 * The token arrives in the URL fragment (never sent to any server, never in a Referer). It is
 * kept for this tab only so that a reload still works, and removed from the address bar so it is
 * not left in history or in a shared screenshot.
 */
export function takeToken(loc: Location = window.location, storage: Storage = window.sessionStorage): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (match) {
    storage.setItem(TOKEN_KEY, match[1]!);
    window.history.replaceState(null, '', loc.pathname + loc.search);
    return match[1]!;
  }
  return storage.getItem(TOKEN_KEY);
}

export function httpTransport(token: string | null): Transport {
  return {
    kind: 'browser',
    async call(method, args) {
      if (!token) {
        throw new ApiCallError(
          'unauthorized',
          'This page was opened without its access token. Open the full address that "crux serve" printed.',
        );
      }
      let response: Response;
      try {
        response = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ method, args }),
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch {
        throw new ApiCallError('unreachable', 'Crux is not answering. Is "crux serve" still running?');
      }
      if (response.status === 401) {
        throw new ApiCallError(
          'unauthorized',
          'The access token was refused (the server was probably restarted). Open the new address it printed.',
        );
      }
      const type = response.headers.get('content-type') ?? '';
      if (!type.startsWith('application/json')) {
        throw new ApiCallError('internal', `Crux answered with an error (${response.status} ${response.statusText}).`);
      }
      return (await response.json()) as ApiResult<unknown>;
    },
    // The HTTP door has no push channel.
    onEvent: () => () => undefined,
  };
}

export function defaultTransport(): Transport {
  const bridge = window.crux;
  if (bridge) return { kind: 'electron', call: (m, a) => bridge.call(m, a), onEvent: (cb) => bridge.onEvent(cb) };
  return httpTransport(takeToken());
}

export const api: ApiClient = createApiClient(defaultTransport());
