import type { CalendarProblem, CalendarProblemCode } from '../domain/calendar-notice';

/**
 * The catalogue's texts of the holiday calendar: the county's 放假安排 file (`admin calendar-add`), the banner a
 * desk shows when a year is missing, and the settings page. Codes are labelled with `satisfies`, so a new problem
 * code without its Chinese is a compile error.
 */

export const calendarProblemText = {
  'year-invalid': '--year 应为 2000 至 2100 之间的年份，例如 --year 2027。',
  'file-encoding': '文件不是 UTF-8 编码：请在记事本中“另存为”，编码选择 UTF-8 后再导入。',
  'file-empty': '文件中没有任何“休”或“班”行。',
  'line-unreadable': '看不懂这一行：应写成“休 2027-01-01”“班 2027-02-14”或“休 2027-10-01 至 2027-10-07”。',
  'not-a-date': '不是真实存在的日期。',
  'wrong-year': '不在导入的年份内（只能填写该年的日期，以及上一年12月因元旦调休的日期）。',
  'range-reversed': '起止日期颠倒：结束日期早于开始日期。',
  'duplicate-day': '这一天重复填写了。',
  'rest-and-work': '这一天既写了“休”又写了“班”。',
  'work-on-weekday': '“班”只用于调休上班的周六、周日；周一至周五本来就是工作日，请核对日期。',
  'statutory-holiday-not-rest':
    '元旦、劳动节、国庆节是《全国年节及纪念日放假办法》第二条规定的全体公民放假日，应为“休”。',
} satisfies Record<CalendarProblemCode, string>;

/** One problem as the administrator reads it: where, what, and the code in brackets for support. */
export function describeCalendarProblem(p: CalendarProblem): string {
  const where = [p.line === undefined ? '' : `第 ${p.line} 行`, p.day ?? ''].filter(Boolean).join(' ');
  return `${where ? `${where}：` : ''}${calendarProblemText[p.code]} [${p.code}]`;
}

export const calendarMessages = {
  /** `admin calendar-add` refused the file: nothing was written. */
  refused: (year: number, n: number) =>
    `导入${Number.isSafeInteger(year) ? `${year}年` : ''}放假安排失败，共 ${n} 处问题，未写入任何内容：`,
  fileUnreadable: (path: string) => `无法读取文件 ${path}`,
  /** The banner on every page of a desk whose calendar lacks a year it needs. */
  banner: (years: readonly number[]) =>
    `节假日日历尚未包含${years.map((y) => `${y}年`).join('、')}的放假安排，落在该年的办理期限只是估算（显示“?”）。请联系县信访局导入国务院办公厅公布的${years.map((y) => `${y}年`).join('、')}放假安排。`,
  bannerTitle: '节假日日历需要更新',
  nav: '设置',
  settings: {
    title: '设置',
    desk: '本机',
    deskId: '本机编号',
    serverUrl: '县级服务器',
    noServer: '未配置',
    dueSoonDays: '临期提醒',
    dueSoonValue: (n: number) => `到期前 ${n} 日`,
    approvalActs: '须经负责人审批',
    approvalNone: '无（办理人可直接办理）',
    approvalSource: '由县信访局统一设置，办理人提出的以上事项报负责人审批后生效（《信访工作条例》第三十四条）',
    calendar: '节假日和调休日历',
    calendarHint:
      '办理期限按《民法典》第二百零一条、第二百零三条计算：期间最后一日是法定休假日的，顺延至休假日结束的次日。休假日以国务院办公厅每年公布的放假安排为准，由县信访局统一导入。',
    coveredYears: '已包含的年份：',
    year: '年份',
    yearLabel: (year: number) => `${year}年`,
    source: '来源',
    version: '版本',
    bundled: '软件内置',
    county: (loadedAt: string) => `县级服务器下发（${loadedAt}）`,
    missing: (years: readonly number[]) => `缺少：${years.map((y) => `${y}年`).join('、')}`,
    complete: '当前所需年份均已包含',
  },
} as const;
