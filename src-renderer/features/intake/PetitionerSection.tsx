import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, InputNumber, Space, Switch } from 'antd';
import { memo, useCallback, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PetitionerDoc } from '#shared/domain/documents';
import type { ReasonCode } from '#shared/domain/reasons';
import { MAX_REPRESENTATIVES } from '#shared/domain/registration';
import { messages, reasonText } from '#shared/messages/zh-CN';
import { personFrom, shownPeople } from './draft';
import { useDraftStore } from './draft-store';
import { PersonFields } from './PersonFields';
import { PetitionerSearch } from './PetitionerSearch';

const t = messages.intake;

interface Props {
  readonly problems: ReadonlyMap<string, ReasonCode>;
  readonly attempted: boolean;
  readonly today: string;
}

/**
 * The petitioner, or in group mode the headcount and the representatives. A visit elects at most five
 * representatives (第二十条第三款): asking for a sixth is refused with that reason, and nothing typed is lost.
 * Reads its part of the draft from the store (the rows it shows compared row by row), so typing in another part
 * of the form does not render it again, and typing in one row renders that row only (PersonFields is memoised).
 */
export const PetitionerSection = memo(function PetitionerSection({ problems, attempted, today }: Props) {
  const update = useDraftStore((s) => s.update);
  const [refused, setRefused] = useState<ReasonCode | undefined>(undefined);
  const group = useDraftStore((s) => s.draft.group);
  const headcount = useDraftStore((s) => s.draft.headcount);
  const anonymous = useDraftStore((s) => s.draft.flags.includes('anonymous'));
  const people = useDraftStore(useShallow((s) => shownPeople(s.draft)));
  const headcountProblem = problems.get('headcount');
  const overLimit = refused ?? problems.get(`petitioners.5`);

  const add = useCallback(() => {
    const ok = useDraftStore.getState().addPerson();
    setRefused(ok ? undefined : 'representatives-over-limit');
    return ok;
  }, []);
  // Reads the draft when a petitioner is picked, not when rendered: the search box keeps one callback.
  const pick = useCallback(
    (doc: PetitionerDoc) => {
      const { draft, replacePerson } = useDraftStore.getState();
      const shown = shownPeople(draft);
      // Fill the first empty row; in group mode a new row when none is empty (still at most five for a visit).
      const empty = shown.find((p) => !p.existingId && !p.name && !p.idNumber && !p.phone);
      if (empty) return replacePerson(empty.key, personFrom(doc, empty.key));
      if (!draft.group) return replacePerson(shown[0]?.key ?? '', personFrom(doc, shown[0]?.key ?? ''));
      if (!add()) return;
      const added = useDraftStore.getState().draft.petitioners.at(-1);
      if (added) replacePerson(added.key, personFrom(doc, added.key));
    },
    [add],
  );

  return (
    <section className="intake-section">
      <Space wrap className="intake-group-row">
        <Switch
          id="intake-group"
          checked={group}
          onChange={(on) => update({ group: on, headcount: on ? Math.max(headcount, 2) : 1 })}
        />
        <label htmlFor="intake-group">{t.group}</label>
        {group ? (
          <Form.Item
            label={t.headcount}
            htmlFor="intake-headcount"
            validateStatus={headcountProblem ? 'error' : undefined}
            help={headcountProblem ? reasonText[headcountProblem] : undefined}
            layout="horizontal"
            className="intake-inline"
          >
            <InputNumber
              id="intake-headcount"
              min={1}
              max={100000}
              value={headcount}
              onChange={(v) => update({ headcount: v ?? 1 })}
            />
          </Form.Item>
        ) : null}
      </Space>
      {anonymous ? null : (
        <>
          <PetitionerSearch onPick={pick} />
          {people.map((p, i) => (
            <PersonFields
              key={p.key}
              person={p}
              index={i}
              label={group ? t.representative(i + 1) : t.petitioner}
              problems={problems}
              attempted={attempted}
              removable={group && people.length > 1}
              today={today}
            />
          ))}
          {group ? (
            <Button icon={<PlusOutlined />} onClick={add}>
              {t.addRepresentative}
            </Button>
          ) : null}
          {group && overLimit && people.length >= MAX_REPRESENTATIVES ? (
            <Alert type="error" showIcon role="alert" title={reasonText[overLimit]} className="intake-refused" />
          ) : null}
        </>
      )}
    </section>
  );
});
