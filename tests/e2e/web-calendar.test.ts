import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { beijingDay, dayOfWeek, defaultCalendar } from '#shared/domain/calendar';
import { fixedStatutoryHolidays, yearsToCover } from '#shared/domain/calendar-notice';
import { calendarMessages } from '#shared/messages/zh-CN';
import { EXAMPLE_2027 } from '../shared/domain/holiday-notices';
import { launchChromium } from './support/chromium';
import { startTestCounty, type TestCounty } from './support/server';

/**
 * The holiday calendar in Chromium, on the web edition served by a real county server (PGlite), on the machine's own clock:
 * from 1 November a desk whose holiday calendar lacks the next year shows the banner on every page (the deadlines
 * of that year are a Mon–Fri guess; 民法典 第二百零三条 needs its rest days), and its 设置 page lists the covered
 * years. The county administrator runs `npm run server -- admin calendar-add --year <next> --file …`; after a sync
 * the banner is gone and 设置 lists the year. Screenshots go to tests/e2e/artifacts/ (git-ignored) to be looked at.
 */
const artifacts = join(import.meta.dirname, 'artifacts');
const root = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

let county: TestCounty;
let browser: Browser;
beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  [county, browser] = await Promise.all([startTestCounty(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await county?.close();
});

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(artifacts, `calendar-${name}.png`), fullPage: true });

/**
 * The desk core runs in a Web Worker, whose clock Playwright cannot set: the year the banner asks for is the one the
 * machine's Beijing day needs (from 1 November the next one). The jsdom tests pin the clock; this one follows it.
 */
function neededYear(): number {
  const needed = yearsToCover(beijingDay(new Date().toISOString()));
  return needed.find((y) => !defaultCalendar.coveredYears.includes(y)) ?? (needed.at(-1) as number); // never empty
}

/** The 放假安排 file the administrator loads: the 2027 example, or for another year its 第二条 fixed-date holidays. */
function noticeFile(year: number): string {
  if (year === 2027) return EXAMPLE_2027;
  return fixedStatutoryHolidays(year)
    .filter((day) => dayOfWeek(day) !== 0 && dayOfWeek(day) !== 6)
    .map((day) => `休 ${day}\n`)
    .join('');
}

describe('the holiday calendar banner and 设置 in Chromium with a county server', () => {
  it(
    '民法典 第二百零三条 asks for the missing year on every page, and stops once the county loaded it with admin calendar-add; 第三十四条 approval-set shows in 设置',
    { timeout: 180_000 },
    async () => {
      const year = neededYear();
      const missing = !defaultCalendar.coveredYears.includes(year); // 2027 from 2026-11-01 on (this day: 2026-12-05)
      const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(county.url);
      await page.waitForSelector('html[data-desk-state="ready"]', { state: 'attached' });
      await page.getByLabel('用户名', { exact: true }).fill('qs-reception');
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /^登\s*录$/ }).click();
      await page.getByTestId('desk-user').waitFor();

      const banner = page.getByTestId('calendar-banner');
      await page.getByRole('menuitem', { name: calendarMessages.nav }).click();
      const years = page.getByTestId('calendar-years');
      if (!missing) {
        // Before 1 November 2026 the bundled 2024–2026 is all a desk needs: no banner, and nothing to load.
        await expect.poll(() => years.textContent()).toContain(calendarMessages.settings.complete);
        expect(await banner.count()).toBe(0);
        await shot(page, '1-complete');
        return;
      }
      await expect.poll(() => banner.textContent()).toContain(calendarMessages.banner([year]));
      await expect.poll(() => years.textContent()).toContain(calendarMessages.settings.missing([year]));
      await shot(page, '1-missing');
      await page.getByRole('menuitem', { name: '登记' }).click();
      await page.getByLabel('姓名（名称）', { exact: true }).waitFor();
      expect(await banner.isVisible()).toBe(true); // on every page
      await page.getByRole('menuitem', { name: calendarMessages.nav }).click();

      // The administrator loads the year on the server's data (PGlite: the server is stopped meanwhile).
      await county.stop();
      const file = join(county.dataDir, '..', `${year}.txt`);
      writeFileSync(file, noticeFile(year));
      const env = { ...process.env, DATA_DIR: county.dataDir, DATABASE_URL: '' };
      await run(
        process.execPath,
        ['--import', 'tsx', 'src-server/main.ts', 'admin', 'calendar-add', '--year', String(year), '--file', file],
        { cwd: root, env },
      );
      // 第三十四条: the same administrator sets the county's 报批 acts; they reach 设置 with the same sync.
      const approval = page.getByTestId('approval-acts');
      expect(await approval.textContent()).toContain('不予受理、不再受理、终结、延期');
      await run(
        process.execPath,
        [
          '--import',
          'tsx',
          'src-server/main.ts',
          'admin',
          'approval-set',
          '--office',
          'office-county',
          '--acts',
          'reject,close',
        ],
        { cwd: root, env },
      );
      await county.start();

      await page.getByTestId('sync-indicator').click();
      await page.getByRole('button', { name: '立即同步' }).click();
      await page.keyboard.press('Escape');
      await expect.poll(() => banner.count(), { timeout: 60_000 }).toBe(0);
      await expect.poll(() => years.textContent()).toContain(calendarMessages.settings.complete);
      expect(await years.textContent()).toContain(calendarMessages.settings.yearLabel(year));
      await expect.poll(() => approval.textContent()).toContain('不予受理、终结');
      expect(await approval.textContent()).not.toContain('延期');
      await shot(page, '2-loaded');
      await context.close();
    },
  );
});
