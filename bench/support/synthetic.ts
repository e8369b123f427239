import { foldCase } from '#shared/domain/fold';
import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseEvent } from '#shared/domain/case-types';
import type { CaseEventDoc, PetitionDoc, PetitionerDoc } from '#shared/domain/documents';
import { idNumberCheckChar } from '#shared/domain/identity';
import { contentProfile } from '#shared/domain/repeat';
import { toCaseDoc } from '#shared/core/projector';
import { nameInitials } from '#shared/core/handlers/petitions';

/**
 * Synthetic but realistic desk data for benchmarks: Chinese names with valid 身份证 numbers, phones, complaint
 * texts from a few dozen templates (so repeat detection has near-duplicates to find), and matters in every
 * stage of the act table, built with the real fold. Deterministic for a given seed.
 */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const surnames = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
];
const given = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建平刚桂兰玉红霞国庆文辉宏志春梅海燕'];
const villages = ['东村', '西村', '南岗村', '北坡村', '河湾村', '桥头村', '新华村', '红星村'];
const topics = [
  ['土地征收补偿款', '征地后补偿款至今未足额发放', '与公布的补偿方案不符'],
  ['宅基地纠纷', '邻居建房占用我家宅基地', '有土地使用证为证'],
  ['拖欠工资', '在镇上工地务工被拖欠工资半年', '包工头失联，施工单位推诿'],
  ['低保资格', '家庭困难申请低保未获批准', '符合低保条件却被取消'],
  ['环境污染', '村旁养殖场污水直排河道', '影响饮水和农田灌溉'],
  ['道路修建', '村组道路损坏多年无人修缮', '雨天无法通行，学生上学困难'],
  ['房屋拆迁', '旧村改造拆迁安置房迟迟未交付', '已超过合同约定期限两年'],
  ['医疗报销', '新农合报销比例与政策不一致', '多次咨询未得到答复'],
];

export interface SyntheticCase {
  petitioner: PetitionerDoc;
  petition: PetitionDoc;
  events: CaseEventDoc[];
}

function idNumber(r: () => number): { idNumber: string; birthDate: string; sex: 'M' | 'F' } {
  const year = 1940 + Math.floor(r() * 60);
  const month = 1 + Math.floor(r() * 12);
  const dayOfMonth = 1 + Math.floor(r() * 28);
  const seq = 100 + Math.floor(r() * 899);
  const birth = `${year}${String(month).padStart(2, '0')}${String(dayOfMonth).padStart(2, '0')}`;
  const body = `999901${birth}${seq}`;
  return {
    idNumber: body + idNumberCheckChar(body),
    birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
    sex: seq % 2 === 1 ? 'M' : 'F',
  };
}

/** Matter `i` of a synthetic desk; `officeId` is the township holding it. */
export function syntheticCase(i: number, r: () => number, officeId: string, userId: string): SyntheticCase {
  const id = idNumber(r);
  const name =
    surnames[Math.floor(r() * surnames.length)]! +
    given[Math.floor(r() * given.length)]! +
    (r() < 0.6 ? given[Math.floor(r() * given.length)]! : '');
  const topic = topics[Math.floor(r() * topics.length)]!;
  const village = villages[Math.floor(r() * villages.length)]!;
  const received = new Date(Date.UTC(2025, 0, 1) + Math.floor(r() * 690 * 86_400_000));
  const receivedAt = received.toISOString();
  const suffix = String(i).padStart(8, '0');
  const petitioner: PetitionerDoc = {
    id: `pp-${suffix}`,
    kind: 'person',
    name,
    nameInitials: nameInitials(name),
    idType: 'resident-id',
    ...id,
    phone: `13${Math.floor(100_000_000 + r() * 899_999_999)}`,
    address: `青山镇${village}${1 + Math.floor(r() * 99)}号`,
    officeId,
    history: [],
    updatedAt: receivedAt,
  };
  const request = `要求解决${topic[0]}问题（${village}）`;
  const petition: PetitionDoc = {
    id: `p-${suffix}`,
    caseId: `case-${suffix}`,
    officeId,
    channel: (['visit', 'letter', 'call', 'online'] as const)[Math.floor(r() * 4)]!,
    receivedAt,
    petitionerIds: [petitioner.id],
    headcount: 1,
    request,
    facts: `${village}村民反映：${topic[1]}。`,
    reasons: topic[2],
    flags: [],
    repeat: false,
    registeredBy: userId,
    recordedAt: receivedAt,
  };
  const actor = { userId, officeId, role: 'handler' as const };
  const ev = (
    n: number,
    type: string,
    payload: Record<string, unknown>,
    days: number,
    article: string,
    after: string[],
  ): CaseEventDoc => ({
    id: `ev-${suffix}-${n}`,
    caseId: petition.caseId,
    type: type as CaseEventDoc['type'], // one of the act types listed below
    payload,
    actor,
    occurredAt: new Date(received.getTime() + days * 86_400_000).toISOString(),
    recordedAt: receivedAt,
    article,
    after,
  });
  const events = [
    ev(
      0,
      'register',
      {
        caseNumber: `999901101-${received.getUTCFullYear()}-BENCH1-${suffix}`,
        receivedAt,
        channel: petition.channel,
        petitionIds: [petition.id],
        petitionerIds: [petitioner.id],
        title: request,
        flags: [],
        accusedOfficeIds: [],
        contentProfile: [...contentProfile(`${request}\n${petition.facts}\n${petition.reasons}`)],
      },
      0,
      '第十九条',
      [],
    ),
  ];
  const stage = r();
  if (stage > 0.3)
    events.push(
      ev(1, 'accept', { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' }, 3, '第二十三条', [
        events[0]!.id,
      ]),
    );
  if (stage > 0.7)
    events.push(
      ev(
        2,
        'decide',
        { outcome: 'explain', basis: '依据相关政策予以解释说明', reviewOrgan: '示范县人民政府' },
        40,
        '第三十二条',
        [events[1]!.id],
      ),
    );
  return { petitioner, petition, events };
}

/** The `cases` row of a synthetic matter, folded exactly as the projector does. */
export function caseRow(m: SyntheticCase) {
  const projection = foldCase(m.events as unknown as CaseEvent[], defaultCalendar); // synthetic payloads follow the schemas
  if (!projection) throw new Error('synthetic matter without 登记');
  return toCaseDoc(projection);
}
