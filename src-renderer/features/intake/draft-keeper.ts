import { useEffect } from 'react';
import type { Transport } from '#shared/contract/transport';
import { useDesk } from '../../app/desk-context';
import type { Draft } from './draft';
import { useDraftStore } from './draft-store';

/**
 * Keeps the signed-in user's intake draft in the desk core (`draft-save`), never in the browser's storage: a
 * 身份证号, a phone or the text of a 检举控告 typed at the desk is personal data (个人信息保护法; 第三十条第三款) and
 * stays in the desk's database — encrypted on the desktop — under the user who typed it. At sign-in the user's own
 * draft comes back (a crash or a closed window loses nothing); at logout the core deletes it and the form here is
 * emptied, so the next person at the desk finds nothing.
 */

/** How long typing may pause before the draft is written: a crash loses at most this much of it. */
const WRITE_DELAY_MS = 300;

/** Where versions before 2026-12 kept the draft, in plain text: removed at start-up (mount.tsx). */
const LEGACY_DRAFT_KEY = 'xinfang-desk.intake-draft';

/** A draft worth keeping: every edit stamps the receipt time, so an untouched form has none. */
const hasInput = (draft: Draft) => draft.receivedAt !== undefined;

/** The form as plain JSON: the contract takes JSON values only (an absent field is left out, never `undefined`). */
const toForm = (draft: Draft) => JSON.parse(JSON.stringify(draft)) as Record<string, unknown>; // a plain object

class DraftWriter {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private holds = 0;

  constructor(private readonly transport: Transport) {}

  schedule(): void {
    this.cancel();
    if (this.holds > 0) return;
    this.timer = setTimeout(() => this.write(), WRITE_DELAY_MS);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Writes a change still waiting now (the window is closing). */
  flush(): void {
    if (this.timer !== undefined) this.write();
  }

  /** Stops writing (a save is on its way); `release(true)` writes what is on screen now. */
  hold(): (rewrite: boolean) => void {
    this.cancel();
    this.holds += 1;
    let released = false;
    return (rewrite) => {
      if (released) return;
      released = true;
      this.holds -= 1;
      if (rewrite) this.schedule();
    };
  }

  private write(): void {
    this.timer = undefined;
    const { draft } = useDraftStore.getState();
    const written = hasInput(draft)
      ? this.transport.invoke('draft-save', { form: toForm(draft) })
      : this.transport.invoke('draft-clear', {});
    // A write that fails (signed out meanwhile, the desk closing) is tried again at the next keystroke.
    written.catch(() => undefined);
  }
}

/** The writer of the signed-in user's draft; none while nobody is signed in. */
let current: DraftWriter | undefined;

/**
 * Called as a save starts: no draft write may follow the registration (the core deletes the draft once it is
 * saved). The returned function ends the hold: `true` after a refused save, so the draft on screen is kept.
 */
export function holdDraftWrites(): (rewrite: boolean) => void {
  return current?.hold() ?? (() => undefined);
}

/** Removes a draft left in plain text by an older version (its owner is unknown: it is shown to nobody). */
export function forgetLegacyDraft(storage: Pick<Storage, 'removeItem'> | undefined): void {
  try {
    storage?.removeItem(LEGACY_DRAFT_KEY);
  } catch {
    // Storage the page may not use (a sandboxed profile): there is nothing in it to remove.
  }
}

/** Mounted with the signed-in shell: loads the user's draft, writes every change, empties the form at logout. */
export function DraftKeeper(): null {
  const { transport, session } = useDesk();
  const userId = session?.user.id;
  useEffect(() => {
    if (!userId) return;
    const writer = new DraftWriter(transport);
    current = writer;
    let live = true;
    useDraftStore.getState().reset();
    const off = useDraftStore.subscribe((state, before) => {
      if (state.draft !== before.draft) writer.schedule();
    });
    const flush = () => writer.flush();
    addEventListener('pagehide', flush);
    transport.invoke('draft-get', {}).then(
      (kept) => {
        // Typing that began before the answer wins: it is on screen, and written over the kept draft.
        if (!live || !kept || hasInput(useDraftStore.getState().draft)) return;
        useDraftStore.getState().restore(kept.form);
        writer.cancel(); // restoring is no edit: nothing to write back
      },
      () => undefined, // no draft to restore: the form starts empty
    );
    return () => {
      live = false;
      off();
      removeEventListener('pagehide', flush);
      writer.cancel();
      if (current === writer) current = undefined;
      useDraftStore.getState().reset();
    };
  }, [transport, userId]);
  return null;
}
