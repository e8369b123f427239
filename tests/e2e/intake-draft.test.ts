import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium';
import { login, logout, openDesk } from './support/desk-ui';
import { serveWebEdition, type ServedWebEdition } from './support/web-edition';

/**
 * The intake draft in Chromium (个人信息保护法; 《信访工作条例》第三十条第三款): an intake draft — 身份证号, phone, the
 * text of a 检举控告 — is kept in the desk's own database under the user who typed it, never in the page's
 * localStorage or sessionStorage. The same user gets it back after a reload; logging out deletes it, so neither
 * the next user at the desk nor the same user later finds it.
 */
const TYPED = {
  name: '钱检举',
  idNumber: '11010519491231002X',
  phone: '13912345678',
  request: '检举青山镇某站所长收受红包二万元',
};

let served: ServedWebEdition;
let browser: Browser;
beforeAll(async () => {
  [served, browser] = await Promise.all([serveWebEdition(), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** Everything the page keeps in its own storage (what a draft in localStorage would leave on disk in plain text). */
const pageStorage = (page: Page) =>
  page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));

/** The desk database's drafts (the web edition's core keeps RxDB on IndexedDB, in its worker). */
const storedDrafts = (page: Page) =>
  page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.endsWith('--drafts'));
    const rows: unknown[] = [];
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const stores = [...db.objectStoreNames];
      for (const store of stores) {
        rows.push(
          await new Promise((resolve, reject) => {
            const all = db.transaction(store, 'readonly').objectStore(store).getAll();
            all.onsuccess = () => resolve(all.result);
            all.onerror = () => reject(all.error);
          }),
        );
      }
      db.close();
    }
    return JSON.stringify(rows);
  });

const shown = (page: Page, text: string) =>
  page
    .locator('input, textarea')
    .evaluateAll((fields, t) => fields.some((f) => (f as HTMLInputElement).value === t), text);

describe('the intake draft in Chromium', () => {
  it(
    'is kept in the desk database, not in localStorage; comes back after a reload; is gone after logout, for every user',
    { timeout: 180_000 },
    async () => {
      const { context, page } = await openDesk(browser, served.url);
      try {
        await login(page, 'qs-reception');
        await page.getByLabel('姓名（名称）', { exact: true }).fill(TYPED.name);
        await page.getByLabel('证件号码', { exact: true }).fill(TYPED.idNumber);
        await page.getByLabel('联系电话', { exact: true }).fill(TYPED.phone);
        await page.getByLabel('请求', { exact: true }).fill(TYPED.request);
        // Written to the desk's database as typed (a short pause after the last key) …
        await expect.poll(() => storedDrafts(page), { timeout: 15_000 }).toContain(TYPED.request);
        // … and nothing of it to the page's storage.
        const storage = await pageStorage(page);
        for (const text of Object.values(TYPED)) expect(storage).not.toContain(text);

        // A reload (a crash, a closed window) before logout: the same user signs in and finds the draft.
        await page.reload();
        await page.waitForSelector('html[data-desk-state="ready"]', { state: 'attached' });
        await login(page, 'qs-reception');
        await expect.poll(() => shown(page, TYPED.request)).toBe(true);
        expect(await shown(page, TYPED.idNumber)).toBe(true);

        // Logout deletes it: another user of the desk, then the same user, find an empty form.
        await logout(page);
        for (const user of ['qs-handler', 'qs-reception']) {
          await login(page, user);
          await page.getByLabel('请求', { exact: true }).waitFor();
          await page.waitForTimeout(500); // room for a draft, were one kept, to be loaded into the form
          for (const text of Object.values(TYPED))
            expect(await shown(page, text), `${text} shown to ${user}`).toBe(false);
          await logout(page);
        }
        const left = await storedDrafts(page);
        for (const text of Object.values(TYPED)) expect(left).not.toContain(text);
      } finally {
        await context.close();
      }
    },
  );
});
