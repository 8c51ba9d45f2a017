import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { dispatch } from './core/api/dispatch';
import type { ServiceTable } from './core/api/service-table';

export const CALL_CHANNEL = 'crux:call';
export const EVENT_CHANNEL = 'crux:event';

/**
 * True only for the top frame of our own window showing our own page. A subframe, another
 * window, or our window after some navigation we failed to stop gets nothing.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  expected: { contents: WebContents | undefined; isAppUrl: (url: string) => boolean },
): boolean {
  const frame = event.senderFrame;
  if (!frame || !expected.contents || event.sender !== expected.contents) return false;
  if (frame !== expected.contents.mainFrame) return false;
  return expected.isAppUrl(frame.url);
}

export function registerApiHandler(
  table: ServiceTable,
  expected: () => { contents: WebContents | undefined; isAppUrl: (url: string) => boolean },
): void {
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event, expected())) throw new Error('refused: call from an untrusted frame');
    return dispatch(table, method, args);
  });
}
