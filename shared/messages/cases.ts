import type { EventSignatureFlag } from '../contract/api';
import type { ActPayload, AmendableField } from '../domain/act-payloads';
import type { ClockKind } from '../domain/case-types';
import type { ClockState } from '../domain/clocks';
import type { NoticeMethod, Rating, ServiceMethod, StatutoryRoute } from '../domain/codes';

/**
 * The catalogue's texts of the matter list, the matter page and the petitioner page (codes.ts has the code labels),
 * checked with `satisfies` so a new code without its Chinese is a compile error.
 */

type Options<T extends string> = Record<T, string>;

export const noticeMethodText = {
  'on-site': '当场告知',
  post: '邮寄',
  sms: '短信',
  electronic: '电子方式',
  phone: '电话',
  unreachable: '无法联系',
} satisfies Options<NoticeMethod>;

export const serviceMethodText = {
  'in-person': '直接送达',
  post: '邮寄送达',
  electronic: '电子送达',
  'left-at-address': '留置送达',
  'public-notice': '公告送达',
  other: '其他方式',
} satisfies Options<ServiceMethod>;

export const ratingText = {
  satisfied: '满意',
  'basically-satisfied': '基本满意',
  dissatisfied: '不满意',
  none: '未评价',
} satisfies Options<Rating>;

/** Option labels of the act payloads' own enums, keyed by field. */
export const optionText = {
  procedure: { opinion: '按第三十一条第六项出具处理意见（60日）', statutory: '依照法定途径办理' } satisfies Options<
    ActPayload<'accept'>['procedure']
  >,
  ground: {
    'higher-level-duplicate': '同一事项已由下级机关受理或正在办理，信访人在规定期限内又向本机关提出（第十九条第三款）',
    'after-re-review': '已经复核，同一事实和理由（第三十六条）',
    'statutory-procedure': '应当通过法定途径解决（第三十一条）',
    'not-a-petition': '不属于信访事项',
    'late-request': '逾期申请复查、复核且无正当理由（第三十五条、第三十六条）',
    other: '其他',
  } satisfies Options<ActPayload<'reject'>['ground']>,
  target: { 'political-legal': '转政法部门', discipline: '转纪检监察机关' } satisfies Options<
    ActPayload<'transfer'>['target']
  >,
  outcome: { support: '支持', explain: '解释说明', 'not-support': '不予支持' } satisfies Options<
    ActPayload<'decide'>['outcome']
  >,
  adoption: { adopted: '采纳', 'partly-adopted': '部分采纳', 'not-adopted': '未采纳' } satisfies Options<
    NonNullable<ActPayload<'reply'>['adoption']>
  >,
  agreeKind: { mediation: '调解协议', settlement: '和解协议' } satisfies Options<ActPayload<'agree'>['kind']>,
  result: { uphold: '维持', revoke: '撤销', change: '变更', redo: '责令重新处理' } satisfies Options<
    ActPayload<'review-decision'>['result']
  >,
  closeGround: {
    're-review-done': '已复核完毕',
    'review-window-lapsed': '逾期未申请复查',
    're-review-window-lapsed': '逾期未申请复核',
    agreement: '已达成调解/和解协议',
    executed: '处理意见已执行',
    replied: '已回复或反馈',
    withdrawn: '信访人撤回',
    'petitioner-died': '信访人死亡或终止',
    certified: '经认定终结',
  } satisfies Options<ActPayload<'close'>['ground']>,
  evaluateTarget: { 'petition-office': '信访部门', 'handling-office': '办理机关' } satisfies Options<
    ActPayload<'evaluate'>['target']
  >,
  stage: { acceptance: '受理环节', handling: '办理环节' } satisfies Options<ActPayload<'evaluate'>['stage']>,
  superviseKind: { supervise: '督办', urge: '催办' } satisfies Options<ActPayload<'supervise'>['kind']>,
  petitionerTold: { yes: '已告知信访人', no: '未告知信访人' },
  route: {
    litigation: '第一项：诉讼、复议、刑事立案、法律监督、公安机关法律程序',
    arbitration: '第二项：仲裁',
    party: '第三项：党员申诉、申请复审',
    administrative: '第四项：行政复议、裁决、确认、许可、处罚等行政程序',
    duty: '第五项：申请查处违法行为、履行保护职责',
  } satisfies Options<StatutoryRoute>,
  agreed: { yes: '核实同意，事项退回本机关', no: '不同意，由接收机关继续办理' },
  admitted: { yes: '有正当理由，予以受理', no: '无正当理由，不予受理' },
  approved: { yes: '批准', no: '不批准' },
  amendField: {
    title: '事项摘要',
    request: '请求',
    facts: '事实',
    reasons: '理由',
    problemRegion: '问题属地',
    contentCategory: '内容分类',
  } satisfies Options<AmendableField>,
};

