/**
 * 放假安排 files as a county administrator types them (README.md, "Holiday calendar for a new year"), for the
 * tests of the calendar file, the `admin calendar-add` command, the desk and the browser.
 */

/** 国务院办公厅关于2026年部分节假日安排的通知, typed in the file format: must give the bundled 2026 table. */
export const NOTICE_2026 = `# 国务院办公厅关于2026年部分节假日安排的通知
休 2026-01-01 至 2026-01-03   # 元旦
班 2026-01-04
休 2026-02-15 至 2026-02-23   # 春节
班 2026-02-14
班 2026-02-28
休 2026-04-04 至 2026-04-06   # 清明节
休 2026-05-01 至 2026-05-05   # 劳动节
班 2026-05-09
休 2026-06-19 至 2026-06-21   # 端午节
休 2026-09-25 至 2026-09-27   # 中秋节
班 2026-09-20
休 2026-10-01 至 2026-10-07   # 国庆节
班 2026-10-10
`;

/**
 * A 2027 schedule in the same format. An EXAMPLE for tests: the holidays fall on their real dates (春节 2027-02-06,
 * 清明 04-05, 端午 06-09, 中秋 09-15) but the 调休 is made up, not the State Council's notice.
 */
export const EXAMPLE_2027 = `# 2027年放假安排（测试用示例，非正式通知）
休 2027-01-01 至 2027-01-03   # 元旦
休 2027-02-05 至 2027-02-13   # 春节
班 2027-02-14
班 2027-02-20
休 2027-04-03 至 2027-04-05   # 清明节
休 2027-05-01 至 2027-05-05   # 劳动节
班 2027-04-25
班 2027-05-08
休 2027-06-09                 # 端午节
休 2027-09-15                 # 中秋节
休 2027-10-01 至 2027-10-07   # 国庆节
班 2027-09-26
班 2027-10-09
`;
