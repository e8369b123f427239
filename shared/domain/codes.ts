/**
 * Code lists of the domain. Identifiers are English; the Chinese term is in the doc comment and the
 * user-facing label lives in the message catalogue (`shared/messages/zh-CN.ts`).
 */

/** 信访形式 (第十七条: 信息网络、书信、电话、传真、走访). */
export const channels = ['visit', 'letter', 'call', 'fax', 'email', 'online'] as const;
/** visit 来访 · letter 来信 · call 来电 · fax 传真 · email 电子邮件 · online 网上信访. */
export type Channel = (typeof channels)[number];

/** Channels that bring a written petition (第十九条: 书面形式 carries 名称、住址、请求、事实和理由). */
export const writtenChannels: readonly Channel[] = ['letter', 'fax', 'email', 'online'];

/** 法定分类: suggestion 建议意见类 (第二十九条), accusation 检举控告类 (第三十条), claim 申诉求决类 (第三十一条至第三十四条). */
export const caseClasses = ['suggestion', 'accusation', 'claim'] as const;
export type CaseClass = (typeof caseClasses)[number];

/** Staff roles (design.md §5): 接待员, 办理人, 负责人, 管理员. */
export const roles = ['receptionist', 'handler', 'approver', 'admin'] as const;
export type Role = (typeof roles)[number];

/** 机构类别. */
export const officeKinds = [
  'township', // 乡镇政府/街道办事处
  'county-bureau', // 县信访局 (党委和政府信访部门)
  'county-department', // 县职能部门
  'county-government', // 县政府
  'discipline', // 纪检监察机关
  'political-legal', // 政法部门 (政法委/法院/检察院/公安/司法行政)
  'city', // 市级机关
  'other',
] as const;
export type OfficeKind = (typeof officeKinds)[number];

/**
 * 证件类型, each checked by its own rule (`checkDocumentNumber` in identity.ts; domain-rules.md "Registration" item 4):
 * - resident-id 居民身份证 (《居民身份证法》; GB 11643 公民身份号码);
 * - residence-permit 居住证 of a 公民 living away from their 户籍 (《居住证暂行条例》), free form;
 * - foreign-permanent 外国人永久居留身份证, free form;
 * - passport 护照, free form;
 * - hk-macao-taiwan-pass 港澳台通行证: the one entry of the first code list, kept so stored records still read;
 *   new registrations pick one of the two permits below (see `pickableIdTypes`);
 * - other 其他证件, free form;
 * - hmt-residence-permit 港澳台居民居住证: 18 characters by GB 11643 under 810000 (香港), 820000 (澳门) or 830000 (台湾);
 * - hk-macao-travel-permit 港澳居民来往内地通行证: H or M and 8 or 10 digits;
 * - taiwan-travel-permit 台湾居民来往大陆通行证: 8 digits, an older card with a 1–2 character check after them.
 * Codes are stored in petitioner records: never renamed, only added.
 */
export const idTypes = [
  'resident-id',
  'residence-permit',
  'foreign-permanent',
  'passport',
  'hk-macao-taiwan-pass',
  'other',
  'hmt-residence-permit',
  'hk-macao-travel-permit',
  'taiwan-travel-permit',
] as const;
export type IdType = (typeof idTypes)[number];

/** The 证件类型 a new registration offers, in the order of the picker (not the unsplit 港澳台通行证, kept for stored records). */
export const pickableIdTypes: readonly IdType[] = [
  'resident-id',
  'hmt-residence-permit',
  'hk-macao-travel-permit',
  'taiwan-travel-permit',
  'residence-permit',
  'foreign-permanent',
  'passport',
  'other',
];

/**
 * Petition flags (domain-research §7.2): group 集体访/联名信, bypass 越级, urgent 紧急 (第二十五条), anonymous 匿名,
 * litigation 涉法涉诉 (第二十二条第二款), threat 扬言, confidential 保密, repeat 重复信访.
 */
export const petitionFlags = [
  'group',
  'bypass',
  'urgent',
  'anonymous',
  'litigation',
  'threat',
  'confidential',
  'repeat',
] as const;
export type PetitionFlag = (typeof petitionFlags)[number];

/** 信访目的 (national code list) and the legal class it maps to (an inference, domain-research §7.2). */
export const purposes = ['claim', 'appeal', 'suggestion', 'accusation', 'other'] as const;

/** Status of a matter (信访事项), derived from its events; see `acts.ts`. */
export const caseStatuses = [
  'registered', // 已登记
  'accepted', // 已受理 (办理中)
  'rejected', // 不予受理
  'redirected', // 已告知 (向有权机关提出)
  'forwarded', // 已转送
  'assigned', // 已交办
  'transferred', // 已转出 (转政法 / 转纪检监察)
  'answered', // 已答复 (处理意见 / 回复 / 协议)
  'in-review', // 复查中
  'reviewed', // 已复查
  'in-re-review', // 复核中
  're-reviewed', // 已复核
  'closed', // 终结
  'no-further-acceptance', // 不再受理 (第三十六条第三款)
  'voided', // 已作废: registered in error; out of every list and count, readable with its history
] as const;
export type CaseStatus = (typeof caseStatuses)[number];

/** 满意度评价 scale (第二十一条; configurable, domain-research §7.5: "未评价" is never "满意"). */
export const ratings = ['satisfied', 'basically-satisfied', 'dissatisfied', 'none'] as const;
export type Rating = (typeof ratings)[number];

/** 送达方式. */
export const serviceMethods = ['in-person', 'post', 'electronic', 'left-at-address', 'public-notice', 'other'] as const;
export type ServiceMethod = (typeof serviceMethods)[number];

/** How a notice reached the petitioner (当场 where possible, 第二十三条). */
export const noticeMethods = ['on-site', 'post', 'sms', 'electronic', 'phone', 'unreachable'] as const;
export type NoticeMethod = (typeof noticeMethods)[number];

/**
 * The statutory routes a 申诉求决类 matter is led into instead of a 信访处理意见书 (第三十一条第一项至第五项):
 * litigation (一) 诉讼、复议、检察、公安的法律程序, arbitration (二) 仲裁, party (三) 党员申诉、申请复审,
 * administrative (四) 行政复议、行政裁决等行政程序, duty (五) 依法履行职责或者答复.
 */
export const statutoryRoutes = ['litigation', 'arbitration', 'party', 'administrative', 'duty'] as const;
export type StatutoryRoute = (typeof statutoryRoutes)[number];
