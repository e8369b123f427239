import { Alert, Button, Card, Form, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMemo, type KeyboardEvent } from 'react';
import { useSession } from '../../app/desk-context';
import { messages } from '../../app/messages';
import { ChannelRow } from './ChannelRow';
import { ContentSection } from './ContentSection';
import { checkDraft } from './draft';
import { useDraftStore } from './draft-store';
import { IntakeHints } from './IntakeHints';
import { PetitionerSection } from './PetitionerSection';
import { SaveResult } from './SaveResult';
import { SimilarPanel } from './SimilarPanel';
import { useIntakeSave } from './useIntakeSave';

const t = messages.intake;

/**
 * 登记 (第十七条至第二十三条): one keyboard-first form beside the repeat-detection panel. Every keystroke lands in
 * the persisted draft; the rule runs on every change, so reasons show as typed; Ctrl+Enter saves from any field.
 */
export function IntakePage() {
  const session = useSession();
  const draft = useDraftStore((s) => s.draft);
  const reset = useDraftStore((s) => s.reset);
  const intake = useIntakeSave(session);
  const today = new Date().toISOString().slice(0, 10);
  // Re-checked when the draft changes; the clock only caps the receipt time, which the save checks again.
  const check = useMemo(() => checkDraft(draft, new Date().toISOString()), [draft]);
  // Until a save was tried, a missing channel is not yet an error: the receptionist is about to pick it.
  const problems = new Map([...check.problems].filter(([field]) => intake.attempted || field !== 'channel'));
  for (const [field, reason] of intake.serverProblems) problems.set(field, reason);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      intake.save();
    }
  };

  return (
    <div className="intake" onKeyDown={onKeyDown}>
      <Form layout="vertical" component="div" className="intake-form">
        <Card size="small" title={t.pageTitle} extra={<Typography.Text type="secondary">{t.draftKept}</Typography.Text>}>
          <ChannelRow draft={draft} problems={problems} />
          <PetitionerSection draft={draft} problems={problems} attempted={intake.attempted} today={today} />
          <ContentSection draft={draft} />
          <IntakeHints draft={draft} missing={check.missing} valid={check.registration !== undefined} />
          {draft.link ? (
            <Tag color="orange" closable onClose={() => useDraftStore.getState().update({ link: undefined })} className="intake-link">
              {t.linkTo(draft.link.caseNumber)}
            </Tag>
          ) : null}
          {intake.error ? <Alert type="error" showIcon role="alert" title={intake.error} className="intake-error" /> : null}
          {intake.attempted && check.problems.size > 0 ? <Alert type="error" showIcon role="alert" title={t.fixFirst} className="intake-error" /> : null}
          <Space className="intake-actions">
            <Button type="primary" loading={intake.saving} onClick={intake.save}>
              {t.save}
              <span className="intake-key">{t.saveHint}</span>
            </Button>
            <Popconfirm title={t.clearConfirm} onConfirm={reset}>
              <Button>{t.clear}</Button>
            </Popconfirm>
          </Space>
        </Card>
      </Form>
      <aside className="intake-side">
        <SimilarPanel draft={draft} />
      </aside>
      {intake.saved ? <SaveResult saved={intake.saved} onClose={intake.dismiss} /> : null}
    </div>
  );
}
