import type { ActType } from '../domain/act-payloads';
import type { ClockKind } from '../domain/case-types';
import type { CaseClass, CaseStatus, Channel, PetitionFlag, Role } from '../domain/codes';
import type { ApiErrorCode } from '../contract/errors';
import type { SyncStatus } from '../contract/events';
import type { DeskHostErrorCode, StartupFailureCode } from '../contract/host-errors';
import type { SyncErrorCode } from '../sync/protocol';
import type { ReasonCode } from '../domain/reasons';
import type { MissingItem } from '../domain/registration';
import { MAX_EVENTS_PER_CASE } from '../domain/case-cap';

/**
 * The catalogue's labels of codes (reasons, channels, classes, statuses, acts, errors, sync states, the desktop
 * app's start-up and core failures): each map is checked with `satisfies`, so a new code without its Chinese text
 * is a compile error.
 */

export const reasonText = {
  'case-not-registered': '该事项尚未登记。',
  'case-already-registered': '该事项已经登记，不能重复登记。',
  'act-not-allowed-in-status': '事项当前状态下不能进行此项操作。',
  'act-wrong-office': '只有当前承办机构可以进行此项操作。',
  'act-role-not-allowed': '您的角色无权进行此项操作。',
  'act-wrong-class': '此项操作不适用于该类信访事项（建议意见类、检举控告类予以回复或反馈，申诉求决类出具处理意见）。',
  'act-payload-invalid': '填写的内容不完整或格式不正确。',
  'forward-to-accused': '检举控告材料不得转给被检举、揭发的人员或者单位（《信访工作条例》第三十条）。',
  'forward-to-self': '不能转送或交办给本机构。',
  'extension-not-applicable': '只有按第三十一条第六项办理的申诉求决类事项可以延期（第三十四条）。',
  'extension-once': '办理期限只能延长一次（第三十四条）。',
  'extension-after-due': '办理期限已届满，不能再延期（第三十四条）。',
  'hearing-not-open': '没有正在进行的听证。',
  'hearing-already-open': '听证尚未结束。',
  'review-window-lapsed': '已超过申请复查的30日期限（第三十五条）。',
  're-review-window-lapsed': '已超过申请复核的30日期限（第三十六条）。',
  'close-ground-not-met': '不符合所选的终结情形。',
  'report-without-assignment': '该事项没有待报送办结报告的交办。',
  'supervision-unknown': '找不到对应的督办记录，或已反馈。',
  'already-served': '该答复已经送达。',
  'user-recused': '您已对该事项回避，不能办理（《信访工作条例》第二十八条）。',
  'act-wrong-procedure': '依照法定途径办理的事项不出具信访处理意见书（《信访工作条例》第三十一条）。',
  'already-received': '本机构已经签收该事项，不能重复签收（第二十三条）。',
  'objection-late': '异议应当自收到之日起5个工作日内提出，已超过期限（第二十三条第三款）。',
  'objection-pending': '已提出异议，正等待转送、交办机关核实。',
  'objection-none': '没有待核实的异议。',
  'nothing-to-inform': '本机构没有尚未告知信访人的转送去向。',
  'assign-not-below': '只能交办给本机关的下级机关、单位（第二十二条第三项）。',
  'assign-due-not-after': '办结期限应当晚于今天。',
  'supervise-not-petition-office': '只有党委和政府信访部门可以督办（第四十条）。',
  'supervise-not-below': '只能督办本机关下级的承办机关，不能督办本机关（第四十条）。',
  'review-not-available':
    '只有对信访处理意见书可以申请复查；回复、反馈、调解协议和依法定途径办理的事项不适用复查（第三十五条）。',
  'review-not-served': '书面答复尚未送达（或尚未补录签收日期），复查、复核申请期限尚未起算（第三十五条、第三十六条）。',
  'review-wrong-organ': '复查、复核由作出意见机关的上一级机关、单位办理（第三十五条、第三十六条）。',
  'review-by-decider': '原办理机关不能对自己的意见进行复查或复核（第三十五条、第三十六条）。',
  'redo-due-required': '责令重新处理的，请填写晚于今天的重新处理期限。',
  'late-request-none': '没有待决定是否受理的逾期申请。',
  'late-request-pending': '有逾期提出的复查/复核申请待书面答复是否受理（第四十四条）。',
  'serve-receipt-none': '没有等待补录签收日期的邮寄送达。',
  'date-out-of-range': '日期不能晚于今天，也不能早于此前的办理环节。',
  'occurred-after-recorded': '发生时间不能晚于记录时间。',
  'occurred-before-previous': '发生时间不能早于此前的办理环节。',
  'close-window-running': '信访人申请复查或复核的期限尚未届满，除信访人撤回外不能终结（第三十五条、第三十六条）。',
  'close-not-served': '信访处理意见书送达后才能终结（第三十一条第六项、第三十五条）。',
  'report-return-unknown': '没有本机关交办且已报送的办结报告可以退回。',
  'proposal-unknown': '找不到待审批的报批事项，或已审批。',
  'proposal-pending': '该行为已报批，正在等待负责人审批，请勿重复报批。',
  'proposal-invalid': '报批的内容不完整或格式不正确。',
  'case-too-many-events': `该事项的办理记录已达上限（${MAX_EVENTS_PER_CASE}条），不能再记录。如确需继续办理，请联系县级信访部门。`,
  'registration-malformed': '登记内容格式不正确。',
  'channel-required': '请选择信访形式。',
  'received-at-invalid': '请填写正确的收到时间。',
  'received-at-future': '收到时间不能晚于当前时间。',
  'headcount-invalid': '请填写正确的人数。',
  'headcount-below-representatives': '总人数不能少于代表人数。',
  'representatives-over-limit':
    '多人走访应当推选代表，代表人数不得超过5人（《信访工作条例》第二十条）；其余人员请计入总人数。',
  'id-type-required': '请选择证件类型。',
  'duplicate-petitioner': '同一信访人不能重复填写。',
  'id-empty': '请填写身份证号码。',
  'id-length': '身份证号码应为18位（或旧版15位）。',
  'id-format': '身份证号码只能包含数字，最后一位可以是X。',
  'id-province': '身份证号码的省份代码不正确。',
  'id-birth-date': '身份证号码中的出生日期不正确。',
  'id-checksum': '身份证号码校验位不正确，请核对。',
  'id-number-empty': '请填写证件号码。',
  'hmt-permit-length': '港澳台居民居住证号码应为18位。',
  'hmt-permit-format': '港澳台居民居住证号码只能包含数字，最后一位可以是X。',
  'hmt-permit-prefix': '港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头。',
  'hmt-permit-birth-date': '港澳台居民居住证号码中的出生日期不正确。',
  'hmt-permit-checksum': '港澳台居民居住证号码校验位不正确，请核对。',
  'hk-macao-permit-format': '港澳居民来往内地通行证号码应为H（香港）或M（澳门）加8位或10位数字。',
  'taiwan-permit-format': '台湾居民来往大陆通行证号码应为8位数字（旧版证件可在其后带1至2位校验码）。',
  'phone-empty': '请填写电话号码。',
  'phone-mobile-format': '手机号码应为以1开头的11位数字。',
  'phone-format': '电话号码格式不正确。',
} satisfies Record<ReasonCode, string>;

