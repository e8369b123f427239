import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { idNumberCheckChar } from '#shared/domain/identity';
import { armSaveTimer, inputRecorder, lastInputTime } from './ui-page-scripts';

/**
 * Driving the web edition for bench/ui.ts, the way tests/e2e/web-intake.test.ts and web-cases.test.ts do (same
 * labels, same Chromium and flags), but with the measuring done in the page (ui-page-scripts.ts). The e2e
 * helpers are not imported: they belong to the tests' TypeScript project, which the bench project does not see.
 */
const chromiumPath = '/usr/bin/chromium';
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `Chromium not found at ${chromiumPath}: run \`npm run setup\`. 未找到 Chromium：请先运行 npm run setup。`,
    );
  return chromium.launch({ executablePath: chromiumPath, args });
}

/** A fresh profile (its own IndexedDB) with an old township PC's 1366×768 screen, recording input events. */
export async function newDeskContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  await context.addInitScript(inputRecorder);
  return context;
}

/**
 * The same desk context on a profile kept in `dir` (UI_BENCH_PROFILE): its IndexedDB outlives the run, so a
 * list-only rerun skips the seed. IndexedDB is kept per origin, so the site must keep its port (UI_BENCH_PORT).
 */
export async function persistentDeskContext(dir: string): Promise<BrowserContext> {
  if (!existsSync(chromiumPath))
    throw new Error(
      `Chromium not found at ${chromiumPath}: run \`npm run setup\`. 未找到 Chromium：请先运行 npm run setup。`,
    );
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath,
    args,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 768 },
  });
  await context.addInitScript(inputRecorder);
  return context;
}

/** antd spaces out a two-character button (登 录); match either way. */
const named = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

export interface ReadyTimes {
  /** Navigation start → the login form's 用户名 took a typed character (ms, page clock). */
  readonly login: number;
  /** Navigation start → the intake form's 姓名（名称） took a typed character, with a scripted login between. */
  readonly intake: number;
}

/**
 * Opens (or reloads) the web edition and times "ready to type": the web edition has no session across loads (the
 * session lives in the desk worker), so opening it means the login form first; the intake form follows a login
 * that Playwright types at machine speed. Both times are the page's own `input` event timestamps.
 */
export async function openAndType(page: Page, url: string | undefined, login: string): Promise<ReadyTimes> {
  if (url) await page.goto(url);
  else await page.reload();
  const user = page.getByLabel('用户名', { exact: true });
  await user.pressSequentially('q');
  const loginReady = Number(await page.evaluate(lastInputTime));
  await user.fill(login);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: named('登录') }).click();
  await page.getByLabel('姓名（名称）', { exact: true }).pressSequentially('张');
  const intakeReady = Number(await page.evaluate(lastInputTime));
  return { login: loginReady, intake: intakeReady };
}

/** Logs in from a freshly loaded page. */
export async function logIn(page: Page, login: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(login);
  await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: named('登录') }).click();
  await page.getByTestId('desk-user').waitFor();
}

/** A valid 身份证号码 per save (same region as the e2e walk-in, a different birth date and sequence each time). */
function idNumber(i: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1) + i * 37 * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const body = `110105${birth}${String(100 + (i % 800)).padStart(3, '0')}`;
  return body + idNumberCheckChar(body);
}

const failureShot = join(import.meta.dirname, '..', '..', 'tests', 'e2e', 'artifacts', 'bench-ui-save-failure.png');

const names = ['张三', '李四', '王五', '赵六', '陈七', '刘八'];

export interface SaveTime {
  /** Ctrl+Enter keydown → the saved dialog in the DOM. */
  readonly dom: number;
  /** Ctrl+Enter keydown → the end of the first frame showing it. */
  readonly painted: number;
}

/**
 * Registers `warmUp + runs` walk-ins through the form and times each Ctrl+Enter in the page. The form is filled
 * as in web-intake.test.ts; a short pause after filling lets the debounced lookups (similar matters, petitioner
 * search) settle, as they do while a receptionist reads the form over before saving.
 */
export async function timeSaves(page: Page, runs: number, warmUp: number, settleMs = 400): Promise<SaveTime[]> {
  const times: SaveTime[] = [];
  let previous = '';
  for (let i = 0; i < warmUp + runs; i++) {
    const dialog = page.locator('.ant-modal').filter({ hasText: '已登记，编号' });
    if (previous) {
      await dialog.getByRole('button', { name: '继续登记下一件' }).click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await page.locator('.intake-channel-row').getByText('来访', { exact: true }).click();
    await page.getByLabel('姓名（名称）', { exact: true }).fill(names[i % names.length]!);
    await page.getByLabel('证件号码', { exact: true }).fill(idNumber(i));
    await page.getByLabel('联系电话', { exact: true }).fill(`138${String(10_000_000 + i).padStart(8, '0')}`);
    await page.getByLabel('住址', { exact: true }).fill(`青山镇东街${i + 1}号`);
    await page.getByLabel('请求', { exact: true }).fill(`要求补发2024年土地征收补偿款（第${i + 1}户）`);
    await page.getByLabel('事实', { exact: true }).fill('2024年村里征地后，补偿款至今未足额发放');
    await page.getByLabel('理由', { exact: true }).fill('与公布的补偿方案不符');
    await page.getByText('第十九条要求的事项已填写齐全').waitFor();
    await page.waitForTimeout(settleMs);
    await page.evaluate(armSaveTimer(previous));
    await page.keyboard.press('Control+Enter');
    const outcome = (await page.evaluate(
      `Promise.race([window.__benchSave, new Promise((r) => setTimeout(() => r(null), 60000))])`,
    )) as (SaveTime & { text: string }) | null;
    if (!outcome) {
      // What the page shows instead (a refusal, an error) is the useful part of this failure.
      await page.screenshot({ path: failureShot, fullPage: true });
      const alerts = await page.getByRole('alert').allTextContents();
      throw new Error(
        `save ${i}: no saved dialog within 60 s; alerts: ${JSON.stringify(alerts)}; screenshot ${failureShot}`,
      );
    }
    previous = outcome.text;
    if (i >= warmUp) times.push({ dom: outcome.dom, painted: outcome.painted });
  }
  return times;
}

/**
 * The 事项 list: opens it and waits for the first row's data and for the total, timing each from the menu click
 * (the rows are asked for apart from the total, so either may come first).
 */
export async function openCases(page: Page): Promise<{ total: string; ms: number; totalMs: number }> {
  const started = performance.now();
  await page.getByRole('menuitem', { name: '事项' }).click();
  const total = page.getByTestId('cases-total');
  const [ms, totalMs] = await Promise.all([
    page
      .locator('[data-row-index="0"]')
      .filter({ hasText: '999901101-' })
      .waitFor()
      .then(() => performance.now() - started),
    total
      .filter({ hasText: /共 [\d,]+ 件/ })
      .waitFor()
      .then(() => performance.now() - started),
  ]);
  return { total: (await total.textContent()) ?? '', ms, totalMs };
}
