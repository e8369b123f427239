import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActPayload, ActType } from '#shared/domain/act-payloads';
import { beijingDay } from '#shared/domain/calendar';
import { DEMO_PASSWORD } from '#shared/demo/county';
import type { RegistrationInput } from '#shared/domain/registration';
import type { Transport } from '#shared/contract/transport';
import { queryCode } from '#shared/domain/query-code';
import { documentText } from '#shared/messages/zh-CN';
import { walkIn } from '../fixtures';
import { launchChromium } from './support/chromium';
import { openDeskTab, pageTransport } from './support/desk-page';
import { serveWebEdition, type ServedWebEdition } from './support/web-edition';

/**
 * Every written act prints its document (domain-research §7.4), in Chromium against the web edition:
 * matters are taken through their acts by the users who do them (through `window.desk`), then each document is
 * printed from the matter page's timeline as a person does it, saved with `page.pdf()` and its first page turned
 * into a PNG with `pdftoppm` (tests/e2e/artifacts/documents/, git-ignored) to be looked at. The assertions read
 * the PDF's own text (`pdftotext`): title, the article it rests on, the 查询码 on what goes to the petitioner.
 */
const artifacts = join(import.meta.dirname, 'artifacts', 'documents');
const DAY = 86_400_000;

let served: ServedWebEdition;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let desk: Transport;

beforeAll(async () => {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  [served, browser] = await Promise.all([serveWebEdition(), launchChromium()]);
  context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  // Headless Chromium would hold window.print() open and page.pdf() collide with it: the PDF is the printer here.
  await context.addInitScript(() => {
    window.print = () => undefined;
  });
  page = await openDeskTab(context, served.url);
  page.setDefaultTimeout(15_000);
  desk = await pageTransport(page);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await served?.close();
});

async function as(login: string) {
  await desk.invoke('session-logout', {});
  await desk.invoke('session-login', { login, password: DEMO_PASSWORD });
}
const register = (extra: Partial<RegistrationInput> = {}) =>
  desk.invoke('petition-register', { registration: walkIn(extra), case: { kind: 'new' } });
const act = <T extends ActType>(caseId: string, type: T, payload: ActPayload<T>) =>
  desk.invoke('case-act', { caseId, type, payload });
const today = () => beijingDay(new Date().toISOString());
const inDays = (n: number) => beijingDay(new Date(Date.now() + n * DAY).toISOString());

async function openCase(caseNumber: string) {
  if (
    (await page
      .getByRole('heading', { level: 4 })
      .textContent()
      .catch(() => null)) === caseNumber
  )
    return;
  await page.getByRole('menuitem', { name: '事项' }).click();
  await page.locator('[data-row-index]', { hasText: caseNumber }).click();
  await expect.poll(() => page.getByRole('heading', { level: 4 }).textContent()).toBe(caseNumber);
}

type Kind = keyof typeof documentText.title;

/**
 * Prints the document of the `nth` event of `type` from the matter's timeline, as a person does, and keeps a copy
 * of what was put on paper: Chromium's PDF costs seconds a call on these machines, so the copies are printed
 * together at the end, each from a new page (`printAll`).
 */
async function print(caseNumber: string, type: ActType, kind: Kind, name: string, nth = 0): Promise<void> {
  await openCase(caseNumber);
  const row = page.getByTestId('timeline').locator(`[data-event-type="${type}"]`).nth(nth);
  await row.getByRole('button', { name: documentText.print(documentText.title[kind]) }).click();
  const printed = page.locator(`.desk-notice[data-document="${kind}"]:not([data-copy])`);
  await printed.waitFor({ state: 'attached' });
  await printed.evaluate((letter, copyName) => {
    const copy = letter.cloneNode(true) as HTMLElement; // a clone of an element is an element
    copy.dataset.copy = copyName;
    document.body.append(copy);
  }, name);
}

/**
 * The copies to one PDF, one PNG of each document's first page (pdftoppm) and each document's text (pdftotext,
 * whitespace removed: it breaks lines where the page does), by name.
 */