export const channelText = {
  visit: '来访',
  letter: '来信',
  call: '来电',
  fax: '传真',
  email: '电子邮件',
  online: '网上信访',
} satisfies Record<Channel, string>;

export const classText = {
  suggestion: '建议意见类',
  accusation: '检举控告类',
  claim: '申诉求决类',
} satisfies Record<CaseClass, string>;

export const statusText = {
  registered: '已登记',
  accepted: '已受理',
  rejected: '不予受理',
  redirected: '已告知',
  forwarded: '已转送',
  assigned: '已交办',
  transferred: '已转出',
  answered: '已答复',
  'in-review': '复查中',
  reviewed: '已复查',
  'in-re-review': '复核中',
  're-reviewed': '已复核',
  closed: '已终结',
  'no-further-acceptance': '不再受理',
  voided: '已作废',
} satisfies Record<CaseStatus, string>;

export const actText = {
  register: '登记',
  link: '重件关联',
  receive: '签收',
  accept: '受理',
  reject: '不予受理',
  redirect: '告知',
  forward: '转送',
  object: '异议',
  assign: '交办',
  transfer: '转政法/转纪检监察',
  extend: '延期',
  'hearing-start': '听证开始',
  'hearing-end': '听证结束',
  decide: '处理意见',
  reply: '回复/反馈',
  agree: '调解/和解协议',
  serve: '送达',
  report: '办结报告',
  'review-request': '复查申请',
  'review-decision': '复查意见',
  're-review-request': '复核申请',
  're-review-decision': '复核意见',
  close: '终结',
  evaluate: '满意度评价',
  supervise: '督办/催办',
  feedback: '督办反馈',
  recuse: '回避',
  'no-further-acceptance': '不再受理',
  inform: '告知转送去向',
  'object-decision': '核实异议',
  'report-return': '退回重办',
  'serve-receipt': '补录送达回证',
  'late-request-decision': '逾期申请是否受理',
  reassign: '另行指定承办人',
  supplement: '补充登记',
  correct: '更正登记',
  void: '作废登记',
  propose: '报批',
  approve: '审批',
  'leader-reception': '领导接访',
  'leader-case': '领导包案',
  'joint-reception': '联合接访',
  consult: '协商受理',
  'urgent-report': '重大紧急报告',
  'follow-up': '回访',
  note: '备注',
} satisfies Record<ActType, string>;

