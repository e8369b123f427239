import { useEffect } from 'react';
import { Alert, Button, Col, Descriptions, Flex, Row, Spin, Tag, Typography, message } from 'antd';
import { useApi } from '../../../app/useApi';
import { errorText } from '../../../app/errors';
import { useNav } from '../../../app/nav-store';
import { useCasesUi } from '../cases-store';
import { useOfficeName } from '../../../app/directory';
import { CaseMarks } from '../common/CaseMarks';
import { formatInstant } from '../common/summary-columns';
import { ActModal } from '../acts/ActModal';
import { isFormAct } from '../acts/act-fields';
import { ActButtons } from './ActButtons';
import { ClocksCard } from './ClocksCard';
import { ConflictsAlert } from './ConflictsAlert';
import { PetitionersCard } from './PetitionersCard';
import { PetitionsCard } from './PetitionsCard';
import { TimelineCard } from './TimelineCard';
import type { CaseDetail } from '#shared/contract/api';
import { queryCode } from '#shared/domain/query-code';
import { actText, channelText, classText, documentText, casesText, caseText, statusText } from '#shared/messages/zh-CN';

/** 事项详情: one matter, its people, its petitions, its clocks and timeline, and the acts allowed now. */
export function CasePage({ id }: { id: string }) {
  // 'session': another user signing in changes the allowed acts and what is masked.
  const { data: detail, error } = useApi('case-get', { id }, [
    'cases',
    'case_events',
    'petitions',
    'petitioners',
    'session',
  ]);
  const go = useNav((s) => s.go);
  const openAct = useCasesUi((s) => s.openAct);
  const setOpenAct = useCasesUi((s) => s.setOpenAct);
  const [notice, noticeHolder] = message.useMessage();

  // An open form belongs to this matter: leaving the page closes it.
  useEffect(() => () => setOpenAct(undefined), [id, setOpenAct]);

  const back = (
    <Button size="small" onClick={() => go({ name: 'cases' })}>
      {caseText.back}
    </Button>
  );
  if (!detail) {
    return (
      <Flex vertical gap={8} style={{ padding: 12 }}>
        {back}
        {error === undefined ? (
          <Spin description={caseText.loading} />
        ) : (
          <Alert type="error" showIcon title={errorText(error)} />
        )}
      </Flex>
    );
  }

  const c = detail.case;
  const supervisions = c.clocks.filter((k) => k.kind === 'supervision' && k.stoppedDay === undefined);
  // Only an act the core still allows may keep its form open (another desk's act may have changed the status).
  const open =
    openAct !== undefined && isFormAct(openAct) && detail.allowedActs.includes(openAct) ? openAct : undefined;

  return (
    <Flex vertical gap={8} style={{ padding: '8px 12px 12px' }} data-testid="case-page">
      {noticeHolder}
      <Flex align="center" gap={8} wrap>
        {back}
        <CaseHeading detail={detail} />
      </Flex>
      {detail.masked && <Alert type="info" showIcon title={caseText.maskedNotice} />}
      <ConflictsAlert conflicts={c.conflicts} />
      {error !== undefined && <Alert type="error" showIcon title={errorText(error)} />}
      <CaseFacts detail={detail} />
      <ActButtons acts={detail.allowedActs} proposed={detail.proposedActs} />
      <Row gutter={[8, 8]}>
        <Col xs={24} xl={12}>
          <Flex vertical gap={8}>
            <ClocksCard clocks={c.clocks} today={detail.today} extensionDays={c.extensionDays} />
            <PetitionersCard petitioners={detail.petitioners} masked={detail.masked} />
            <PetitionsCard petitions={detail.petitions} />
          </Flex>
        </Col>
        <Col xs={24} xl={12}>
          <TimelineCard detail={detail} />
        </Col>
      </Row>
      {open && (
        <ActModal
          key={open}
          caseId={c.id}
          type={open}
          supervisions={supervisions}
          proposals={c.proposals}
          detail={detail}
          proposed={(detail.proposedActs as readonly string[]).includes(open)}
          onClose={() => setOpenAct(undefined)}
          onDone={(type, proposed) => {
            setOpenAct(undefined);
            void notice.success(proposed ? caseText.proposedSaved(actText[type]) : caseText.saved(actText[type]));
          }}
        />
      )}
    </Flex>
  );
}

/** The case number, its status and its marks, beside the back button. */
function CaseHeading({ detail: { case: c } }: { detail: CaseDetail }) {
  return (
    <>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {c.caseNumber}
      </Typography.Title>
      <Tag color="blue" data-testid="case-status">
        {statusText[c.status]}
      </Tag>
      <CaseMarks flags={c.flags} restricted={c.restricted} conflictCount={c.conflicts.length} />
    </>
  );
}

/** The case's facts at a glance: title (as 补充/更正 left it), class, channel, receipt, office, 查询码. */
function CaseFacts({ detail }: { detail: CaseDetail }) {
  const officeName = useOfficeName();
  const c = detail.case;
  // The title as 补充/更正 left it (第十九条), marked; the registered one stays in the timeline.
  const titleAmendment = c.amendments.filter((a) => a.field === 'title').at(-1);
  const titleChange = titleAmendment && detail.events.find((e) => e.id === titleAmendment.eventId)?.type;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 3 }}
      items={[
        {
          key: 'title',
          label: casesText.column.title,
          span: 'filled',
          children: (
            <>
              {c.title}
              {titleChange === 'supplement' || titleChange === 'correct' ? (
                <Tag color="orange" style={{ marginInlineStart: 8 }}>
                  {caseText.amended[titleChange]}
                </Tag>
              ) : null}
            </>
          ),
        },
        {
          key: 'class',
          label: casesText.column.class,
          children: c.class ? classText[c.class] : casesText.unclassified,
        },
        { key: 'channel', label: casesText.column.channel, children: channelText[c.channel] },
        { key: 'received', label: casesText.column.receivedAt, children: formatInstant(c.receivedAt) },
        { key: 'office', label: casesText.column.office, children: officeName(c.currentOfficeId) },
        // 查询码 (第二十一条第二款): the petitioner's to quote, derived from the id; not for a reader who may not see the case.
        ...(detail.masked
          ? []
          : [
              {
                key: 'queryCode',
                label: documentText.queryCodeLabel,
                children: <span data-testid="query-code">{queryCode(c.id)}</span>,
              },
            ]),
      ]}
    />
  );
}
