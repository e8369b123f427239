import { Alert, Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { missingText } from '#shared/messages/zh-CN';
import { messages } from '../../app/messages';
import { NoticePrint, type NoticeKind } from './NoticePrint';
import type { SavedIntake } from './useIntakeSave';

const t = messages.saved;

/**
 * The saved confirmation: the matter number, what is still missing, and the notice to print on the spot. Shown
 * without the zoom and fade: the person at the desk waits for this answer, and each step of an open animation
 * is another render of the dialog on an old PC.
 */
export function SaveResult({ saved, onClose }: { saved: SavedIntake; onClose(): void }) {
  const [kind, setKind] = useState<NoticeKind | undefined>(undefined);
  const [organ, setOrgan] = useState('');
  const print = (k: NoticeKind) => {
    setKind(k);
    // Print after React has put the notice into the page.
    setTimeout(() => window.print(), 0);
  };
  const { result } = saved;
  return (
    <Modal
      open
      transitionName=""
      maskTransitionName=""
      title={saved.linkedTo ? t.linked(saved.linkedTo) : t.title(result.caseNumber)}
      onCancel={onClose}
      footer={
        <Button type="primary" autoFocus onClick={onClose}>
          {t.next}
        </Button>
      }
    >
      <div data-testid="intake-saved">
        {result.missing.length > 0 ? <Alert type="warning" showIcon title={t.missing} description={result.missing.map((m) => missingText[m]).join('、')} /> : null}
        <Space orientation="vertical" className="intake-print" size="small">
          <Button onClick={() => print('accept')}>{t.printAccept}</Button>
          <Space.Compact>
            <Input placeholder={t.organ} aria-label={t.organ} value={organ} onChange={(e) => setOrgan(e.target.value)} />
            <Button onClick={() => print('redirect')}>{t.printRedirect}</Button>
          </Space.Compact>
        </Space>
      </div>
      {kind ? <NoticePrint saved={saved} kind={kind} organ={organ} /> : null}
    </Modal>
  );
}
