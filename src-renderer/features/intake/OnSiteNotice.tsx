import { useState } from 'react';
import { Alert, Button, Flex, Input, Radio, Select, Space, Typography } from 'antd';
import type { ActPayload } from '#shared/domain/act-payloads';
import { caseClasses, type CaseClass } from '#shared/domain/codes';
import { classText, messages, optionText } from '#shared/messages/zh-CN';
import { useDesk } from '../../app/desk-context';
import { errorText } from '../../app/errors';
import { useApi } from '../../app/useApi';
import { NoticePrint, type NoticeKind } from './NoticePrint';
import type { SavedIntake } from './useIntakeSave';

const t = messages.saved;
const classOptions = caseClasses.map((c) => ({ value: c, label: classText[c] }));
type Procedure = ActPayload<'accept'>['procedure'];

interface Choice {
  readonly petitionId: string;
  readonly class?: CaseClass;
  readonly procedure?: Procedure;
  readonly organ: string;
  /** The act recorded for this registration: its notice can be printed again without recording it twice. */
  readonly recorded?: NoticeKind;
  /** The notice on the page for printing (a closed dialog holds none). */
  readonly printing?: NoticeKind;
  readonly problem?: string;
  readonly busy?: boolean;
}

/**
 * 当场告知 (第二十三条第二款: 能够当场答复的当场书面告知): printing the 受理告知书 or the 告知书 first records the
 * act it announces, 受理 (`accept`, starting the 60-day clock of 第三十四条 for a claim handled under 第三十一条第六项)
 * or 告知 (`redirect` to the organ typed, 第二十三条第一款), notice given on the spot, so the notice clock is met on
 * the day. Only the acts the user may do now are offered (a 接待员 may 告知, not 受理); a refusal by the core shows
 * its Chinese reason and prints nothing.
 */
export function OnSiteNotice({ saved, open }: { readonly saved: SavedIntake; readonly open: boolean }) {
  const { transport } = useDesk();
  const { caseId, petitionId } = saved.result;
  const detail = useApi('case-get', open ? { id: caseId } : null, ['cases']);
  const registered = saved.draft.class;
  const [choice, setChoice] = useState<Choice>({ petitionId, organ: '' });
  if (choice.petitionId !== petitionId) setChoice({ petitionId, organ: '' }); // React renders again at once, before committing this
  const update = (patch: Partial<Choice>) => setChoice((c) => ({ ...c, ...patch }));

  const klass = registered ?? choice.class;
  const allowed = detail.data?.allowedActs ?? [];
  const mayAccept = choice.recorded === undefined && allowed.includes('accept');
  const mayRedirect = choice.recorded === undefined && allowed.includes('redirect');

  const print = (kind: NoticeKind) => {
    update({ printing: kind, busy: false, problem: undefined, recorded: kind });
    setTimeout(() => window.print(), 0); // after React has put the notice into the page
  };

  const record = async (kind: NoticeKind) => {
    const payload =
      kind === 'accept'
        ? klass === undefined
          ? t.classRequired
          : klass === 'claim' && choice.procedure === undefined
            ? t.procedureRequired
            : { noticeMethod: 'on-site', class: klass, procedure: klass === 'claim' ? choice.procedure : 'opinion' }
        : choice.organ.trim() === ''
          ? t.organRequired
          : { noticeMethod: 'on-site', organ: choice.organ.trim() };
    if (typeof payload === 'string') return update({ problem: payload });
    update({ busy: true, problem: undefined });
    try {
      await transport.invoke('case-act', { caseId, type: kind, payload });
      print(kind);
    } catch (error) {
      update({ busy: false, problem: errorText(error) });
    }
  };

  return (
    <Flex vertical gap={8} className="intake-print" data-testid="intake-on-site">
      <Typography.Text type="secondary">{t.onSite}</Typography.Text>
      {choice.recorded ? (
        <Space>
          <Alert type="success" showIcon title={t.recorded[choice.recorded]} />
          <Button onClick={() => print(choice.recorded ?? 'accept')}>{t.reprint}</Button>
        </Space>
      ) : null}
      {mayAccept ? (
        <Space wrap>
          {registered === undefined ? (
            <Select<CaseClass>
              aria-label={t.class}
              placeholder={t.class}
              style={{ width: 140 }}
              options={classOptions}
              value={choice.class}
              onChange={(v) => update({ class: v, problem: undefined })}
            />
          ) : null}
          {klass === 'claim' ? (
            <Radio.Group
              aria-label={t.procedure}
              value={choice.procedure}
              onChange={(e) => update({ procedure: e.target.value as Procedure, problem: undefined })}
            >
              <Radio value="opinion">{optionText.procedure.opinion}</Radio>
              <Radio value="statutory">{optionText.procedure.statutory}</Radio>
            </Radio.Group>
          ) : null}
          <Button loading={choice.busy ?? false} onClick={() => void record('accept')}>
            {t.printAccept}
          </Button>
        </Space>
      ) : null}
      {mayRedirect ? (
        <Space.Compact>
          <Input
            placeholder={t.organ}
            aria-label={t.organ}
            value={choice.organ}
            onChange={(e) => update({ organ: e.target.value, problem: undefined })}
          />
          <Button loading={choice.busy ?? false} onClick={() => void record('redirect')}>
            {t.printRedirect}
          </Button>
        </Space.Compact>
      ) : null}
      {!choice.recorded && detail.data && mayRedirect && !mayAccept ? (
        <Typography.Text type="secondary">{t.acceptByHandler}</Typography.Text>
      ) : null}
      {!choice.recorded && detail.data && !mayRedirect && !mayAccept ? (
        <Typography.Text type="secondary">{t.noOnSite}</Typography.Text>
      ) : null}
      {choice.problem ? <Alert type="error" showIcon role="alert" title={choice.problem} /> : null}
      {open && choice.printing ? (
        <NoticePrint saved={saved} kind={choice.printing} organ={choice.organ.trim()} />
      ) : null}
    </Flex>
  );
}
