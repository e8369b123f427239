// @vitest-environment jsdom
import { createElement } from 'react';
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActType } from '#shared/domain/act-payloads';
import { CasePage } from '../../../../../src-renderer/features/cases';
import { walkIn } from '../../../../fixtures';
import { installDomStubs, openTestDesk, renderPage, type TestDesk } from '../support';
import { clockText, caseText } from '#shared/messages/zh-CN';

/**
 * The 办理期限 card of the matter page against a real desk core: each clock's state in the words of its kind, and
 * the petitioner's own windows named as theirs, not as an office's late duty. Acts are dated in the past through
 * the Api's `occurredAt`, so the clocks run out the way they would have.
 */

let t: TestDesk;
beforeAll(installDomStubs);
beforeEach(async () => {
  t = await openTestDesk();
});
afterEach(async () => {
  cleanup();
  await t.close();
});

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

async function registered(receivedDaysAgo: number): Promise<string> {
  await t.as('qs-reception');
  const { caseId } = await t.transport.invoke('petition-register', {
    registration: walkIn({ receivedAt: daysAgo(receivedDaysAgo) }),
    case: { kind: 'new' },
  });
  return caseId;
}

async function act(
  who: string,
  caseId: string,
  type: ActType,
  payload: Record<string, unknown>,
  occurredDaysAgo?: number,
) {
  await t.as(who);
  await t.transport.invoke('case-act', {
    caseId,
    type,
    payload,
    ...(occurredDaysAgo === undefined ? {} : { occurredAt: daysAgo(occurredDaysAgo) }),
  });
}

/** The clocks card's row of one clock kind: its cells' texts (kind, due, state, office). */
async function clockRow(caseId: string, kind: keyof typeof clockText): Promise<string[]> {
  renderPage(t.transport, createElement(CasePage, { id: caseId }));
  const card = await screen.findByTestId('clocks');
  const cell = await within(card).findByText(new RegExp(`^${clockText[kind].replace(/[()（）]/g, '.')}`));
  const row = cell.closest('tr');
  if (!row) throw new Error(`no row for ${kind}`);
  return [...row.querySelectorAll('td')].map((td) => td.textContent ?? '');
}

/** A 申诉求决类 matter accepted (第三十一条第六项), decided and served, received `receivedDaysAgo` days ago. */
async function served(
  receivedDaysAgo: number,
  [accepted, decided, serviced]: readonly [number, number, number],
): Promise<string> {
  const caseId = await registered(receivedDaysAgo);
  await act('qs-handler', caseId, 'accept', { noticeMethod: 'post', class: 'claim', procedure: 'opinion' }, accepted);
  await act(
    'qs-handler',
    caseId,
    'decide',
    { outcome: 'support', basis: '符合补偿方案', reviewOrgan: '县人民政府' },
    decided,
  );
  await act('qs-reception', caseId, 'serve', { method: 'in-person' }, serviced);
  return caseId;
}

describe('办理期限 (the clocks card)', { timeout: 60_000 }, () => {
  it('第二十三条 a notice given after its 15 days stays 逾期告知; one not yet given is 逾期未告知, never "逾期办结"', async () => {
    const late = await registered(40);
    await act('qs-handler', late, 'accept', { noticeMethod: 'post', class: 'claim', procedure: 'opinion' }, 20);
    const [, due, state, office] = await clockRow(late, 'notice');
    expect(state).toBe('逾期告知');
    expect(office).toBe('青山镇人民政府');
    expect(
      screen
        .getByText((due ?? '').trim())
        .closest('[data-due-state]')
        ?.getAttribute('data-due-state'),
    ).toBe('met-late');
    cleanup();

    const waiting = await registered(40);
    expect((await clockRow(waiting, 'notice'))[2]).toBe('逾期未告知');
  });

  it('第三十四条 a 处理意见 given within 60 日 is 已办结; the notice given on time is 已告知', async () => {
    const caseId = await served(40, [38, 30, 25]);
    expect((await clockRow(caseId, 'handling'))[2]).toBe('已办结');
    cleanup();
    expect((await clockRow(caseId, 'notice'))[2]).toBe('已告知');
  });

  it('第三十五条 a 复查 window used in time is 已申请, with no 责任机构; the 复查 itself runs at the office', async () => {
    const caseId = await served(30, [28, 20, 10]);
    await act('qs-reception', caseId, 'review-request', { organ: '县人民政府' }, 5);
    const [, , state, office] = await clockRow(caseId, 'review-window');
    expect(state).toBe('已申请');
    expect(office).toBe('');
    expect(within(screen.getByTestId('clocks')).queryByText(caseText.clockOffice)).toBeTruthy();
    expect(screen.getByTestId('clocks').textContent).not.toContain('逾期');
  });

  it('第三十五条 a 复查 window that ran out, the matter then closed (第三十七条), is 期满未申请 — not "逾期办结" of the 信访人', async () => {
    const caseId = await served(100, [98, 90, 80]);
    await act('qs-approver', caseId, 'close', { ground: 'review-window-lapsed' });
    const [, , state, office] = await clockRow(caseId, 'review-window');
    expect(state).toBe('期满未申请');
    expect(office).toBe('');
    const card = screen.getByTestId('clocks').textContent ?? '';
    expect(card).not.toContain('逾期办结');
    expect(card).not.toContain('信访人');
  });
});
