import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDay } from '#shared/domain/calendar';
import { reasonText } from '#shared/messages/zh-CN';
import { launchChromium } from './support/chromium';
import { startTestCounty, type TestCounty } from './support/server';
import { choose, login, logout, named, openDesk, option, syncNow } from './support/desk-ui';

/**
 * A scripted reception morning, in Chromium, against the web edition served by a real county server on
 * PGlite, exactly as `npm start` runs it. 青山镇 logs in at a fresh desk (the first login enrols it), registers a
 * walk-in, a repeat linked as 重件 and a group visit (a sixth representative refused); its handler accepts one
 * matter (处理意见书 served by post, 复查 requested) and forwards another to 绿水乡, where a second browser profile
 * sees it arrive and never sees the accusation against it registered through the form. Then the server goes away,
 * registering carries on (a handler completes, accepts on the spot and corrects one), and when it is back the
 * pending count drains to zero. A screenshot of every page goes
 * to tests/e2e/artifacts/ (git-ignored) to be looked at.
 */
const artifacts = join(import.meta.dirname, 'artifacts');
const VALID_ID = '11010519491231002X';

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
  page.screenshot({ path: join(artifacts, `morning-${name}.png`), fullPage: true });

/** The person and the 第十九条 items of a walk-in; the channel 来访 first, as a receptionist does. */
async function fillWalkIn(page: Page, request: string) {
  await page.locator('.intake-channel-row').getByText('来访', { exact: true }).click();
  await page.getByLabel('姓名（名称）', { exact: true }).fill('张三');
  await page.getByLabel('证件号码', { exact: true }).fill(VALID_ID);
  await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
  await page.getByLabel('住址', { exact: true }).fill('青山镇东街1号');
  await fillContent(page, request);
}

async function fillContent(page: Page, request: string) {
  await page.getByLabel('请求', { exact: true }).fill(request);
  await page.getByLabel('事实', { exact: true }).fill('2024年村里征地后，补偿款至今未足额发放');
  await page.getByLabel('理由', { exact: true }).fill('与公布的补偿方案不符');
}

/** Ctrl+Enter, the saved dialog, its case number; the dialog is left open. */
async function save(page: Page): Promise<string> {
  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.textContent()).toMatch(/已登记，编号 999901101-/);
  return (/999901101-[\w-]+/.exec((await dialog.textContent()) ?? '') ?? [''])[0];
}