/** Labels of the act forms' fields, by payload field name. */
export const fieldText = {
  noticeMethod: '告知方式',
  noticeNo: '告知书文号',
  class: '法定分类',
  procedure: '办理程序',
  ground: '理由类别',
  explanation: '说明',
  organ: '有权机关',
  toOfficeId: '接收机构',
  petitionerTold: '是否已告知信访人去向',
  note: '附言',
  reasons: '理由',
  dueDate: '办结期限',
  target: '转往',
  days: '延长天数',
  conclusion: '听证结论',
  outcome: '处理意见',
  basis: '事实和依据',
  reviewOrgan: '复查机关',
  documentNo: '文书编号',
  content: '内容',
  adoption: '采纳情况',
  kind: '类型',
  terms: '协议内容',
  method: '送达方式',
  receiptNo: '送达回证编号',
  result: '结果',
  evaluateTarget: '评价对象',
  stage: '评价环节',
  rating: '满意度',
  issue: '督办事项',
  feedbackDue: '反馈期限',
  superviseEventId: '所反馈的督办',
  userId: '回避人员',
  reason: '回避理由',
  text: '备注内容',
  occurredAt: '发生时间（不填为现在）',
  objectReasons: '异议理由（不少于10字）',
  transferOrgan: '接收机关',
  extendReasons: '延期理由',
  replyContent: '回复/反馈内容',
  reportContent: '办结报告内容',
  reviewContent: '复查意见',
  reReviewOrgan: '复核机关',
  reReviewContent: '复核意见',
  closeGround: '终结情形',
  feedbackContent: '反馈内容',
  route: '法定途径（依照法定途径办理时，第三十一条）',
  accusedOfficeIds: '被检举/被控告单位',
  accusedPersons: '被检举/被控告人员（逐个输入后回车）',
  priorCaseNumber: '已复核事项编号',
  agreed: '核实结果',
  returnReasons: '退回理由',
  signedDay: '信访人签收日期（以送达回证为准；邮寄未收回证的可暂不填）',
  admitted: '是否受理',
  assignee: '新承办人',
  amendField: '项目',
  amendValue: '内容',
  petitionId: '信访件编号（请求、事实、理由必填）',
  oldValue: '原内容',
  correctReason: '更正理由',
  voidReason: '作废理由',
  proposalEventId: '报批事项',
  approved: '审批意见',
  leader: '领导姓名、职务',
  jointOffices: '参加接访的机构',
  otherOffices: '其他参加单位',
  consultOffices: '参加协商的机构',
  consultOutcome: '协商结果',
  reportTo: '报告对象',
  followUpMethod: '回访方式',
  followUpResult: '回访结果',
  reviewOffice: '复查机关（本县机构）',
  reReviewOffice: '复核机关（本县机构）',
  lateReason: '逾期的正当理由（逾期申请时填写）',
  transitDays: '在途天数（来信）',
  redoDue: '重新处理期限（责令重新处理时填写）',
  petitionPick: '所属信访件（补充、更正请求、事实、理由时选择）',
} as const;

/** Form validation, mapped from the zod issue of the act's payload schema. */
export const validationText = {
  required: '请填写此项。',
  choose: '请选择此项。',
  tooLong: (max: number) => `不能超过${max}个字。`,
  tooShort: (min: number) => `至少填写${min}个字。`,
  tooSmallNumber: (min: number) => `不能小于${min}。`,
  tooLarge: (max: number) => `不能超过${max}。`,
  extensionDays: '延长期限不得超过30日（《信访工作条例》第三十四条）。',
  date: '请选择日期。',
  invalid: '格式不正确。',
} as const;

