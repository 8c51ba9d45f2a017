// The renderer's only way into the main process: one narrow object, two functions. No Node, no
// ipcRenderer, no channel names leak into the page. Bundled to CommonJS because a sandboxed
// preload cannot load an ES module.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { CruxBridge } from './api';

const CALL_CHANNEL = 'crux:call';
const EVENT_CHANNEL = 'crux:event';

const bridge: CruxBridge = {
  call(method, args) {
    if (typeof method !== 'string') return Promise.reject(new TypeError('crux.call: the method name must be a string'));
    return ipcRenderer.invoke(CALL_CHANNEL, method, args);
  },
  onEvent(callback) {
    if (typeof callback !== 'function') throw new TypeError('crux.onEvent: pass a function');
    const listener = (_event: IpcRendererEvent, payload: unknown): void => callback(payload as never);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
};

contextBridge.exposeInMainWorld('crux', bridge);