export const roleText = {
  receptionist: '接待员',
  handler: '办理人',
  approver: '负责人',
  admin: '管理员',
} satisfies Record<Role, string>;

export const flagText = {
  group: '集体访/联名信',
  bypass: '越级',
  urgent: '紧急',
  anonymous: '匿名',
  litigation: '涉法涉诉',
  threat: '扬言',
  confidential: '保密',
  repeat: '重复信访',
} satisfies Record<PetitionFlag, string>;

export const clockText = {
  notice: '书面告知是否受理（15日）',
  objection: '提出异议（5个工作日）',
  assignment: '交办办结期限',
  handling: '办理期限（60日）',
  'review-window': '申请复查期限（30日）',
  review: '复查期限（30日）',
  're-review-window': '申请复核期限（30日）',
  're-review': '复核期限（30日）',
  supervision: '督办反馈期限',
  redo: '重新处理期限',
} satisfies Record<ClockKind, string>;

export const missingText = {
  name: '信访人姓名（名称）',
  address: '住址',
  contact: '联系方式',
  request: '请求',
  facts: '事实',
  reasons: '理由',
  representatives: '代表',
} satisfies Record<MissingItem, string>;

/** Errors of the desk itself (not of a rule). */
export const apiErrorText = {
  ...reasonText,
  'invalid-arguments': '提交的内容格式不正确。',
  'unknown-handler': '不支持的操作。',
  'not-logged-in': '请先登录。',
  'login-failed': '用户名或密码不正确。',
  'login-locked': '登录失败次数过多，请一分钟后再试。',
  'user-disabled': '该账号已停用，请联系管理员。',
  'signing-key-invalid': '本人签名密钥无法解开（记录可能被改动），暂不能登录办理，请联系管理员重置密码。',
  forbidden: '您无权进行此项操作。',
  'id-number-taken': '该证件号码已登记在另一位信访人名下，请先查询核对。',
  'not-found': '找不到该记录。',
  'enrol-needs-approver': '本机已登记或已有信访数据，只有本单位负责人或管理员登录后才能登记本机。',
  'server-identity-changed':
    '该服务器不是本机登记的县级服务器（服务器身份不同）。如确需更换县级服务器，请勾选“更换县级服务器”后重新登记。',
  'server-identity-mismatch': '服务器未能证明其身份，本机未向其登记，也不会向其同步任何数据。',
  'unsynced-data': '本机还有记录未同步到原县级服务器，请先完成同步，再更换县级服务器。',
  'storage-failed': '数据保存失败，请重试；已填写的内容不会丢失。',
  internal: '系统出现错误，请重试。',
} satisfies Record<ApiErrorCode, string>;

/** Sync with the county server (the top bar): states, and why a sync or a pushed record did not go through. */
export const syncStateText = {
  disabled: '未配置县级服务器',
  online: '已同步',
  offline: '离线（网络恢复后自动同步）',
  syncing: '正在同步',
  error: '同步出错',
} satisfies Record<SyncStatus['state'], string>;