export const clockStateText = {
  running: '进行中',
  'due-soon': '即将到期',
  overdue: '已超期',
  met: '已办结',
  'met-late': '逾期办结',
  lapsed: '已过期',
} satisfies Options<ClockState>;

const ticking = { running: clockStateText.running, 'due-soon': clockStateText['due-soon'] } as const;
/** A window stopped after its due day was used late: the request is registered all the same (第四十四条第一项). */
const petitionerWindow = {
  ...ticking,
  met: '已申请',
  'met-late': '逾期申请',
  overdue: '期满未申请',
  lapsed: '期满未申请',
} as const;

/**
 * A clock's state in words by its kind. An office's duty met is 已告知 / 已办结 / 已复查 …; met late it stays late
 * (逾期告知 / 逾期办结 / 逾期复查 …: no act erases lateness, domain-rules "States and acts"). A petitioner's own
 * window (第三十五条、第三十六条) is 已申请, or 期满未申请 once it has run out: a right that lapsed, not anyone's delay.
 * The 5-working-day window to object (第二十三条第三款) is the receiver's option, so passing it is not "late" either.
 * 'lapsed' only ever comes for a petitioner's window and 'overdue' only for an office's duty; both are filled in.
 */
export const clockStateByKind = {
  notice: { ...ticking, overdue: '逾期未告知', met: '已告知', 'met-late': '逾期告知', lapsed: '逾期未告知' },
  objection: { ...ticking, overdue: '异议期已过', met: '已处理', 'met-late': '异议期已过', lapsed: '异议期已过' },
  assignment: { ...ticking, overdue: '逾期未办结', met: '已办结', 'met-late': '逾期办结', lapsed: '逾期未办结' },
  handling: { ...ticking, overdue: '逾期未办结', met: '已办结', 'met-late': '逾期办结', lapsed: '逾期未办结' },
  'review-window': petitionerWindow,
  review: { ...ticking, overdue: '逾期未复查', met: '已复查', 'met-late': '逾期复查', lapsed: '逾期未复查' },
  're-review-window': petitionerWindow,
  're-review': { ...ticking, overdue: '逾期未复核', met: '已复核', 'met-late': '逾期复核', lapsed: '逾期未复核' },
  supervision: { ...ticking, overdue: '逾期未反馈', met: '已反馈', 'met-late': '逾期反馈', lapsed: '逾期未反馈' },
  redo: {
    ...ticking,
    overdue: '逾期未重新处理',
    met: '已重新处理',
    'met-late': '逾期重新处理',
    lapsed: '逾期未重新处理',
  },
} satisfies Record<ClockKind, Options<ClockState>>;

export const casesText = {
  listTitle: '信访事项',
  total: (n: number) => `共 ${n.toLocaleString('zh-CN')} 件`,
  keyboardHint: '↑/↓ 选择，Enter 打开',
  loadingRow: '加载中……',
  empty: '没有符合条件的事项',
  column: {
    caseNumber: '事项编号',
    title: '事项摘要',
    status: '状态',
    class: '法定分类',
    channel: '信访形式',
    receivedAt: '收到时间',
    office: '承办机构',
    nextDue: '最近期限',
    flags: '标记',
  },
  filter: {
    status: '状态',
    class: '法定分类',
    channel: '信访形式',
    office: '承办机构',
    text: '编号或摘要',
    dueSoon: '即将到期',
    overdue: '已超期',
    reset: '清除筛选',
  },
  sort: {
    label: '排序',
    receivedDesc: '收到时间（新→旧）',
    receivedAsc: '收到时间（旧→新）',
    nextDue: '最近期限（早→晚）',
    caseNumber: '事项编号',
  },
  unclassified: '未分类',
  restricted: '检举控告（限阅）',
  masked: '内容不予显示',
  conflict: (n: number) => `${n} 处冲突待处理`,
  uncertain: '?',
  uncertainTip: '节假日日历尚未覆盖该年份，期限为估算，请以正式日历核对。',
  overdueTip: '已超期',
  dueSoonTip: '即将到期',
  daysLeft: (n: number) => (n > 0 ? `剩 ${n} 天` : n === 0 ? '今天到期' : `超期 ${-n} 天`),
} as const;

