// What the preload exposes as `window.crux`. The renderer sees only these types, never the
// preload's code.
import type { CruxEvent } from '../shared/api/events';
import type { ApiResult } from '../shared/api/result';

export interface CruxBridge {
  /** Runs a contract method in the main process; the result is checked there, not here. */
  call(method: string, args: unknown): Promise<ApiResult<unknown>>;
  /** Returns a function that stops the subscription. */
  onEvent(callback: (event: CruxEvent) => void): () => void;
}

declare global {
  interface Window {
    /** Present only inside the Electron window. */
    crux?: CruxBridge;
  }
}
