import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MASKED_TITLE } from '#shared/core/access';
import { caseText, messages, reasonText } from '#shared/messages/zh-CN';
import { client } from '../src-server/support';
import { launchChromium } from './support/chromium';
import { startTestCounty, type TestCounty } from './support/server';
import { login, logout, named, openDesk as openFreshDesk, option, syncNow } from './support/desk-ui';

/**
 * 第三十条第三款 from the screen, in Chromium against a real county server on PGlite: the county's
 * receptionist registers through the form a 检举控告 against 绿水乡 (picked in 被检举/被控告单位) and a 申诉求决
 * complaint about 绿水乡. The receptionist sees the accusation masked, the county's handler reads it and cannot
 * 转送 it to 绿水乡, but forwards the complaint there (属地管理, 第二十二条). 绿水乡's desk receives the complaint and
 * never the accusation: not in its list, not by id, not in what the server lets it pull. Screenshots go to
 * tests/e2e/artifacts/ (git-ignored).
 */
const artifacts = join(import.meta.dirname, 'artifacts');
const ACCUSATION = '举报绿水乡农业站站长王某某截留惠农补贴';
const COMPLAINT = '反映绿水乡拖欠村道修缮款';

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
  page.screenshot({ path: join(artifacts, `accused-${name}.png`), fullPage: true });

/** A fresh browser profile (a new desk) signed in as `user`; the first login enrols the desk with the county. */
async function openDesk(user: string): Promise<{ context: BrowserContext; page: Page }> {
  const desk = await openFreshDesk(browser, county.url);
  await login(desk.page, user);
  return desk;
}

/** A walk-in's person and content, and its 法定分类. */
async function fillWalkIn(page: Page, request: string, cls: string) {
  await page.locator('.intake-channel-row').getByText('来访', { exact: true }).click();
  await page.getByLabel('姓名（名称）', { exact: true }).fill('赵六');
  await page.getByLabel('联系电话', { exact: true }).fill('13900139000');
  await page.getByLabel('请求', { exact: true }).fill(request);
  await page.getByLabel('事实', { exact: true }).fill('2025年的补贴至今未发到农户手中');
  await page.getByLabel('法定分类', { exact: true }).click();
  await option(page, cls).click();
}

/** Ctrl+Enter; the case number from the saved dialog, which is then closed for the next one. */
async function save(page: Page): Promise<string> {
  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog');
  await expect.poll(() => dialog.textContent()).toMatch(/已登记，编号 999901-/);
  const caseNumber = (/999901-[\w-]+/.exec((await dialog.textContent()) ?? '') ?? [''])[0];
  await dialog.getByRole('button', { name: '继续登记下一件' }).click();
  await dialog.waitFor({ state: 'detached' });
  return caseNumber;
}

async function openCase(page: Page, caseNumber: string) {
  await page.getByRole('menuitem', { name: '事项' }).click();
  await page.locator('[data-row-index]', { hasText: caseNumber }).click();
  await page.getByTestId('case-page').waitFor();
  await expect.poll(() => page.getByRole('heading', { level: 4 }).textContent()).toBe(caseNumber);
}

