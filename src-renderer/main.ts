import { connectDesk, DeskStartError } from './app/transport';
import { messages } from './app/messages';

/**
 * The renderer's entry, for now a single status line; the React UI of a later issue replaces the body of this
 * file and keeps its two promises to automation:
 * - `window.desk` is the desk Api in both editions (the preload sets it in Electron; here we set it for the web
 *   edition), so browser tests and the Electron tests drive the same surface;
 * - `<html data-desk-state>` is `starting`, `ready` or `failed`: tests wait for `ready` instead of guessing.
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

desk.ready.then(
  () => show('ready', messages.ready[desk.edition]),
  (error: unknown) => {
    const stage = error instanceof DeskStartError ? error.stage : 'worker';
    show('failed', messages.startFailed[stage]);
  },
);
