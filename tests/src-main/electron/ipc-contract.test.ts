import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDeskHost } from '../../../src-main/desk-host/host';
import { forwardEvents, registerDispatcher, trustedSender } from '../../../src-main/electron/ipc';
import { createBridge } from '../../../src-main/electron/preload-bridge';
import { fromBridge } from '../../../src-renderer/app/transport';
import { handlerContractSuite } from '../../contract/handler-suite';
import { fakeIpc } from './fake-ipc';

/**
 * The handler contract over the whole Electron path, as main.ts wires it: the renderer's calls go through the
 * preload bridge, a fake ipcRenderer → ipcMain hop that structured-clones every message, the dispatcher's sender
 * check, and the desk host (the whole desk core in its worker thread, on our SQLite storage with a SQLCipher key)
 * in a temp folder; core events come back from the host through forwardEvents and the fake webContents.
 */
handlerContractSuite('the IPC dispatcher (fake ipcMain/webContents)', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'desk-ipc-'));
  const host = await startDeskHost({
    databaseDirectory: folder,
    key: 'ab'.repeat(32),
    seedDemo: true,
    demoPasswordCost: { N: 2 ** 10 },
  });
  const ipc = fakeIpc();
  const stopDispatcher = registerDispatcher(
    ipc.ipcMain,
    host.request,
    trustedSender('app://desk', () => ipc.webContents.id),
  );
  const stopEvents = forwardEvents(host.onEvent, ipc.webContents, 'app://desk');
  // The renderer's own Electron transport over the bridge: it rebuilds the ApiError from the bridge's safe data.
  const transport = fromBridge(createBridge(ipc.ipcRenderer));
  return {
    transport,
    async close() {
      stopEvents();
      stopDispatcher();
      await host.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
});
