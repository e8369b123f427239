import { connectDesk, DeskStartError } from './app/transport';
import { messages } from '#shared/messages/zh-CN';

/**
 * The renderer's entry. Two promises to automation are kept here:
 * - `window.desk` is the desk Api in both editions (the preload sets it in Electron; here we set it for the web
 *   edition), so browser tests and the Electron tests drive the same surface;
 * - `<html data-desk-state>` is `starting`, `ready` or `failed`: tests wait for `ready` instead of guessing.
 * The React app mounts only once the core answers, so it never shows a form that cannot save.
 *
 * This module is kept small on purpose: the desk worker starts (and opens its database) first, while the app's
 * script, React and antd, loads and parses in parallel (app/mount.tsx); loaded in one piece, the worker started
 * only after the whole bundle had been parsed.
 */

type DeskState = 'starting' | 'ready' | 'failed';

function show(state: DeskState, text: string): void {
  document.documentElement.dataset.deskState = state;
  const status = document.getElementById('desk-status');
  if (status) status.textContent = text;
}

const desk = connectDesk();
if (desk.edition === 'web') window.desk = desk.transport;
document.title = messages.appTitle;
show('starting', messages.starting);

const app = import('./app/mount');
Promise.all([app, desk.ready]).then(
  ([{ mountDesk }]) => {
    const root = document.getElementById('root');
    if (root) mountDesk(root, desk.transport);
    show('ready', messages.ready[desk.edition]);
  },
  (error: unknown) => {
    // A script of the app that failed to load is, to the person at the desk, a start-up that failed like the worker's.
    const stage = error instanceof DeskStartError ? error.stage : 'worker';
    show('failed', messages.startFailed[stage]);
  },
);