export const syncErrorText = {
  'login-failed': '用户名或密码不正确，本机未能登记到县级服务器。',
  'login-rate-limited': '登录失败次数过多，请稍后再试。',
  'user-disabled': '该账号已停用，请联系管理员。',
  'token-invalid': '本机的同步凭据已失效，请重新登记本机。',
  'device-revoked': '本机已被县级管理员停用同步，请联系管理员。',
  forbidden: '本机无权同步此项数据。',
  'device-owner-disabled': '登记本机的账号已停用，本机无法继续同步。请由本单位负责人重新登记本机。',
  'refresh-replayed': '本机的同步凭据被重复使用，为安全起见已停用本机同步。请由本单位负责人重新登记本机。',
  'doc-malformed': '有记录格式不正确，县级服务器未接收。',
  'doc-too-large': '有记录内容过长，县级服务器未接收。',
  'doc-other-office': '有记录属于其他机构，县级服务器未接收。',
  'actor-not-of-office': '有记录的办理人不是本机构人员，县级服务器未接收。',
  'act-payload-invalid': '有办理记录内容不完整，县级服务器未接收。',
  'case-not-visible': '有办理记录涉及本机构无权查看的事项，县级服务器未接收（《信访工作条例》第三十条）。',
  'event-rewrite': '办理记录一经保存不得修改，已恢复为县级服务器上的原记录。',
  'doc-immutable': '信访件一经保存不得修改，已恢复为县级服务器上的原记录。',
  'delete-refused': '该记录不能删除。',
  'collection-read-only': '机构、人员和日历只能由县级服务器下发。',
  'signature-invalid': '有办理记录的签名与办理人不符（不是本人签署或内容已被改动），县级服务器未接收。',
  'actor-disabled': '有记录是在办理人账号停用之后录入的，县级服务器未接收。',
  'petitioner-not-visible': '有记录涉及本机构无权查看的信访人，县级服务器未接收（《信访工作条例》第三十条）。',
  'case-already-registered': '该事项已经登记，县级服务器未接收重复的登记。',
  'case-too-many-events': `有办理记录超出了该事项的记录上限（${MAX_EVENTS_PER_CASE}条），县级服务器未接收。`,
  'doc-unknown-field':
    '有记录含有县级服务器不认识的内容，县级服务器未接收。如本机版本比县级服务器新，请先升级县级服务器。',
  'server-unreachable': '连接不上县级服务器，数据已保存在本机，网络恢复后自动同步。',
  'server-error': '县级服务器暂时出错，稍后自动重试。',
  'not-enrolled': '本机尚未登记到县级服务器。',
  'clock-drift': '本机时间与县级服务器相差超过5分钟，请校准本机时间。',
  'server-identity-mismatch': '服务器身份与本机登记的县级服务器不符，已停止同步。',
} satisfies Record<SyncErrorCode, string>;

/**
 * Why the desktop app cannot start, in the native dialog shown before any window exists: what to do, never the
 * technical cause (that goes to the log), never to run unencrypted or to delete the data.
 */
export const startupFailureText = {
  'encryption-unavailable':
    '本机没有可用的系统密钥存储，无法安全保存数据库密钥。为保护信访人的个人信息，程序不会以不加密的方式运行。\n\n' +
    '请联系系统管理员：在 Linux 上需要启用系统钥匙环（如 GNOME 密钥环或 KWallet）后再启动。',
  'key-unreadable':
    '数据库密钥文件已损坏，或是由其他电脑、其他系统账户生成的，无法读取。\n\n' +
    '请不要删除数据文件夹，并联系系统管理员：用原电脑、原系统账户启动，或从县级服务器重新同步本机数据。',
  'key-missing':
    '找到了本机的信访数据，但数据库密钥文件不见了，数据无法打开。\n\n' +
    '请不要删除数据文件夹，并联系系统管理员恢复密钥文件（database.key）。',
  'database-open-failed':
    '本机数据库无法打开，可能是文件已损坏，或者另一个程序正在使用它。\n\n' +
    '请关闭其他可能占用数据的程序后重试；如仍不行，请联系系统管理员。',
} satisfies Record<StartupFailureCode, string>;

/** Why the desk core's process failed (the desk host goes on): what happened, that saved work is safe, what to do. */
export const deskHostErrorText = {
  'desk-core-exited': '接待台核心进程意外停止，本次操作未完成。已保存的内容不会丢失，请重新启动本程序。',
  'desk-core-close-timeout': '接待台核心未能按时关闭，已强制结束。已保存的内容不会丢失，下次启动时自动恢复。',
  'desk-core-close-failed': '接待台核心关闭时出错。已保存的内容不会丢失，下次启动时自动恢复。',
} satisfies Record<DeskHostErrorCode, string>;
