import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Transport } from '#shared/contract/transport';
import { forgetLegacyDraft } from '../features/intake';
import { DeskApp } from './DeskApp';

/**
 * Mounts the React app. Its own module, loaded by main.tsx with a dynamic import: React and antd are most of the
 * page's script, and parsing them must not hold up the start of the desk worker (see main.tsx).
 */
export function mountDesk(root: HTMLElement, transport: Transport): void {
  forgetLegacyDraft(globalThis.localStorage);
  createRoot(root).render(
    <StrictMode>
      <DeskApp transport={transport} />
    </StrictMode>,
  );
}
