import { Alert, Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { messages, missingText } from '#shared/messages/zh-CN';
import { NoticePrint, type NoticeKind } from './NoticePrint';
import type { SavedIntake } from './useIntakeSave';

const t = messages.saved;

/**
 * The saved confirmation: the matter number, what is still missing, and the notice to print on the spot. Shown
 * without the zoom and fade: the person at the desk waits for this answer, and each step of an open animation
 * is another render of the dialog on an old PC. The dialog stays mounted, closed, between saves: antd drops a
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
      {shown ? <SavedBody saved={shown} open={saved !== undefined} /> : null}
    </Modal>
  );
}

/**
 * What is missing and the notices. The choices made for one registration do not carry over to the next (reset
 * here rather than by a key: a remount would drop and rebuild the styles as well). A closed dialog holds no
 * notice: printing anything else later must not print this one too.
 */
function SavedBody({ saved, open }: { saved: SavedIntake; open: boolean }) {
  const id = saved.result.petitionId;
  const [choice, setChoice] = useState<{ id: string; kind?: NoticeKind; organ: string }>({ id, organ: '' });
  if (choice.id !== id) setChoice({ id, organ: '' }); // React renders again at once, before committing this
  const { kind, organ } = choice;
  const print = (k: NoticeKind) => {
    setChoice({ id, kind: k, organ });
    // Print after React has put the notice into the page.
    setTimeout(() => window.print(), 0);
  };
  const { result } = saved;
  return (
    <>
      <div data-testid="intake-saved">
        {result.missing.length > 0 ? <Alert type="warning" showIcon title={t.missing} description={result.missing.map((m) => missingText[m]).join('、')} /> : null}
        <Space orientation="vertical" className="intake-print" size="small">
          <Button onClick={() => print('accept')}>{t.printAccept}</Button>
          <Space.Compact>
            <Input placeholder={t.organ} aria-label={t.organ} value={organ} onChange={(e) => setChoice({ id, ...(kind ? { kind } : {}), organ: e.target.value })} />
            <Button onClick={() => print('redirect')}>{t.printRedirect}</Button>
          </Space.Compact>
        </Space>
      </div>
      {open && kind ? <NoticePrint saved={saved} kind={kind} organ={organ} /> : null}
    </>
  );
}