async function printAll(names: readonly (readonly [name: string, kind: Kind])[]): Promise<Map<string, string>> {
  await page.addStyleTag({
    content:
      '@media print { .desk-notice:not([data-copy]) { display: none !important; } .desk-notice[data-copy] ~ .desk-notice[data-copy] { break-before: page; } }',
  });
  const pdf = join(artifacts, 'documents.pdf');
  await page.pdf({ path: pdf, preferCSSPageSize: true });
  const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'])
    .toString('utf8')
    .split('\f')
    .map((p) => p.replace(/\s+/g, ''));
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, join(artifacts, 'page')]);
  const digits = String(pages.length - 1).length;
  const texts = new Map<string, string>();
  let at = 0;
  for (const [index, [name, kind]] of names.entries()) {
    // Each document starts on a new page with its title; it runs until the next one's title page.
    expect(pages[at], `page ${at + 1} starts ${name}`).toMatch(
      new RegExp(`^${documentText.title[kind].replace(/[()（）]/g, '.')}`),
    );
    const nextKind = names[index + 1]?.[1];
    let end = at + 1;
    while (
      end < pages.length &&
      pages[end] !== '' &&
      !(nextKind && pages[end]!.startsWith(documentText.title[nextKind]))
    )
      end++;
    renameSync(join(artifacts, `page-${String(at + 1).padStart(digits, '0')}.png`), join(artifacts, `${name}.png`));
    texts.set(name, pages.slice(at, end).join(''));
    at = end;
  }
  return texts;
}

