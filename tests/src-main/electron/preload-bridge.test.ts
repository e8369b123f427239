import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ipcChannels, type WireRequest } from '#shared/contract/transport';
import { createBridge, type DeskBridge } from '../../../src-main/electron/preload-bridge';
import { fakeIpc, type FakeIpc } from './fake-ipc';

describe('createBridge', () => {
  let ipc: FakeIpc;
  let bridge: DeskBridge;
  let answer: (request: WireRequest) => unknown;

  beforeEach(() => {
    ipc = fakeIpc();
    answer = (request) => ({ kind: 'result', id: request.id, ok: true, value: { echoed: request.name } });
    ipc.ipcMain.handle(ipcChannels.invoke, async (_event, request) => answer(request as WireRequest));
    bridge = createBridge(ipc.ipcRenderer);
  });

  const emit = (message: unknown) => ipc.webContents.send(ipcChannels.event, message as never); // also malformed messages, on purpose

  it('exposes exactly invoke and on, frozen, and never the ipcRenderer', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(Object.values(bridge).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends a numbered WireRequest on desk:invoke and resolves with the value', async () => {
    const seen: WireRequest[] = [];
    answer = (request) => (seen.push(request), { kind: 'result', id: request.id, ok: true, value: 42 });
    expect(await bridge.invoke('session-current', {})).toBe(42);
    expect(await bridge.invoke('settings-get', {})).toBe(42);
    expect(seen).toEqual([
      { kind: 'invoke', id: 1, name: 'session-current', args: {} },
      { kind: 'invoke', id: 2, name: 'settings-get', args: {} },
    ]);
  });

  it('rejects with a plain object carrying only the safe code and problems (contextBridge drops Error fields)', async () => {
    answer = (request) => ({
      kind: 'result',
      id: request.id,
      ok: false,
      error: { code: 'invalid-arguments', problems: [{ code: 'invalid-arguments', field: 'login' }], stack: 'at x' },
    });
    const error: unknown = await bridge.invoke('session-login', { login: '', password: '' }).catch((e: unknown) => e);
    expect(error).toEqual({ code: 'invalid-arguments', problems: [{ code: 'invalid-arguments', field: 'login' }] });
    expect(error).not.toBeInstanceOf(Error);
  });

  it.each([
    ['the main process has no handler', () => ipc.ipcMain.removeHandler(ipcChannels.invoke)],
    [
      'the answer is for another request',
      () => (answer = (r) => ({ kind: 'result', id: r.id + 1, ok: true, value: 1 })),
    ],
    ['the answer is not a response', () => (answer = () => 'hello')],
  ])('rejects with internal when %s', async (_label, breakIt) => {
    breakIt();
    await expect(bridge.invoke('session-current', {})).rejects.toEqual({ code: 'internal' });
  });

  it('gives listeners the payload only, never the IpcRendererEvent', async () => {
    const listener = vi.fn();
    bridge.on('data-changed', listener);
    emit({ kind: 'event', event: 'data-changed', payload: { collections: ['cases'] } });
    await ipc.delivered();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ collections: ['cases'] }]);
  });

  it('routes each event to its own listeners and ignores unknown or malformed messages', async () => {
    const data = vi.fn();
    const sync = vi.fn();
    bridge.on('data-changed', data);
    bridge.on('sync-status-changed', sync);
    emit({ kind: 'event', event: 'sync-status-changed', payload: { state: 'online', pending: 0 } });
    emit({ kind: 'event', event: 'secrets-leaked', payload: 1 });
    emit({ kind: 'result', id: 1, ok: true, value: 1 });
    emit('data-changed');
    await ipc.delivered();
    expect(sync).toHaveBeenCalledWith({ state: 'online', pending: 0 });
    expect(data).not.toHaveBeenCalled();
  });

  it('stops a listener when it unsubscribes, and detaches from ipcRenderer when nobody listens', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const offFirst = bridge.on('data-changed', first);
    const offSecond = bridge.on('data-changed', second);
    expect(ipc.ipcRenderer.listenerCount(ipcChannels.event)).toBe(1);
    offFirst();
    offFirst(); // idempotent
    emit({ kind: 'event', event: 'data-changed', payload: { collections: ['cases'] } });
    await ipc.delivered();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    offSecond();
    expect(ipc.ipcRenderer.listenerCount(ipcChannels.event)).toBe(0);
  });

  it('subscribing one function twice gives two independent subscriptions', async () => {
    const listener = vi.fn();
    const off = bridge.on('data-changed', listener);
    bridge.on('data-changed', listener);
    off();
    emit({ kind: 'event', event: 'data-changed', payload: { collections: ['cases'] } });
    await ipc.delivered();
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps delivering when one listener throws', async () => {
    const reported: unknown[] = [];
    bridge = createBridge(ipc.ipcRenderer, (error) => reported.push(error));
    const after = vi.fn();
    bridge.on('data-changed', () => {
      throw new Error('listener bug');
    });
    bridge.on('data-changed', after);
    emit({ kind: 'event', event: 'data-changed', payload: { collections: ['cases'] } });
    await ipc.delivered();
    expect(after).toHaveBeenCalledTimes(1);
    expect(reported).toHaveLength(1);
  });

  it('refuses an unknown event name or a listener that is not a function', () => {
    expect(() => bridge.on('desk:invoke' as never, () => undefined)).toThrow(TypeError);
    expect(() => bridge.on('data-changed', 'alert(1)' as never)).toThrow(TypeError);
    expect(ipc.ipcRenderer.listenerCount(ipcChannels.event)).toBe(0);
  });
});
