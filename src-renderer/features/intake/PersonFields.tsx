import { Button, Col, Form, Input, Row, Select, Tag } from 'antd';
import { memo } from 'react';
import { checkDocumentNumber } from '#shared/domain/identity';
import { pickableIdTypes, type IdType } from '#shared/domain/codes';
import type { ReasonCode } from '#shared/domain/reasons';
import { messages, reasonText } from '#shared/messages/zh-CN';
import type { PersonDraft } from './draft';
import { useDraftStore } from './draft-store';

const t = messages.intake;
const option = (v: IdType) => ({ value: v, label: t.idTypes[v] });
const idTypeOptions = pickableIdTypes.map(option);
/** The picker's options: a type new registrations are not offered stays shown while a picked petitioner holds it. */
const optionsFor = (current: IdType) =>
  pickableIdTypes.includes(current) ? idTypeOptions : [...idTypeOptions, option(current)];
/** Types whose 18-character number encodes a birth date and sex (GB 11643): counted while typed, then decoded. */
const encodesBirth: readonly IdType[] = ['resident-id', 'hmt-residence-permit'];

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
 * One petitioner or representative. The 证件号码 is checked as typed by the same rule the core uses, by its type: a
 * 身份证 or 港澳台居民居住证 (GB 11643) shows a count while fewer than 18 characters are in, then the reason, or
 * the birth date and sex it encodes; the other types show their reason.
 * Memoised: a row renders again only when its person, its problems or the mode changed.
 */
export const PersonFields = memo(function PersonFields({
  person,
  index,
  label,
  problems,
  attempted,
  removable,
  today,
}: Props) {
  const updatePerson = useDraftStore((s) => s.updatePerson);
  const removePerson = useDraftStore((s) => s.removePerson);
  const set = (patch: Partial<PersonDraft>) => updatePerson(person.key, patch);
  const field = (name: string) =>
    problems.get(`petitioners.${index}.${name}`) ??
    (name === 'name' ? problems.get(`petitioners.${index}`) : undefined);
  const id = (name: string) => `person-${index}-${name}`;

  const idProblem = field('idNumber') ?? field('idType');
  const typed = person.idNumber.trim().length;
  const stillTyping =
    (idProblem === 'id-length' || idProblem === 'hmt-permit-length') &&
    typed < 18 &&
    !attempted &&
    /^\d*$/.test(person.idNumber.trim());
  const decoded =
    encodesBirth.includes(person.idType) && typed > 0 && !idProblem
      ? checkDocumentNumber(person.idType, person.idNumber, { today })
      : undefined;
  const born =
    decoded?.ok && decoded.birthDate !== undefined && decoded.sex !== undefined
      ? t.idOk(decoded.birthDate, t.sex[decoded.sex])
      : undefined;
  const idHelp = stillTyping ? t.idTyping(typed) : idProblem ? reasonText[idProblem] : born;
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
          <Form.Item
            label={t.name}
            htmlFor={id('name')}
            validateStatus={status(field('name'))}
            help={help(field('name'))}
          >
            <Input
              id={id('name')}
              value={person.name}
              onChange={(e) => set({ name: e.target.value })}
              maxLength={100}
            />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item label={t.idType} htmlFor={id('idType')}>
            <Select<IdType>
              id={id('idType')}
              value={person.idType}
              options={optionsFor(person.idType)}
              onChange={(v) => set({ idType: v })}
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            label={t.idNumber}
            htmlFor={id('idNumber')}
            validateStatus={stillTyping ? undefined : idProblem ? 'error' : born ? 'success' : undefined}
            help={idHelp}
          >
            <Input
              id={id('idNumber')}
              value={person.idNumber}
              onChange={(e) => set({ idNumber: e.target.value })}
              maxLength={40}
              autoComplete="off"
            />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={8}>
        <Col span={8}>
          <Form.Item
            label={t.phone}
            htmlFor={id('phone')}
            validateStatus={status(field('phone'))}
            help={help(field('phone'))}
          >
            <Input
              id={id('phone')}
              value={person.phone}
              onChange={(e) => set({ phone: e.target.value })}
              maxLength={40}
              autoComplete="off"
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item label={t.address} htmlFor={id('address')}>
            <Input
              id={id('address')}
              value={person.address}
              onChange={(e) => set({ address: e.target.value })}
              maxLength={300}
            />
          </Form.Item>
        </Col>
      </Row>
    </fieldset>
  );
});
