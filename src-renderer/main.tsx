import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskApp } from './app/DeskApp';
import { connectDesk, DeskStartError } from './app/transport';
import { messages } from './app/messages';

/**
 * The renderer's entry. Two promises to automation are kept here:
 * - `window.desk` is the desk Api in both editions (the preload sets it in Electron; here we set it for the web
 *   edition), so browser tests and the Electron tests drive the same surface;
 * - `<html data-desk-state>` is `starting`, `ready` or `failed`: tests wait for `ready` instead of guessing.
 * The React app mounts only once the core answers, so it never shows a form that cannot save.
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
  () => {
    const root = document.getElementById('root');
    if (root) {
      createRoot(root).render(
        <StrictMode>
          <DeskApp transport={desk.transport} />
        </StrictMode>,
      );
    }
    show('ready', messages.ready[desk.edition]);
  },
  (error: unknown) => {
    const stage = error instanceof DeskStartError ? error.stage : 'worker';
    show('failed', messages.startFailed[stage]);
  },
);
