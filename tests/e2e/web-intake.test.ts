import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { reasonText } from '#shared/messages/zh-CN';
import { launchChromium } from './support/chromium';
import { serveWebEdition, type ServedWebEdition } from './support/web-edition';

/**
 * The reception desk in Chromium against the web edition: log in as the 青山镇 receptionist, register a walk-in
 * with a valid 身份证 through the form, see a sixth representative refused. Screenshots of the login and intake
 * pages go to tests/e2e/artifacts/ (git-ignored) to be looked at: Chinese renders, nothing overlaps or is cut.
 */
const artifacts = join(import.meta.dirname, 'artifacts');
const VALID_ID = '11010519491231002X';

let served: ServedWebEdition;
let browser: Browser;
beforeAll(async () => {
  [served, browser] = await Promise.all([serveWebEdition(), launchChromium()]);
  mkdirSync(artifacts, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** A 1366×768 window: the common screen of an old township PC. */
async function openDesk(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  // A step that fails says which one, well inside the test's own timeout.
  page.setDefaultTimeout(10_000);
  await page.goto(served.url);
  await page.waitForSelector('html[data-desk-state="ready"]', { state: 'attached' });
  return { context, page };
}

async function login(page: Page, user: string, password: string) {
  await page.getByLabel('用户名', { exact: true }).fill(user);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

describe('the reception desk in Chromium', () => {
  it('logs in (a wrong password is told in Chinese), registers a walk-in, refuses a sixth representative', async () => {
    const { context, page } = await openDesk();
    try {
      await page.getByLabel('用户名', { exact: true }).waitFor();
      await page.screenshot({ path: join(artifacts, 'login.png') });
      await login(page, 'qs-reception', 'wrong-password');
      await expect.poll(() => page.getByRole('alert').textContent()).toBe('用户名或密码不正确。');
      await page.screenshot({ path: join(artifacts, 'login-failed.png') });
      await login(page, 'qs-reception', DEMO_PASSWORD);

      await page.getByLabel('证件号码', { exact: true }).waitFor();
      expect(await page.getByTestId('desk-user').textContent()).toContain('青山镇人民政府');
      // The channel is focused on arrival: Space picks 来访 without touching the mouse.
      await page.keyboard.press('Space');
      await page.getByLabel('姓名（名称）', { exact: true }).fill('张三');
      await page.getByLabel('证件号码', { exact: true }).fill(VALID_ID);
      await page.getByText('出生日期 1949-12-31，女').waitFor();
      await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
      await page.getByLabel('住址', { exact: true }).fill('青山镇东街1号');
      await page.getByLabel('请求', { exact: true }).fill('要求补发2024年土地征收补偿款');
      await page.getByLabel('事实', { exact: true }).fill('2024年村里征地后，补偿款至今未足额发放');
      await page.getByLabel('理由', { exact: true }).fill('与公布的补偿方案不符');
      await page.getByText('第十九条要求的事项已填写齐全').waitFor();
      await page.screenshot({ path: join(artifacts, 'intake.png'), fullPage: true });
      await page.keyboard.press('Control+Enter');
      const saved = page.getByRole('dialog');
      await expect.poll(() => saved.textContent()).toMatch(/已登记，编号 999901101-/);
      await page.screenshot({ path: join(artifacts, 'intake-saved.png') });
      // 第二十三条 当场告知: a 接待员 may not 受理, so only the 告知书 is offered; printing it records the 告知 first.
      // Headless Chromium ignores window.print(), so look at the print media instead.
      expect(await saved.getByRole('button', { name: '打印受理告知书' }).count()).toBe(0);
      await saved.getByLabel('应向哪个机关提出', { exact: true }).fill('县人力资源和社会保障局');
      await saved.getByRole('button', { name: '打印告知书' }).click();
      await saved.getByText('已记录告知（当场告知）。').waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.desk-notice').textContent()).toMatch(
        /查询码：[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z].*县人力资源和社会保障局/,
      );
      await page.screenshot({ path: join(artifacts, 'notice-redirect.png'), fullPage: true });
      await page.emulateMedia({ media: 'screen' });
      await saved.getByRole('button', { name: '继续登记下一件' }).click();

      // The same petitioner again: the side panel shows the earlier matter, ready to link as 重件.
      await page.locator('.intake-channel-row').getByText('来访', { exact: true }).click();
      await page.getByLabel('证件号码', { exact: true }).fill(VALID_ID);
      await page.getByText('证件号码相同').waitFor();
      await page.getByRole('switch').click();
      for (let i = 0; i < 4; i++) await page.getByRole('button', { name: /添加代表/ }).click();
      await page.getByRole('button', { name: /添加代表/ }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toBe(reasonText['representatives-over-limit']);
      expect(await page.getByRole('group', { name: /^代表 \d$/ }).count()).toBe(5);
      await page.screenshot({ path: join(artifacts, 'intake-group-refused.png'), fullPage: true });
    } catch (error) {
      await page.screenshot({ path: join(artifacts, 'web-intake-failure.png'), fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