describe('documents printed from the matter page, to PDF', () => {
  it(
    '每一项书面行为都打印其文书: notices and opinions with the 查询码, forms between offices, 送达回证, 终结 record',
    { timeout: 180_000 },
    async () => {
      // Each office's 负责人 (also a 办理人, and a desk user) does its office's acts: four sign-ins for the story.
      // The county routes two matters: 转送 to 青山镇 (the petitioner told later; 督办), 交办 to 绿水乡.
      await as('county-approver');
      const forwarded = await register({ request: '反映村道年久失修，雨天无法通行' });
      const assigned = await register({ request: '反映养殖场污水直排河道' });
      await act(forwarded.caseId, 'forward', {
        toOfficeId: 'office-qingshan',
        petitionerTold: false,
        note: '请核实村道现状并答复信访人',
      });
      await act(assigned.caseId, 'assign', {
        toOfficeId: 'office-lvshui',
        dueDate: inDays(20),
        note: '请实地核查并报送办结报告',
      });
      await act(forwarded.caseId, 'supervise', {
        kind: 'supervise',
        issue: '请加快核实进度，按期告知信访人',
        feedbackDue: inDays(10),
      });
      await act(forwarded.caseId, 'inform', { noticeMethod: 'phone' });

      // 青山镇: a 申诉求决 under 第三十一条第六项 through 延期, 处理意见 and its 送达; the other classes accepted.
      await as('qs-approver');
      const claim = await register({ request: '要求补发2024年土地征收补偿款' });
      const suggestion = await register({
        request: '建议在镇中心增设公交站点',
        facts: '镇中心距最近的公交站约2公里',
        reasons: '方便群众出行',
      });
      const accusation = await register({ request: '检举某村干部在征地补偿中优亲厚友' });
      const statutory = await register({ request: '要求撤销对其作出的行政处罚决定' });
      const again = await register({ request: '再次要求补发2024年土地征收补偿款' });
      await act(claim.caseId, 'accept', { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' });
      await act(suggestion.caseId, 'accept', { noticeMethod: 'post', class: 'suggestion', procedure: 'opinion' });
      await act(accusation.caseId, 'accept', { noticeMethod: 'post', class: 'accusation', procedure: 'statutory' });
      await act(statutory.caseId, 'accept', { noticeMethod: 'post', class: 'claim', procedure: 'statutory' });
      await act(again.caseId, 'no-further-acceptance', {
        noticeMethod: 'post',
        priorCaseNumber: claim.caseNumber,
        explanation: '与已复核事项的事实和理由相同',
      });
      await act(claim.caseId, 'extend', { days: 30, reasons: '需会同县自然资源局核实补偿标准', noticeMethod: 'post' });
      await act(claim.caseId, 'decide', {
        outcome: 'not-support',
        basis: '经核实，补偿款已按公布的方案足额发放，有银行转账凭证为据。',
        reviewOrgan: '示范县信访局',
        documentNo: '青访答〔2025〕8号',
      });
      await act(claim.caseId, 'serve', { method: 'in-person', signedDay: today(), receiptNo: '青送〔2025〕8号' });
      await act(claim.caseId, 'review-request', { organ: '示范县信访局', toOfficeId: 'office-county' });
      // 复查 by the county (第三十五条); 复核 by the city, outside this county's directory, typed in at the township.
      await as('county-approver');
      await act(claim.caseId, 'review-decision', {
        result: 'uphold',
        content: '原处理意见认定事实清楚，适用依据正确。',
        documentNo: '县访复〔2025〕3号',
      });
      await act(claim.caseId, 'serve', { method: 'post', signedDay: today() });
      await as('qs-approver');
      await act(claim.caseId, 're-review-request', { organ: '示范市人民政府' });
      await act(claim.caseId, 're-review-decision', {
        result: 'uphold',
        content: '复查意见正确，予以维持。',
        documentNo: '市访核〔2026〕1号',
      });
      await act(claim.caseId, 'serve', { method: 'in-person', signedDay: today() });
      await act(claim.caseId, 'close', { ground: 're-review-done' });

      await page.getByTestId('desk-user').waitFor();
      await openCase(claim.caseNumber);
      expect(await page.getByTestId('query-code').textContent()).toBe(queryCode(claim.caseId));

      const code = (c: { caseId: string }) => `查询码：${queryCode(c.caseId)}`;
      // name, matter, the act on its timeline, its document; what the PDF says and what it must not.
      const plan: [
        name: string,
        matter: { caseId: string; caseNumber: string },
        type: ActType,
        kind: Kind,
        has: string[],
        hasNot: string[],
      ][] = [
        [
          'accept-claim',
          claim,
          'accept',
          'accept',
          [code(claim), '第二十三条', '第三十四条的规定，该事项自受理之日起60日内办结', '第三十五条'],
          [],
        ],
        ['extend', claim, 'extend', 'extend', [code(claim), '第三十四条', '延长30日'], []],
        [
          'decide',
          claim,
          'decide',
          'decide',
          [
            code(claim),
            '文号：青访答〔2025〕8号',
            '投诉请求：要求补发2024年土地征收补偿款',
            '第三十二条第一款第三项',
            '不予支持',
            '30日内向示范县信访局请求复查（《信访工作条例》第三十五条）',
          ],
          [],
        ],
        [
          'serve',
          claim,
          'serve',
          'serve',
          [
            '编号：青送〔2025〕8号',
            '信访事项处理意见书（青访答〔2025〕8号）',
            '受送达人签名（盖章）',
            '直接送达',
            '第三十五条',
          ],
          ['查询码'],
        ],
        [
          'review-decision',
          claim,
          'review-decision',
          'review-decision',
          [
            code(claim),
            '文号：县访复〔2025〕3号',
            '维持原处理意见',
            '第三十五条',
            '请求复核（《信访工作条例》第三十六条）',
            '示范县信访局（盖章）',
          ],
          [],
        ],
        [
          're-review-decision',
          claim,
          're-review-decision',
          're-review-decision',
          [code(claim), '不再受理（《信访工作条例》第三十六条第三款）', '示范市人民政府（盖章）'],
          ['30日内向'],
        ],
        [
          'close',
          claim,
          'close',
          'close',
          ['已复核完毕', '批准人', '青山镇负责人（青山镇人民政府）', '第三十六条第三款', '第三十七条'],
          ['查询码'],
        ],
        ['accept-suggestion', suggestion, 'accept', 'accept', [code(suggestion), '第二十九条'], ['60日', '复查']],
        ['accept-accusation', accusation, 'accept', 'accept', [code(accusation), '第三十条第三款'], ['60日', '复查']],
        [
          'accept-statutory',
          statutory,
          'accept',
          'accept',
          [code(statutory), '第三十一条第一项至第五项'],
          ['60日', '复查'],
        ],
        [
          'no-further-acceptance',
          again,
          'no-further-acceptance',
          'no-further-acceptance',
          [code(again), claim.caseNumber, '第三十六条第三款'],
          [],
        ],
        [
          'forward',
          forwarded,
          'forward',
          'forward',
          ['青山镇人民政府：', '第二十二条', '第二十三条第三款', '反映村道年久失修', '示范县信访局（盖章）'],
          ['查询码'],
        ],
        [
          'supervise',
          forwarded,
          'supervise',
          'supervise',
          ['青山镇人民政府：', '第四十条', '请加快核实进度'],
          ['查询码'],
        ],
        ['inform', forwarded, 'inform', 'inform', [code(forwarded), '转送青山镇人民政府办理', '第二十三条'], []],
        ['assign', assigned, 'assign', 'assign', ['绿水乡人民政府：', '第二十二条第三项', '办结报告'], ['查询码']],
      ];
      for (const [name, matter, type, kind] of plan) await print(matter.caseNumber, type, kind, name);
      const texts = await printAll(plan.map(([name, , , kind]) => [name, kind] as const));
      for (const [name, , , kind, has, hasNot] of plan) {
        const text = texts.get(name) ?? '';
        for (const part of [documentText.title[kind], ...has]) expect(text, `${name} says ${part}`).toContain(part);
        for (const part of hasNot) expect(text, `${name} does not say ${part}`).not.toContain(part);
      }
    },
  );
});
