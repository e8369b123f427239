import { useCallback, useEffect, useRef, useState } from 'react';
import type { RegisterResult, Session } from '#shared/contract/api';
import { ApiError } from '#shared/contract/errors';
import type { ReasonCode } from '#shared/domain/reasons';
import { reasonText } from '#shared/messages/zh-CN';
import { useDesk } from '../../app/desk-context';
import { errorText } from '../../app/errors';
import { checkDraft, formPath, type Draft } from './draft';
import { holdDraftWrites } from './draft-keeper';
import { useDraftStore } from './draft-store';

const isReason = (code: string): code is ReasonCode => code in reasonText;

/**
 * Runs `work` once the frame after the next has begun: called after a commit, the next frame shows what was
 * committed, and `work` (a costly render) waits until that frame was painted.
 */
function afterNextPaint(work: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(work, 0)));
}

/** What was saved, kept in memory for the notice printed on the spot (the draft itself is cleared). */
export interface SavedIntake {
  readonly result: RegisterResult;
  readonly draft: Draft;
  readonly session: Session;
  readonly linkedTo?: string;
}

export interface IntakeSave {
  readonly saving: boolean;
  /** A save was tried: from now on incomplete input shows as an error, not a hint. */
  readonly attempted: boolean;
  /** Reasons the core returned for fields the local check passed (e.g. a link to a matter gone meanwhile). */
  readonly serverProblems: ReadonlyMap<string, ReasonCode>;
  readonly error: string | undefined;
  readonly saved: SavedIntake | undefined;
  save(): void;
  dismiss(): void;
}

/**
 * Saving the draft: the rule runs locally first (the same as the core's), so a refusal costs no round trip; an
 * error leaves the draft untouched (never lose typed input); success clears the draft and keeps what was saved
 * for printing.
 */
export function useIntakeSave(session: Session): IntakeSave {
  const { transport } = useDesk();
  const [saving, setSaving] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [serverProblems, setServerProblems] = useState<ReadonlyMap<string, ReasonCode>>(new Map());
  const [error, setError] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<SavedIntake | undefined>(undefined);
  const inFlight = useRef(false);

  const save = useCallback(() => {
    if (inFlight.current) return; // a second Ctrl+Enter while saving must not register twice
    const draft = useDraftStore.getState().draft;
    const check = checkDraft(draft, new Date().toISOString());
    setServerProblems((shown) => (shown.size === 0 ? shown : new Map())); // the same Map: no render for nothing
    // `attempted` only changes what an invalid draft shows, and setting it renders every field again (tens of
    // milliseconds with antd): a valid draft leaves it be unless the core refuses it.
    if (!check.registration) {
      setAttempted(true);
      return;
    }
    inFlight.current = true;
    setSaving(true);
    setError(undefined);
    // No draft write may land after the registration: the core deletes the saved draft with it.
    const releaseDraft = holdDraftWrites();
    const target = draft.link ? { kind: 'link' as const, caseId: draft.link.caseId } : { kind: 'new' as const };
    transport
      .invoke('petition-register', { registration: check.registration, case: target })
      .then(
        (result) => {
          // A confirmed draft must not come back after a crash (it would be registered twice): the core deleted
          // its stored copy with the registration; the form is emptied once the confirmation is on screen (below).
          releaseDraft(false);
          setSaved({ result, draft, session, ...(draft.link ? { linkedTo: draft.link.caseNumber } : {}) });
        },
        (e: unknown) => {
          releaseDraft(true); // refused: the draft stays, as typed
          setAttempted(true);
          setError(errorText(e));
          const problems = e instanceof ApiError ? (e.problems ?? []) : [];
          setServerProblems(
            new Map(problems.flatMap((p) => (isReason(p.code) ? [[formPath(p.field), p.code] as const] : []))),
          );
        },
      )
      .finally(() => {
        inFlight.current = false;
        setSaving(false);
      });
  }, [transport, session]);

  // Clearing every field is the costly render of a save, and the person at the desk is waiting for the
  // confirmation, not for that: it follows once the frame showing the confirmation was painted.
  useEffect(() => {
    if (!saved) return;
    afterNextPaint(() => {
      useDraftStore.getState().reset();
      setAttempted(false);
    });
  }, [saved]);

  return { saving, attempted, serverProblems, error, saved, save, dismiss: () => setSaved(undefined) };
}
