import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { reasonText } from '#shared/messages/zh-CN';
import { launchChromium } from './support/chromium';
import { serveWebEdition, type ServedWebEdition } from './support/web-edition';
import { choose, named } from './support/desk-ui';

/**
 * The saved dialog and the 信访人 correction in Chromium (web edition): a walk-in saved with facts and address
 * missing, the facts 补充 there (第十九条), 受理 recorded on the spot before the 受理告知书 prints (第二十三条),
 * then the petitioner's edit form opened from the missing address. Screenshots go to tests/e2e/artifacts/.
 */
const artifacts = join(import.meta.dirname, 'artifacts');

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

describe('corrections in Chromium', () => {
  it('第十九条 补充 and 第二十三条 当场受理 from the saved dialog; the 信访人 edit form from the missing address', async () => {
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    try {
      await page.goto(served.url);
      await page.waitForSelector('html[data-desk-state="ready"]', { state: 'attached' });
      await page.getByLabel('用户名', { exact: true }).fill('qs-handler');
      await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.getByLabel('证件号码', { exact: true }).waitFor();

      await page.locator('.intake-channel-row').getByText('来访', { exact: true }).click();
      await page.getByLabel('姓名（名称）', { exact: true }).fill('张三');
      await page.getByLabel('请求', { exact: true }).fill('要求修复村道');
      await page.keyboard.press('Control+Enter');
      const saved = page.getByRole('dialog');
      await saved.getByTestId('intake-saved-missing').waitFor();
      await page.screenshot({ path: join(artifacts, 'saved-missing.png') });

      await saved.getByRole('button', { name: named('补充') }).click();
      await saved.getByLabel('事实', { exact: true }).fill('村道去年冬天塌陷，至今未修');
      await page.screenshot({ path: join(artifacts, 'saved-supplement.png') });
      await saved.getByRole('button', { name: '保存补充' }).click();
      await saved.getByText('已补充').waitFor();

      await choose(page, '法定分类', '申诉求决类');
      await saved.getByText('按第三十一条第六项出具处理意见（60日）').click();
      await page.screenshot({ path: join(artifacts, 'saved-accept.png') });
      await saved.getByRole('button', { name: '打印受理告知书' }).click();
      await saved.getByText('已记录受理（当场告知）。').waitFor();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.desk-notice').textContent()).toContain('信访事项受理告知书');
      await page.emulateMedia({ media: 'screen' });
      await page.screenshot({ path: join(artifacts, 'saved-recorded.png') });

      await saved.getByRole('button', { name: '补充张三的信息' }).first().click();
      const form = page.getByRole('dialog', { name: '更正信访人信息' });
      await form.waitFor();
      await form.getByLabel('联系电话', { exact: true }).fill('12345678901');
      await form.getByText(reasonText['phone-mobile-format']).waitFor();
      await page.screenshot({ path: join(artifacts, 'petitioner-edit-refused.png') });
      await form.getByLabel('联系电话', { exact: true }).fill('13900139000');
      await form.getByLabel('住址', { exact: true }).fill('青山镇南街3号');
      await form.getByLabel('更正原因', { exact: true }).fill('信访人当场补充住址和电话');
      await page.screenshot({ path: join(artifacts, 'petitioner-edit.png') });
      await page.getByRole('button', { name: '保存更正' }).click();
      await form.waitFor({ state: 'detached' });
      await page.getByTestId('contact-history').getByText('信访人当场补充住址和电话').first().waitFor();
      await page.screenshot({ path: join(artifacts, 'petitioner-history.png'), fullPage: true });
    } catch (error) {
      await page.screenshot({ path: join(artifacts, 'web-corrections-failure.png'), fullPage: true });
      throw error;
    } finally {
      await context.close();
    }
  }, 120_000);
});
