import { Alert, Button, Card, Form, Popconfirm, Space, Tag, Typography } from 'antd';
import { memo, useMemo, type KeyboardEvent } from 'react';
import type { ReasonCode } from '#shared/domain/reasons';
import { beijingDay } from '#shared/domain/calendar';
import { useSession } from '../../app/desk-context';
import { ChannelRow } from './ChannelRow';
import { ContentSection } from './ContentSection';
import { checkDraft } from './draft';
import { useDraftStore } from './draft-store';
import { IntakeHints } from './IntakeHints';
import { PetitionerSection } from './PetitionerSection';
import { SaveResult } from './SaveResult';
import { SimilarPanel } from './SimilarPanel';
import { useIntakeSave } from './useIntakeSave';
import { messages } from '#shared/messages/zh-CN';

const t = messages.intake;

/**
 * The problems the form shows, as the same Map object for as long as they stay the same: the sections are
 * memoised, and a fresh Map after every keystroke would render them all again. Until a save was tried, a missing
 * channel is not yet an error: the receptionist is about to pick it.
 */
function useShownProblems(
  found: ReadonlyMap<string, ReasonCode>,
  attempted: boolean,
  fromCore: ReadonlyMap<string, ReasonCode>,
): ReadonlyMap<string, ReasonCode> {
  const shown = new Map([...found].filter(([field]) => attempted || field !== 'channel'));
  for (const [field, reason] of fromCore) shown.set(field, reason);
  const key = JSON.stringify([...shown]);
  return useMemo(() => new Map(JSON.parse(key) as [string, ReasonCode][]), [key]); // the entries just stringified
}

interface FieldsProps {
  readonly problems: ReadonlyMap<string, ReasonCode>;
  readonly attempted: boolean;
  readonly today: string;
}

/**
 * The form's fields in their antd Form (layout context for every Form.Item). Memoised apart from the page: a
 * Form that renders again renders every Form.Item under it, memoised sections or not, so saving (the button's
 * spinner, the confirmation) must not render it.
 */
const IntakeFields = memo(function IntakeFields({ problems, attempted, today }: FieldsProps) {
  return (
    <Form layout="vertical" component="div">
      <ChannelRow channelProblem={problems.get('channel')} timeProblem={problems.get('receivedAt')} />
      <PetitionerSection problems={problems} attempted={attempted} today={today} />
      <ContentSection accusedProblem={[...problems].find(([field]) => field.startsWith('accused'))?.[1]} />
    </Form>
  );
});

/**
 * 登记 (第十七条至第二十三条): one keyboard-first form beside the repeat-detection panel. Every keystroke lands in
 * the persisted draft; the rule runs on every change, so reasons show as typed; Ctrl+Enter saves from any field.
 * The sections read their own fields from the draft store and are memoised: a keystroke renders the field typed
 * in (and what it changes), not the whole form, which with antd costs tens of milliseconds on an old PC.
 */
export function IntakePage() {
  const session = useSession();
  const draft = useDraftStore((s) => s.draft);
  const reset = useDraftStore((s) => s.reset);
  const intake = useIntakeSave(session);
  // The legal day is Beijing's: between 00:00 and 08:00 Beijing time the UTC date is still yesterday.
  const today = beijingDay(new Date().toISOString());
  // Re-checked when the draft changes; the clock only caps the receipt time, which the save checks again.
  const check = useMemo(() => checkDraft(draft, new Date().toISOString()), [draft]);
  const problems = useShownProblems(check.problems, intake.attempted, intake.serverProblems);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      intake.save();
    }
  };

  return (
    <div className="intake" onKeyDown={onKeyDown}>
      <div className="intake-form">
        <Card
          size="small"
          title={t.pageTitle}
          extra={<Typography.Text type="secondary">{t.draftKept}</Typography.Text>}
        >
          <IntakeFields problems={problems} attempted={intake.attempted} today={today} />
          <IntakeHints missing={check.missing} valid={check.registration !== undefined} />
          {draft.link ? (
            <Tag
              color="orange"
              closable
              onClose={() => useDraftStore.getState().update({ link: undefined })}
              className="intake-link"
            >
              {t.linkTo(draft.link.caseNumber)}
            </Tag>
          ) : null}
          {intake.error ? (
            <Alert type="error" showIcon role="alert" title={intake.error} className="intake-error" />
          ) : null}
          {intake.attempted && check.problems.size > 0 ? (
            <Alert type="error" showIcon role="alert" title={t.fixFirst} className="intake-error" />
          ) : null}
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
      </div>
      <aside className="intake-side">
        <SimilarPanel />
      </aside>
      <SaveResult saved={intake.saved} onClose={intake.dismiss} />
    </div>
  );
}
