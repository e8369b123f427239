import { describe, expect, it } from 'vitest';
import { at, openDesk, visit } from '../shared/core/desk-support';

/**
 * Reading a masked matter, as a user at a desk who may not read a 检举控告 would try it: every read the Api offers, with the
 * matter's own text as search terms. 第三十条第三款, 第四十六条第五项: `masked: true` means none of its text, no accused,
 * no accuser in any answer. (The handler contract, tests/contract/handler-suite.ts, proves the same over every
 * transport.)
 */
const accuser = {
  kind: 'person' as const,
  name: '欧阳举报人',
  nameInitials: 'oyjbr',
  idType: 'resident-id' as const,
  idNumber: '110101199003071233',
  phone: '13687654329',
  address: '青山镇槐树村七组',
};
const text = {
  title: '举报青山镇副镇长挪用征地补偿款',
  request: '请求查处副镇长挪用补偿款',
  facts: '副镇长将补偿款转入其亲属账户',
  contentCategory: '征地补偿领域腐败',
  accused: '周副镇长',
};
const acts = [
  { type: 'note', payload: { text: '举报人要求对身份严格保密' } },
  { type: 'leader-case', payload: { leader: '吴书记', note: '亲自督办征地案' } },
] as const;
const secrets = [
  ...Object.values(text),
  accuser.name,
  accuser.idNumber,
  accuser.phone,
  accuser.address,
  '举报人要求对身份严格保密',
  '吴书记',
  '亲自督办征地案',
];

/** `registrar` registers the accusation; `handler`, where one may, records a 备注 and a 包案 leader. */
async function registered(registrar: string, accused: string[], handler?: string) {
  const d = await openDesk();
  await d.as(registrar);
  const registration = visit({
    class: 'accusation',
    title: text.title,
    request: text.request,
    facts: text.facts,
    contentCategory: text.contentCategory,
    accusedPersons: [text.accused],
    accusedOfficeIds: accused,
    petitioners: [accuser],
    receivedAt: at('2025-12-01T01:00:00Z'),
  });
  const { caseId, petitionerIds } = await d.t.invoke('petition-register', { registration, case: { kind: 'new' } });
  if (handler) {
    await d.as(handler);
    for (const act of acts) await d.t.invoke('case-act', { caseId, ...act });
  }
  return { ...d, caseId, petitionerId: petitionerIds[0]! };
}

/** Every read a user may make, searched with the matter's own words. */
async function everyRead(d: Awaited<ReturnType<typeof registered>>) {
  const answers: unknown[] = [
    await d.t.invoke('case-get', { id: d.caseId }),
    await d.t.invoke('petitioner-get', { id: d.petitionerId }),
  ];
  for (const field of ['receivedAt', 'nextDue', 'caseNumber'] as const)
    answers.push(await d.t.invoke('case-list', { sort: { field, direction: 'asc' } }));
  for (const query of [accuser.name, accuser.nameInitials, accuser.idNumber, accuser.phone])
    answers.push(await d.t.invoke('petitioner-search', { query }));
  const searched = await Promise.all(
    ['副镇长', '补偿款', text.title].map((q) => d.t.invoke('case-list', { filter: { text: q } })),
  );
  answers.push(
    await d.t.invoke('petition-find-similar', {
      petitioners: [{ name: accuser.name, idNumber: accuser.idNumber, phone: accuser.phone }],
      text: text.facts,
    }),
  );
  return { answers, foundByText: searched.flatMap((r) => r.items.map((i) => i.id)) };
}

const leaked = (answers: unknown[]) => secrets.filter((s) => answers.some((a) => JSON.stringify(a).includes(s)));

describe('reading a 检举控告 one may not read', () => {
  it('第三十条第三款 a 接待员 of the office handling it gets none of its text, accused or accuser from any read (第四十六条第五项)', async () => {
    const d = await registered('county-reception', ['office-qingshan'], 'county-handler');
    expect(leaked((await everyRead(d)).answers)).toEqual(secrets); // the handler reads it all
    await d.as('county-reception');
    const { answers, foundByText } = await everyRead(d);
    expect(leaked(answers)).toEqual([]);
    expect(foundByText).not.toContain(d.caseId);
  });

  it('第三十条第三款 the handler of a township accused in what it registered itself gets none of it either (第四十四条第一项)', async () => {
    const d = await registered('qs-reception', ['office-qingshan']);
    await d.as('qs-handler');
    const { answers, foundByText } = await everyRead(d);
    expect(leaked(answers)).toEqual([]);
    expect(foundByText).not.toContain(d.caseId);
    expect(answers[0]).toMatchObject({
      masked: true,
      case: { accusedOfficeIds: [], accusedPersons: [], leaders: [], contentProfile: [] },
    });
  });

  it('第三十条第三款 a 接待员 can neither link the accuser to a registration nor overwrite the record by its 证件号码', async () => {
    const d = await registered('county-reception', ['office-qingshan'], 'county-handler');
    await d.as('county-reception');
    const walkIn = (person: object) =>
      visit({ petitioners: [{ kind: 'person', ...person }], receivedAt: at('2025-12-01T01:30:00Z') });
    await expect(
      d.t.invoke('petition-register', {
        registration: walkIn({ existingId: d.petitionerId, phone: '13000000000' }),
        case: { kind: 'new' },
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const own = await d.t.invoke('petition-register', {
      registration: walkIn({ name: '张三', idType: 'resident-id', idNumber: accuser.idNumber, phone: '13000000000' }),
      case: { kind: 'new' },
    });
    expect(own.petitionerIds).not.toContain(d.petitionerId);
    await d.as('county-handler');
    expect((await d.t.invoke('petitioner-get', { id: d.petitionerId })).petitioner).toMatchObject({
      name: accuser.name,
      phone: accuser.phone,
    });
  });
});