export const caseText = {
  back: '返回事项列表',
  loading: '正在读取事项……',
  summary: '事项概况',
  petitioners: '信访人',
  petitions: '信访件',
  timeline: '办理过程',
  clocks: '办理期限',
  acts: '可进行的操作',
  noActs: '当前没有您可以进行的操作。',
  noClocks: '没有计时中的期限。',
  conflicts: '同步冲突（需人工处理）',
  conflictLine: (act: string, reason: string, office: string) => `${office}的「${act}」未能生效：${reason}`,
  request: '请求',
  facts: '事实',
  reasons: '理由',
  headcount: (n: number) => `${n} 人`,
  repeat: '重件',
  first: '初件',
  receivedAt: '收到时间',
  registeredBy: '登记人',
  maskedNotice: '本事项为检举控告事项，您无权查看具体内容（《信访工作条例》第三十条）。',
  actor: (name: string, role: string, office: string) => `${office} · ${name}（${role}）`,
  /** An act whose signature fails or is missing (design.md §5), marked on the timeline. */
  signature: { invalid: '签名无效', unsigned: '未签名' } satisfies Record<EventSignatureFlag, string>,
  signatureHint: {
    invalid: '该记录的签名与办理人不符：不是本人签署，或签署后内容被改动。',
    unsigned: '该记录形成于启用电子签名之前，未经办理人签名。',
  } satisfies Record<EventSignatureFlag, string>,
  clockDue: '到期日',
  clockStarted: '起算日',
  clockStopped: '办结日',
  clockOffice: '责任机构',
  extension: (days: number) => `已延期 ${days} 日`,
  submit: '确定',
  cancel: '取消',
  saved: (act: string) => `已记录：${act}`,
  officeHint: '输入机构名称或编号查找',
  noSupervision: '没有待反馈的督办',
  supervisionOption: (start: string, due: string) => `${start} 督办，${due} 前反馈`,
  noFields: '确认进行此项操作？',
  petitionerLink: '查看信访人',
  proposedAct: (act: string) => `${act}（报批）`,
  proposedNotice: '此项操作须经负责人审批：提交后记为报批，负责人批准后生效；审批前各项期限照常计算（第三十四条）。',
  proposedSaved: (act: string) => `已报批：${act}，待负责人审批`,
  proposalOption: (act: string, who: string) => `${act}（${who}报批）`,
  proposedAs: '报批事项',
  amended: { supplement: '已补充', correct: '已更正' },
  amendedTo: '更正为',
  amendedFrom: (before: string, after: string) => `${before || '（空）'} → ${after}`,
  petitionOption: (kind: string, at: string) => `${kind} · ${at}`,
  occurredAtNow: '现在',
} as const;

export const petitionerText = {
  title: '信访人',
  loading: '正在读取信访人……',
  contact: '基本信息',
  name: '姓名（名称）',
  kindLabel: '类别',
  kind: { person: '个人', organisation: '单位' },
  idType: '证件类型',
  idNumber: '证件号码',
  birthDate: '出生日期',
  sex: '性别',
  sexText: { M: '男', F: '女' },
  phone: '联系电话',
  address: '住址',
  region: '所在地区划',
  history: '信息变更记录',
  noHistory: '没有变更记录。',
  historyField: '项目',
  historyValue: '原值',
  historyAt: '变更时间',
  cases: '信访事项',
  petitions: '信访件',
  noPetitions: '没有信访件。',
  unknown: '—',
  historyBy: '变更人',
  historyReason: '原因',
  mergedReason: '两处同时修改，同步时保留了另一版本',
  edit: '编辑',
  editTitle: '更正信访人信息',
  editNote: '依照《信访工作条例》第十九条如实记录：更正后，原来的信息保留在变更记录中，并记下更正人和原因。',
  noIdType: '无证件',
  regionHint: '6位（县）、9位（乡镇）或12位（村）区划代码',
  regionInvalid: '区划代码应为6位、9位或12位数字。',
  reason: '更正原因',
  reasonRequired: '请填写更正原因。',
  nothingChanged: '没有修改任何信息。',
  save: '保存更正',
  cancel: '取消',
  saved: '信访人信息已更正，原信息已记入变更记录。',
} as const;
