import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, InputNumber, Space, Switch } from 'antd';
import { useState } from 'react';
import type { PetitionerDoc } from '#shared/domain/documents';
import type { ReasonCode } from '#shared/domain/reasons';
import { MAX_REPRESENTATIVES } from '#shared/domain/registration';
import { reasonText } from '#shared/messages/zh-CN';
import { messages } from '../../app/messages';
import { personFrom, shownPeople, type Draft } from './draft';
import { useDraftStore } from './draft-store';
import { PersonFields } from './PersonFields';
import { PetitionerSearch } from './PetitionerSearch';

const t = messages.intake;

interface Props {
  readonly draft: Draft;
  readonly problems: ReadonlyMap<string, ReasonCode>;
  readonly attempted: boolean;
  readonly today: string;
}

/**
 * The petitioner, or in group mode the headcount and the representatives. A visit elects at most five
 * representatives (第二十条第三款): asking for a sixth is refused with that reason, and nothing typed is lost.
 */
export function PetitionerSection({ draft, problems, attempted, today }: Props) {
  const { update, addPerson, replacePerson } = useDraftStore.getState();
  const [refused, setRefused] = useState<ReasonCode | undefined>(undefined);
  const people = shownPeople(draft);
  const headcountProblem = problems.get('headcount');
  const overLimit = refused ?? problems.get(`petitioners.5`);

  const pick = (doc: PetitionerDoc) => {
    // Fill the first empty row; in group mode a new row when none is empty (still at most five for a visit).
    const empty = people.find((p) => !p.existingId && !p.name && !p.idNumber && !p.phone);
    if (empty) return replacePerson(empty.key, personFrom(doc, empty.key));
    if (!draft.group) return replacePerson(people[0]?.key ?? '', personFrom(doc, people[0]?.key ?? ''));
    if (!add()) return;
    const added = useDraftStore.getState().draft.petitioners.at(-1);
    if (added) replacePerson(added.key, personFrom(doc, added.key));
  };
  const add = () => {
    const ok = addPerson();
    setRefused(ok ? undefined : 'representatives-over-limit');
    return ok;
  };

  return (
    <section className="intake-section">
      <Space wrap className="intake-group-row">
        <Switch id="intake-group" checked={draft.group} onChange={(group) => update({ group, headcount: group ? Math.max(draft.headcount, 2) : 1 })} />
        <label htmlFor="intake-group">{t.group}</label>
        {draft.group ? (
          <Form.Item label={t.headcount} htmlFor="intake-headcount" validateStatus={headcountProblem ? 'error' : undefined} help={headcountProblem ? reasonText[headcountProblem] : undefined} layout="horizontal" className="intake-inline">
            <InputNumber id="intake-headcount" min={1} max={100000} value={draft.headcount} onChange={(v) => update({ headcount: v ?? 1 })} />
          </Form.Item>
        ) : null}
      </Space>
      {draft.flags.includes('anonymous') ? null : (
        <>
          <PetitionerSearch onPick={pick} />
          {people.map((p, i) => (
            <PersonFields
              key={p.key}
              person={p}
              index={i}
              label={draft.group ? t.representative(i + 1) : t.petitioner}
              problems={problems}
              attempted={attempted}
              removable={draft.group && people.length > 1}
              today={today}
            />
          ))}
          {draft.group ? (
            <Button icon={<PlusOutlined />} onClick={add}>
              {t.addRepresentative}
            </Button>
          ) : null}
          {draft.group && overLimit && people.length >= MAX_REPRESENTATIVES ? <Alert type="error" showIcon role="alert" title={reasonText[overLimit]} className="intake-refused" /> : null}
        </>
      )}
    </section>
  );
}
