import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Api } from '#shared/contract/api';
import { answer } from '#shared/contract/dispatch';
import { ApiError } from '#shared/contract/errors';
import { coreEventNames } from '#shared/contract/events';
import { ipcChannels, type WireEvent, type WireResponse } from '#shared/contract/transport';
import { CoreEmitter } from '#shared/core/emitter';
import { forwardEvents, registerDispatcher, trustedSender, type WireEventSource } from '../../../src-main/electron/ipc';
import { appUrl, fakeIpc, type FakeIpc } from './fake-ipc';

const appOrigin = 'app://desk';
const session = { user: { login: 'qs-reception' } };

function fakeApi() {
  const calls: unknown[] = [];
  const api = {
    'session-current': vi.fn(async (args: unknown) => (calls.push(args), session)),
    'session-login': vi.fn(async () => session),
    'session-logout': vi.fn(async () => {
      throw new Error('SQLITE_CORRUPT at /home/clerk/AppData/data/xinfang-desk.sqlite');
    }),
    'case-get': vi.fn(async () => {
      throw new ApiError('not-found');
    }),
  };
  return { api: api as unknown as Api, spies: api, calls }; // only the handlers these tests call exist
}

describe('registerDispatcher', () => {
  let ipc: FakeIpc;
  let spies: ReturnType<typeof fakeApi>['spies'];
  let stop: () => void;
  const call = (message: unknown) => ipc.ipcRenderer.invoke(ipcChannels.invoke, message) as Promise<WireResponse>;

  beforeEach(() => {
    ipc = fakeIpc();
    const built = fakeApi();
    spies = built.spies;
    // What the desk worker does with a forwarded request (src-main/desk-host/serve.ts), minus the thread.
    stop = registerDispatcher(
      ipc.ipcMain,
      (wire) => answer(built.api, wire),
      trustedSender(appOrigin, () => ipc.webContents.id),
    );
  });

  it('answers a request from the app window with the handler result', async () => {
    expect(await call({ kind: 'invoke', id: 7, name: 'session-current', args: {} })).toEqual({
      kind: 'result',
      id: 7,
      ok: true,
      value: session,
    });
  });

  it.each([
    ['another web contents', (s: FakeIpc['sender']) => (s.contentsId = 2)],
    ['a sub-frame of the app', (s: FakeIpc['sender']) => (s.topFrame = false)],
    ['a page that left the app', (s: FakeIpc['sender']) => (s.frameUrl = 'https://example.com/')],
    ['a file:// page', (s: FakeIpc['sender']) => (s.frameUrl = 'file:///C:/Users/clerk/evil.html')],
    ['a destroyed frame', (s: FakeIpc['sender']) => (s.frameUrl = null)],
  ])('refuses %s with forbidden, without calling the handler', async (_label, untrust) => {
    untrust(ipc.sender);
    expect(await call({ kind: 'invoke', id: 3, name: 'session-current', args: {} })).toEqual({
      kind: 'result',
      id: 3,
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(spies['session-current']).not.toHaveBeenCalled();
  });

  it('refuses an unknown handler with unknown-handler', async () => {
    const response = await call({ kind: 'invoke', id: 4, name: '__proto__', args: {} });
    expect(response).toEqual({ kind: 'result', id: 4, ok: false, error: { code: 'unknown-handler' } });
  });

  it('refuses malformed arguments with invalid-arguments naming the fields, without calling the handler', async () => {
    const response = await call({ kind: 'invoke', id: 5, name: 'session-login', args: { login: '', password: 42 } });
    expect(response).toMatchObject({ id: 5, ok: false, error: { code: 'invalid-arguments' } });
    expect(response.ok ? [] : response.error.problems?.map((p) => p.field)).toEqual(['login', 'password']);
    expect(spies['session-login']).not.toHaveBeenCalled();
  });

  it.each([
    ['a string', 'session-current', 0],
    ['null', null, 0],
    ['a request without a name', { kind: 'invoke', id: 9, args: {} }, 9],
    ['a request with a fractional id', { kind: 'invoke', id: 1.5, name: 'session-current', args: {} }, 0],
    ['a response posing as a request', { kind: 'result', id: 6, ok: true, value: 1 }, 6],
  ])('refuses %s with invalid-arguments', async (_label, message, id) => {
    expect(await call(message)).toEqual({ kind: 'result', id, ok: false, error: { code: 'invalid-arguments' } });
  });

  it('passes an ApiError code through and hides anything else behind internal', async () => {
    expect(await call({ kind: 'invoke', id: 10, name: 'case-get', args: { id: 'c1' } })).toEqual({
      kind: 'result',
      id: 10,
      ok: false,
      error: { code: 'not-found' },
    });
    const hidden = await call({ kind: 'invoke', id: 11, name: 'session-logout', args: {} });
    expect(hidden).toEqual({ kind: 'result', id: 11, ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('SQLITE');
  });

  it('gives the handler the parsed arguments only (unknown keys stripped)', async () => {
    await call({ kind: 'invoke', id: 12, name: 'session-current', args: { sneaky: true } });
    expect(spies['session-current']).toHaveBeenCalledWith({});
  });

  it('registers one handler and removes it on stop', async () => {
    expect([...ipc.ipcMain.handlers.keys()]).toEqual([ipcChannels.invoke]);
    stop();
    await expect(call({ kind: 'invoke', id: 1, name: 'session-current', args: {} })).rejects.toThrow(
      /No handler registered/,
    );
  });
});

/** The core's events as wire messages, as the desk host's `onEvent` delivers them. */
function wireEvents(emitter: CoreEmitter): WireEventSource {
  return (listener: (event: WireEvent) => void) => {
    const stops = coreEventNames.map((event) =>
      emitter.on(event, (payload) => listener({ kind: 'event', event, payload })),
    );
    return () => stops.forEach((stop) => stop());
  };
}

describe('forwardEvents', () => {
  let ipc: FakeIpc;
  let emitter: CoreEmitter;
  beforeEach(() => {
    ipc = fakeIpc();
    emitter = new CoreEmitter();
  });

  it('sends each core event to the window as a WireEvent on desk:event', () => {
    forwardEvents(wireEvents(emitter), ipc.webContents, appOrigin);
    emitter.emit('data-changed', { collections: ['cases'], caseIds: ['c1'] });
    emitter.emit('sync-status-changed', { state: 'offline', pending: 2 });
    expect(ipc.webContents.sent).toEqual([
      { kind: 'event', event: 'data-changed', payload: { collections: ['cases'], caseIds: ['c1'] } },
      { kind: 'event', event: 'sync-status-changed', payload: { state: 'offline', pending: 2 } },
    ]);
  });

  it('sends nothing to a destroyed window or to a page that left the app', () => {
    forwardEvents(wireEvents(emitter), ipc.webContents, appOrigin);
    ipc.webContents.url = 'https://example.com/';
    emitter.emit('data-changed', { collections: ['cases'] });
    ipc.webContents.url = appUrl;
    ipc.webContents.destroyed = true;
    emitter.emit('data-changed', { collections: ['cases'] });
    expect(ipc.webContents.sent).toEqual([]);
  });

  it('stops forwarding when stopped', () => {
    const stop = forwardEvents(wireEvents(emitter), ipc.webContents, appOrigin);
    stop();
    emitter.emit('data-changed', { collections: ['cases'] });
    expect(ipc.webContents.sent).toEqual([]);
  });
});
