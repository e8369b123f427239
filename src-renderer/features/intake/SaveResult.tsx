import { Button, Modal } from 'antd';
import { useState } from 'react';
import { messages } from '#shared/messages/zh-CN';
import { MissingItems } from './MissingItems';
import { OnSiteNotice } from './OnSiteNotice';
import type { SavedIntake } from './useIntakeSave';

const t = messages.saved;

/**
 * The saved confirmation: the matter number, what is still missing (补充 it here), and the notice given on the
 * spot (recorded, then printed). Shown without the zoom and fade: the person at the desk waits for this answer,
 * and each step of an open animation is another render of the dialog on an old PC. The dialog stays mounted, closed, between saves: antd drops a
 * component's generated styles when its last instance unmounts, and building them again cost every save tens
 * of milliseconds before the confirmation could show.
 */
export function SaveResult({ saved, onClose }: { saved: SavedIntake | undefined; onClose(): void }) {
  // Closed, the dialog keeps the last registration's body: unmounting it would drop its antd styles too.
  const [last, setLast] = useState(saved);
  if (saved && saved !== last) setLast(saved);
  const shown = saved ?? last;
  return (
    <Modal
      open={saved !== undefined}
      transitionName=""
      maskTransitionName=""
      title={saved ? (saved.linkedTo ? t.linked(saved.linkedTo) : t.title(saved.result.caseNumber)) : null}
      onCancel={onClose}
      footer={
        // One button per registration: autoFocus acts on mount, and Enter must continue after every save.
        <Button key={saved?.result.petitionId} type="primary" autoFocus onClick={onClose}>
          {t.next}
        </Button>
      }
    >
      {shown ? <SavedBody saved={shown} open={saved !== undefined} onClose={onClose} /> : null}
    </Modal>
  );
}

/**
 * What is missing, each with a way to record it now (MissingItems), and the notice given on the spot, recorded
 * before it prints (OnSiteNotice). Each resets its choices when a new registration comes (rather than by a key:
 * a remount would drop and rebuild the styles as well); a closed dialog holds no notice.
 */
function SavedBody({ saved, open, onClose }: { saved: SavedIntake; open: boolean; onClose(): void }) {
  return (
    <div data-testid="intake-saved">
      <MissingItems saved={saved} onLeave={onClose} />
      <OnSiteNotice saved={saved} open={open} />
    </div>
  );
}
