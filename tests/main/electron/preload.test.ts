// The preload under a fake `electron`: what it puts on window, and nothing more.
import { describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => {
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  return {
    exposed: {} as Record<string, unknown>,
    listeners,
    electron: {
      contextBridge: {
        exposeInMainWorld: vi.fn((key: string, value: unknown) => {
          fake.exposed[key] = value;
        }),
      },
      ipcRenderer: {
        invoke: vi.fn(() => Promise.resolve({ ok: true, value: [] })),
        on: vi.fn((channel: string, l: (...args: unknown[]) => void) => {
          listeners.set(channel, [...(listeners.get(channel) ?? []), l]);
        }),
        removeListener: vi.fn((channel: string, l: (...args: unknown[]) => void) => {
          listeners.set(
            channel,
            (listeners.get(channel) ?? []).filter((x) => x !== l),
          );
        }),
      },
    },
  };
});
vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

describe('preload bridge', () => {
  it('exposes one object with call and onEvent only', async () => {
    await import('../../../src/preload/index');
    expect(Object.keys(fake.exposed)).toEqual(['crux']);
    const bridge = fake.exposed.crux as {
      call: (m: unknown, a: unknown) => Promise<unknown>;
      onEvent: (cb: unknown) => () => void;
    };
    expect(Object.keys(bridge).sort()).toEqual(['call', 'onEvent']);

    await expect(bridge.call('threads.list', {})).resolves.toEqual({ ok: true, value: [] });
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenCalledWith('crux:call', 'threads.list', {});
    for (const bad of [42, null, { toString: () => 'threads.list' }]) {
      await expect(bridge.call(bad, {})).rejects.toThrow(/method name must be a string/);
    }
    expect(fake.electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);

    const seen: unknown[] = [];
    const stop = bridge.onEvent((e: unknown) => seen.push(e));
    // The renderer never sees the IPC event object, only the payload.
    for (const l of fake.listeners.get('crux:event')!) l({ sender: 'ipc internals' }, { type: 'library.changed' });
    expect(seen).toEqual([{ type: 'library.changed' }]);
    stop();
    expect(fake.listeners.get('crux:event')).toEqual([]);
    expect(() => bridge.onEvent('not a function')).toThrow(/pass a function/);
  });
});
