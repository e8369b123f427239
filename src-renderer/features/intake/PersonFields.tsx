import { Button, Col, Form, Input, Row, Select, Tag } from 'antd';
import { memo } from 'react';
import { checkIdNumber } from '#shared/domain/identity';
import { idTypes, type IdType } from '#shared/domain/codes';
import type { ReasonCode } from '#shared/domain/reasons';
import { messages, reasonText } from '#shared/messages/zh-CN';
import type { PersonDraft } from './draft';
import { useDraftStore } from './draft-store';

const t = messages.intake;
const idTypeOptions = idTypes.map((v) => ({ value: v, label: t.idTypes[v] }));

interface Props {
  readonly person: PersonDraft;
  readonly index: number;
  readonly label: string;
  readonly problems: ReadonlyMap<string, ReasonCode>;
  /** After a save was tried, incomplete input is an error too, not a hint. */
  readonly attempted: boolean;
  readonly removable: boolean;
  readonly today: string;
}

/**
 * One petitioner or representative. The 身份证 is checked as typed by the same rule the core uses (GB 11643):
 * while fewer than 18 characters are in, a count; then the reason, or the birth date and sex it encodes.
 * Memoised: a row renders again only when its person, its problems or the mode changed.
 */
export const PersonFields = memo(function PersonFields({ person, index, label, problems, attempted, removable, today }: Props) {
  const updatePerson = useDraftStore((s) => s.updatePerson);
  const removePerson = useDraftStore((s) => s.removePerson);
  const set = (patch: Partial<PersonDraft>) => updatePerson(person.key, patch);
  const field = (name: string) => problems.get(`petitioners.${index}.${name}`) ?? (name === 'name' ? problems.get(`petitioners.${index}`) : undefined);
  const id = (name: string) => `person-${index}-${name}`;

  const idProblem = field('idNumber') ?? field('idType');
  const typed = person.idNumber.trim().length;
  const stillTyping = idProblem === 'id-length' && typed < 18 && !attempted && /^\d*$/.test(person.idNumber.trim());
  const decoded = person.idType === 'resident-id' && typed > 0 && !idProblem ? checkIdNumber(person.idNumber, { today }) : undefined;
  const idHelp = stillTyping ? t.idTyping(typed) : idProblem ? reasonText[idProblem] : decoded?.ok ? t.idOk(decoded.birthDate, t.sex[decoded.sex]) : undefined;
  const status = (reason: ReasonCode | undefined) => (reason ? 'error' : undefined);
  const help = (reason: ReasonCode | undefined) => (reason ? reasonText[reason] : undefined);

  return (
    <fieldset className="intake-person" aria-label={label}>
      <div className="intake-person-head">
        <strong>{label}</strong>
        {person.existingId ? (
          <Tag color="blue">
            {t.existing}
            <Button type="link" size="small" onClick={() => set({ existingId: undefined })}>
              {t.clearExisting}
            </Button>
          </Tag>
        ) : null}
        {removable ? (
          <Button type="link" size="small" danger onClick={() => removePerson(person.key)}>
            {t.removePerson}
          </Button>
        ) : null}
      </div>
      <Row gutter={8}>
        <Col span={6}>
          <Form.Item label={t.name} htmlFor={id('name')} validateStatus={status(field('name'))} help={help(field('name'))}>
            <Input id={id('name')} value={person.name} onChange={(e) => set({ name: e.target.value })} maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t.idType} htmlFor={id('idType')}>
            <Select<IdType> id={id('idType')} value={person.idType} options={idTypeOptions} onChange={(v) => set({ idType: v })} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label={t.idNumber}
            htmlFor={id('idNumber')}
            validateStatus={stillTyping ? undefined : idProblem ? 'error' : decoded?.ok ? 'success' : undefined}
            help={idHelp}
          >
            <Input id={id('idNumber')} value={person.idNumber} onChange={(e) => set({ idNumber: e.target.value })} maxLength={40} autoComplete="off" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={8}>
        <Col span={8}>
          <Form.Item label={t.phone} htmlFor={id('phone')} validateStatus={status(field('phone'))} help={help(field('phone'))}>
            <Input id={id('phone')} value={person.phone} onChange={(e) => set({ phone: e.target.value })} maxLength={40} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label={t.address} htmlFor={id('address')}>
            <Input id={id('address')} value={person.address} onChange={(e) => set({ address: e.target.value })} maxLength={300} />
          </Form.Item>
        </Col>
      </Row>
    </fieldset>
  );
});