/** Opens the 转送 form and asks for 绿水乡 as the receiving office. */
async function forwardToLvshui(page: Page) {
  await page.getByRole('button', { name: named('转送') }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('接收机构', { exact: true }).click();
  await option(page, '绿水乡人民政府').click();
  await dialog.getByLabel('是否已告知信访人去向', { exact: true }).click();
  await option(page, '已告知信访人').click();
  await dialog.getByRole('button', { name: named('确定') }).click();
}

/** The desk's own answer to `case-get` for a matter id: 'not-found' when the desk never received it. */
const caseGetCode = (page: Page, id: string) =>
  page.evaluate(
    (caseId) =>
      (window as unknown as { desk: { invoke(n: string, a: unknown): Promise<unknown> } }).desk // the page's desk bridge (src-renderer/main.ts)
        .invoke('case-get', { id: caseId })
        .then(
          () => 'found',
          (e: { code?: string }) => e.code ?? 'error',
        ),
    id,
  );

describe('第三十条 from the screen, with a county server', () => {
  it('第三十条第三款 a 检举控告 registered against 绿水乡 through the form never reaches 绿水乡; 第二十二条 a 申诉求决 about 绿水乡 is forwarded there', async () => {
    // 绿水乡's desk is enrolled first, with nothing yet.
    const ls = await openDesk('ls-handler');
    const cty = await openDesk('county-reception');
    const page = cty.page;
    try {
      await ls.page.getByRole('menuitem', { name: '事项' }).click();
      await expect.poll(() => ls.page.getByTestId('cases-total').textContent()).toBe('共 0 件');

      // The accusation: 检举控告类 brings the two fields; 绿水乡 is picked by typing, the person typed as a tag.
      await fillWalkIn(page, ACCUSATION, '检举控告类');
      await page.getByText(messages.routing.accusation).waitFor();
      await page.getByLabel('被检举/被控告单位', { exact: true }).fill('绿水');
      await option(page, '绿水乡人民政府').click();
      await page.getByLabel('被检举/被控告人员', { exact: true }).fill('王某某');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Escape');
      await expect.poll(() => page.locator('.intake-accused').textContent()).toMatch(/绿水乡人民政府[\s\S]*王某某/);
      await shot(page, '01-intake-accused');
      const accusation = await save(page);

      // The complaint about the same township: no accused fields for a 申诉求决.
      await fillWalkIn(page, COMPLAINT, '申诉求决类');
      expect(await page.getByLabel('被检举/被控告单位', { exact: true }).count()).toBe(0);
      const complaint = await save(page);

      // A 接待员 may not read a 检举控告 (第三十条第三款): masked in the list and on its page.
      await page.getByRole('menuitem', { name: '事项' }).click();
      await expect
        .poll(() => page.locator('[data-row-index]', { hasText: accusation }).textContent())
        .toContain(MASKED_TITLE);
      await openCase(page, accusation);
      await page.getByText(caseText.maskedNotice).waitFor();
      expect(await page.getByTestId('case-page').textContent()).not.toMatch(/王某某|截留|绿水乡人民政府/);
      await shot(page, '02-county-reception-masked');

      // The county's 办理人 reads it, with the accused, and the 转送 to 绿水乡 is refused with the 第三十条 message.
      await logout(page);
      await login(page, 'county-handler');
      await openCase(page, accusation);
      expect(await page.getByTestId('case-page').textContent()).toContain(ACCUSATION);
      expect(await page.getByTestId('timeline').textContent()).toMatch(
        /被检举\/被控告单位：绿水乡人民政府[\s\S]*王某某/,
      );
      await forwardToLvshui(page);
      await page.getByRole('dialog').getByText(reasonText['forward-to-accused']).waitFor();
      await shot(page, '03-forward-refused');
      await page
        .getByRole('dialog')
        .getByRole('button', { name: named('取消') })
        .click();
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已登记');

      // The complaint about 绿水乡 is 绿水乡's to handle (属地管理, 第二十二条): forwarded there.
      await openCase(page, complaint);
      await forwardToLvshui(page);
      await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('已转送');
      await syncNow(page);
      await expect
        .poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 20_000 })
        .not.toContain('待上传');

      // 绿水乡 receives the complaint, and with it everything the county pushed before: never the accusation.
      await syncNow(ls.page);
      await expect
        .poll(() => ls.page.locator('[data-row-index]', { hasText: complaint }).count(), { timeout: 20_000 })
        .toBe(1);
      expect(await ls.page.getByTestId('cases-total').textContent()).toBe('共 1 件');
      expect(await ls.page.locator('[data-row-index]', { hasText: accusation }).count()).toBe(0);
      await shot(ls.page, '04-lvshui-list');
      const ids = await page.evaluate(() =>
        (
          window as unknown as {
            desk: { invoke(n: string, a: unknown): Promise<{ items: { id: string; caseNumber: string }[] }> };
          }
        ).desk.invoke('case-list', {}),
      );
      const accusationId = ids.items.find((i) => i.caseNumber === accusation)?.id ?? '';
      expect(accusationId).not.toBe('');
      expect(await caseGetCode(ls.page, accusationId)).toBe('not-found');

      // What the server lets each office pull: the county has the accusation, 绿水乡 nothing of it.
      const server = client(county.url.replace(/\/$/, ''));
      const pulled = async (login: string, collection: string) => {
        const { accessToken } = await server.enrol(login);
        return (await server.pullAll(accessToken, collection)).map(
          (d) => d as unknown as { id: string; caseId?: string },
        ); // documents of a case-bound collection
      };
      for (const collection of ['case_events', 'petitions']) {
        expect((await pulled('ls-handler', collection)).filter((d) => d.caseId === accusationId)).toEqual([]);
        expect(
          (await pulled('county-reception', collection)).filter((d) => d.caseId === accusationId).length,
        ).toBeGreaterThan(0);
      }
    } catch (error) {
      await shot(page, 'failure');
      await shot(ls.page, 'failure-lvshui');
      throw error;
    } finally {
      await cty.context.close();
      await ls.context.close();
    }
  }, 180_000);
});
