import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#shared/demo/county';
import type { Transport } from '#shared/contract/transport';
import { walkIn } from '../fixtures';
import { launchChromium } from './support/chromium';
import { openDeskTab, pageTransport } from './support/desk-page';
import { serveWebEdition, type ServedWebEdition } from './support/web-edition';

/**
 * The matter list and the matter page in Chromium against the web edition: a handler signs in, matters are
 * registered through `window.desk`, the list shows them (newest first, the overdue one marked), the matter is
 * accepted through the form and the timeline grows. Screenshots go to tests/e2e/artifacts/ to be looked at.
 */
const artifacts = join(import.meta.dirname, 'artifacts');
const DAY = 86_400_000;

let served: ServedWebEdition;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let desk: Transport;

beforeAll(async () => {
  mkdirSync(artifacts, { recursive: true });
  [served, browser] = await Promise.all([serveWebEdition(), launchChromium()]);
  // An old office PC's screen.
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  page = await openDeskTab(context, served.url);
  desk = await pageTransport(page);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await served?.close();
});

/** antd spaces out a two-character button (受 理); match either way. */
const named = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

async function choose(label: string, option: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(label, { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

describe('事项 in the web edition', () => {
  it('lists matters, opens one, accepts it through the form and shows the timeline grow', async () => {
    await page.getByLabel('用户名').fill('qs-handler');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: named('登录') }).click();
    await page.getByTestId('desk-user').waitFor();

    const register = (extra: Parameters<typeof walkIn>[0]) =>
      desk.invoke('petition-register', { registration: walkIn(extra), case: { kind: 'new' } });
    const old = await register({
      receivedAt: new Date(Date.now() - 20 * DAY).toISOString(),
      request: '反映村道年久失修，雨天无法通行',
    });
    await register({
      channel: 'letter',
      receivedAt: new Date(Date.now() - 2 * DAY).toISOString(),
      request: '建议在镇中心增设公交站点',
      petitioners: [],
    });
    const fresh = await register({ receivedAt: new Date(Date.now() - 60_000).toISOString() });

    await page.getByRole('menuitem', { name: '事项' }).click();
    await expect.poll(() => page.getByTestId('cases-total').textContent()).toBe('共 3 件');
    const rows = page.locator('[data-row-index]');
    await expect.poll(() => rows.filter({ hasText: '青山镇' }).count()).toBe(3);
    // Newest first; the 20-day-old one has passed its 15-day notice clock (第二十三条).
    expect(await rows.first().textContent()).toContain(fresh.caseNumber);
    expect(await page.locator('[data-row-index][data-overdue="true"]').textContent()).toContain(old.caseNumber);
    await page.screenshot({ path: join(artifacts, 'matters-list.png') });

    // Keyboard: the first row is selected; Enter opens it.
    await page.getByTestId('cases-table').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('case-page').waitFor();
    expect(await page.getByRole('heading', { level: 4 }).textContent()).toBe(fresh.caseNumber);
    const events = page.getByTestId('timeline').locator('[data-event-type]');
    await expect.poll(() => events.count()).toBe(1);

    await page.getByRole('button', { name: named('受理') }).click();
    await choose('告知方式', '当场告知');
    await choose('法定分类', '申诉求决类');
    await choose('办理程序', '按第三十一条第六项出具处理意见（60日）');
    await page.screenshot({ path: join(artifacts, 'matter-accept-form.png') });
    await page
      .getByRole('dialog')
      .getByRole('button', { name: named('确定') })
      .click();

    await expect.poll(() => events.count()).toBe(2);
    expect(await events.nth(1).getAttribute('data-event-type')).toBe('accept');
    expect(await page.getByTestId('case-status').textContent()).toBe('已受理');
    expect(await page.getByTestId('clocks').textContent()).toContain('办理期限（60日）');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.screenshot({ path: join(artifacts, 'matter-page.png'), fullPage: true });

    // The petitioner: both matters of 张三 (the same 证件号码), each a row that opens it.
    await page.getByRole('button', { name: '查看信访人' }).click();
    await page.getByTestId('petitioner-page').waitFor();
    await expect.poll(() => page.getByTestId('petitioner-page').locator('tr[data-row-key]').count()).toBe(2);
    await page.screenshot({ path: join(artifacts, 'petitioner-page.png'), fullPage: true });
  });
});