async function next(page: Page) {
  await page.getByRole('dialog').getByRole('button', { name: '继续登记下一件' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}

async function openCase(page: Page, caseNumber: string) {
  await page.getByRole('menuitem', { name: '事项' }).click();
  await page.locator('[data-row-index]', { hasText: caseNumber }).click();
  await page.getByTestId('case-page').waitFor();
  await expect.poll(() => page.getByRole('heading', { level: 4 }).textContent()).toBe(caseNumber);
}

const syncText = (page: Page) => page.getByTestId('sync-indicator').textContent();

describe('a reception morning in Chromium with a county server', () => {
  it('registers, links, refuses, accepts, prints, forwards across townships and drains the queue after an outage', async () => {
    const qs = await openDesk(browser, county.url);
    const ls = await openDesk(browser, county.url);
    const page = qs.page;
    try {
      // A fresh desk: the first login enrols it with the server and pulls 青山镇's users.
      await page.getByLabel('用户名', { exact: true }).waitFor();
      await shot(page, '01-login');
      await login(page, 'qs-reception');
      expect(await page.getByTestId('desk-user').textContent()).toContain('青山镇人民政府');

      // A walk-in with a valid 身份证: birth date and sex filled from it; saved with Ctrl+Enter; notice printed.
      await fillWalkIn(page, '要求补发2024年土地征收补偿款');
      await page.getByText('出生日期 1949-12-31，女').waitFor();
      await shot(page, '02-intake');
      const walkIn = await save(page);
      await shot(page, '03-saved');
      // A 接待员 may not 受理 (第二十三条): the dialog offers only the 告知书; the handler accepts below.
      await page.getByRole('dialog').getByText('受理须由办理人或负责人决定').waitFor();
      expect(await page.getByRole('dialog').getByRole('button', { name: '打印受理告知书' }).count()).toBe(0);
      await next(page);

      // The same petitioner again: the side panel offers the earlier matter, linked as 重件 with one click.
      await fillWalkIn(page, '再次要求补发土地征收补偿款');
      await page.getByText('证件号码相同').waitFor();
      await page.getByRole('button', { name: '关联为重件' }).first().click();
      await page.getByText(`将作为重件关联到 ${walkIn}`).waitFor();
      await shot(page, '05-repeat-linked');
      await page.keyboard.press('Control+Enter');
      await expect.poll(() => page.getByRole('dialog').textContent()).toContain(`已作为重件关联到 ${walkIn}`);
      await next(page);

      // A group visit: five representatives at most (第二十条第三款); the sixth is refused with the reason.
      await page.locator('.intake-channel-row').getByText('来访', { exact: true }).click();
      await page.getByRole('switch').click();
      for (let i = 0; i < 5; i++) await page.getByRole('button', { name: /添加代表/ }).click();
      await expect
        .poll(() => page.getByRole('alert').first().textContent())
        .toBe(reasonText['representatives-over-limit']);
      const representatives = page.getByRole('group', { name: /^代表 \d$/ });
      expect(await representatives.count()).toBe(5);
      for (let i = 0; i < 5; i++)
        await representatives
          .nth(i)
          .getByLabel('姓名（名称）', { exact: true })
          .fill(`代表${'甲乙丙丁戊'[i] ?? ''}`);
      await fillContent(page, '反映村集体土地被占用，要求恢复耕种');
      await shot(page, '06-group-refused');
      const group = await save(page);
      await next(page);

      // A 检举控告 against 绿水乡 (第三十条第三款): the accused office picked in the form; it never reaches 绿水乡.
      await fillWalkIn(page, '举报绿水乡农业站站长王某某截留惠农补贴');
      await page.getByLabel('法定分类', { exact: true }).click();
      await option(page, '检举控告类').click();
      await page.getByLabel('被检举/被控告单位', { exact: true }).fill('绿水');
      await option(page, '绿水乡人民政府').click();
      await page.getByLabel('被检举/被控告人员', { exact: true }).fill('王某某');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.intake-accused').textContent()).toMatch(/绿水乡人民政府[\s\S]*王某某/);
      const accusation = await save(page);
      await next(page);

      // 绿水乡's handler at the other township's desk, enrolled before anything is forwarded to it.
      await login(ls.page, 'ls-handler');
      await ls.page.getByRole('menuitem', { name: '事项' }).click();
      await expect.poll(() => ls.page.getByTestId('cases-total').textContent()).toBe('共 0 件');

      // 青山镇's handler (already on this desk since its first sync) accepts the walk-in …
      await logout(page);
      await login(page, 'qs-handler');
      await openCase(page, walkIn);
      // The 查询码 (第二十一条第二款) is the petitioner's, not the case number: the notice prints the one the page shows.
      const walkInCode = (await page.getByTestId('query-code').textContent()) ?? '';
      expect(walkInCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]$/);
      await page.getByRole('button', { name: named('受理') }).click();
      await choose(page, '告知方式', '当场告知');
      await choose(page, '法定分类', '申诉求决类');
      await choose(page, '办理程序', '按第三十一条第六项出具处理意见（60日）');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: named('确定') })
        .click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已受理');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await shot(page, '07-accepted');
      // The 受理告知书 of the act itself, printed from the timeline (第二十三条).
      await page.getByTestId('timeline').getByRole('button', { name: '打印受理告知书' }).click();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.desk-notice').textContent()).toMatch(
        new RegExp(`信访事项受理告知书.*查询码：${walkInCode}.*60日内办结`),
      );
      await shot(page, '07b-accept-notice-print');
      await page.emulateMedia({ media: 'screen' });

      // The 信访处理意见书 (第三十二条), served by post with the 签收 day of its 送达回证: the petitioner's 30 日 for 复查
      // run from that day (第三十五条), and a 复查 requested in them goes to the organ above (示范县信访局).
      await page.getByRole('button', { name: named('处理意见') }).click();
      await choose(page, '处理意见', '不予支持');
      await page
        .getByRole('dialog')
        .getByLabel('事实和依据', { exact: true })
        .fill('经调查核实，补偿款已按公布的方案足额发放');
      await page.getByRole('dialog').getByLabel('复查机关', { exact: true }).fill('示范县信访局');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: named('确定') })
        .click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已答复');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await page.getByRole('button', { name: named('送达') }).click();
      await choose(page, '送达方式', '邮寄送达');
      const signed = page.getByRole('dialog').getByLabel(/^信访人签收日期/);
      await signed.fill(beijingDay(new Date().toISOString()));
      await signed.press('Enter');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: named('确定') })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('clocks').textContent()).toContain('申请复查期限');
      await page.getByRole('button', { name: named('复查申请') }).click();
      await page.getByRole('dialog').getByLabel('复查机关', { exact: true }).fill('示范县信访局');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: named('确定') })
        .click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('复查中');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      // 青山镇 decided: the 复查意见 is the county's to give, not offered here (第三十五条).
      expect(await page.getByRole('button', { name: named('复查意见') }).count()).toBe(0);
      await shot(page, '07c-review-requested');

      // … and forwards the group visit to 绿水乡 (第二十二条), where it arrives after sync.
      await openCase(page, group);
      await page.getByRole('button', { name: named('转送') }).click();
      await choose(page, '接收机构', '绿水乡人民政府');
      await choose(page, '是否已告知信访人去向', '已告知信访人');
      await shot(page, '08-forward-form');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: named('确定') })
        .click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已转送');
      await syncNow(page);
      await expect.poll(() => syncText(page), { timeout: 20_000 }).not.toContain('待上传');
      await syncNow(ls.page);
      await expect
        .poll(() => ls.page.locator('[data-row-index]', { hasText: group }).count(), { timeout: 20_000 })
        .toBe(1);
      expect(await ls.page.locator('[data-row-index]', { hasText: accusation }).count()).toBe(0);
      await shot(ls.page, '09-arrived-lvshui');

      // The network goes: registering carries on, the queue grows. The handler receives a walk-in whose 事实 the
      // petitioner tells only after the save: 补充 in the saved dialog (第十九条), 受理 told on the spot with its
      // 告知书 (第二十三条), and the summary corrected on the matter page, old and new kept (第十九条 如实记录).
      await county.stop();
      await page.getByRole('menuitem', { name: '登记' }).click();
      await fillWalkIn(page, '停电期间登记：要求维修村道');
      await page.getByLabel('事实', { exact: true }).fill('');
      const roadCase = await save(page);
      const saved = page.getByRole('dialog');
      await saved.getByRole('button', { name: named('补充') }).click();
      await saved.getByLabel('事实', { exact: true }).fill('村道去年冬天塌陷，至今未修');
      await saved.getByRole('button', { name: '保存补充' }).click();
      await saved.getByText('已补充').waitFor();
      await choose(page, '法定分类', '申诉求决类');
      await saved.getByText('按第三十一条第六项出具处理意见（60日）').click();
      await saved.getByRole('button', { name: '打印受理告知书' }).click();
      await saved.getByText('已记录受理（当场告知）。').waitFor();
      await shot(page, '10a-told-on-the-spot');
      await next(page);
      await openCase(page, roadCase);
      expect(await page.getByTestId('case-status').textContent()).toBe('已受理');
      await page.getByRole('button', { name: named('更正登记') }).click();
      await choose(page, '项目', '事项摘要');
      await page.getByRole('dialog').getByLabel('内容', { exact: true }).fill('要求维修青山镇东街至李家村村道');
      await page.getByRole('dialog').getByLabel('更正理由', { exact: true }).fill('摘要未写明路段');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: named('确定') })
        .click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect
        .poll(() => page.getByTestId('timeline').textContent())
        .toContain('停电期间登记：要求维修村道 → 要求维修青山镇东街至李家村村道');
      await shot(page, '10b-corrected');
      await logout(page);
      await login(page, 'qs-reception');
      await page.getByRole('menuitem', { name: '登记' }).click();
      await fillWalkIn(page, '停电期间登记：反映噪声扰民');
      await save(page);
      await next(page);
      await syncNow(page);
      await expect.poll(() => syncText(page), { timeout: 20_000 }).toMatch(/离线[\s\S]*待上传 \d+ 条/);
      await shot(page, '10-offline-pending');

      // It comes back on the same address and data: the pending count drains to zero.
      await county.start();
      await syncNow(page);
      // 已同步 may show a moment before the count is refreshed: wait for both.
      const drained = async () => {
        for (let i = 0; i < 6; i++) {
          const text = (await syncText(page)) ?? '';
          if (/^已同步/.test(text) && !text.includes('待上传')) return text;
          await page.waitForTimeout(5_000);
          await syncNow(page);
        }
        return (await syncText(page)) ?? '';
      };
      expect(await drained()).toMatch(/^已同步(?![\s\S]*待上传)/);
      await shot(page, '11-back-online');
    } catch (error) {
      await shot(page, 'failure');
      await shot(ls.page, 'failure-lvshui');
      throw error;
    } finally {
      await qs.context.close();
      await ls.context.close();
    }
  }, 180_000);
});
