import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#shared/demo/county';

/**
 * What a person does on the web edition in every Chromium story: open a fresh desk, sign in and out, pick an
 * option in an act form, sync now. One copy, so a changed label is mended in one place.
 */

/** A button's accessible name: antd puts a space between two CJK characters (确 定). */
export const named = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

/** A fresh browser profile (its own IndexedDB: a new desk) at 1366×768, an old township PC's screen. */
export async function openDesk(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  await page.waitForSelector('html[data-desk-state="ready"]', { state: 'attached' });
  return { context, page };
}

export async function login(page: Page, user: string, password = DEMO_PASSWORD) {
  await page.getByLabel('用户名', { exact: true }).fill(user);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: named('登录') }).click();
  await page.getByTestId('desk-user').waitFor();
}

export async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByLabel('用户名', { exact: true }).waitFor();
}

/** The option of a visible antd select dropdown. */
export const option = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first();

/** Picks `text` in the select labelled `label` of the open dialog (an act form). */
export async function choose(page: Page, label: string, text: string) {
  await page.getByRole('dialog').getByLabel(label, { exact: true }).click();
  await option(page, text).click();
}

/** 立即同步 from the sync indicator's panel. */
export async function syncNow(page: Page) {
  await page.getByTestId('sync-indicator').click();
  await page.getByRole('button', { name: '立即同步' }).click();
  await page.keyboard.press('Escape');
}
