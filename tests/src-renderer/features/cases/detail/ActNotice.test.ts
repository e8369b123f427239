// @vitest-environment jsdom
import { createElement } from 'react';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CasePage } from '../../../../../src-renderer/features/cases';
import { walkIn } from '../../../../fixtures';
import { installDomStubs, openTestDesk, renderPage, type TestDesk } from '../support';
import { queryCode } from '#shared/domain/query-code';
import { documentText, optionText } from '#shared/messages/zh-CN';

/** Written documents printed from the matter page's timeline, against a real desk core. */

let t: TestDesk;
let caseId: string;
let caseNumber: string;
const printed = vi.fn();
beforeAll(() => {
  installDomStubs();
  window.print = printed; // jsdom has no printer: the browser's print dialog is the edge
});
beforeEach(async () => {
  printed.mockClear();
  t = await openTestDesk();
  await t.as('qs-reception');
  ({ caseId, caseNumber } = await t.transport.invoke('petition-register', {
    registration: walkIn({ request: '要求补发土地征收补偿款' }),
    case: { kind: 'new' },
  }));
  await t.as('qs-handler');
});
afterEach(async () => {
  cleanup();
  document.querySelectorAll('.desk-notice').forEach((n) => n.remove());
  await t.close();
});

const printButton = (kind: keyof typeof documentText.title) => documentText.print(documentText.title[kind]);

async function printFromTimeline(kind: keyof typeof documentText.title): Promise<string> {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  renderPage(t.transport, createElement(CasePage, { id: caseId }));
  const timeline = await screen.findByTestId('timeline');
  const buttons = await within(timeline).findAllByRole('button', { name: printButton(kind) });
  await user.click(buttons.at(-1)!);
  await vi.waitFor(() => expect(printed).toHaveBeenCalledOnce());
  return document.querySelector('.desk-notice')?.textContent ?? '';
}

describe('notices printed from the matter page', { timeout: 60_000 }, () => {
  it('第二十三条 受理 prints the 受理告知书 with the 查询码 (第二十一条, also on the summary), the 60-day promise (第三十四条) and the 复查 right (第三十五条)', async () => {
    await t.transport.invoke('case-act', {
      caseId,
      type: 'accept',
      payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
    });
    const text = await printFromTimeline('accept');
    expect(text).toContain(documentText.title.accept);
    expect(text).toContain(`查询码：${queryCode(caseId)}`);
    expect(text).not.toContain(caseNumber);
    expect(screen.getByTestId('query-code').textContent).toBe(queryCode(caseId));
    expect(text).toContain('张三：');
    expect(text).toContain('要求补发土地征收补偿款');
    expect(text).toContain('60日内办结');
    expect(text).toContain('第三十五条');
    expect(text).toContain('青山镇人民政府');
  });

  it('第十九条第三款 不予受理 prints the 不予受理告知书 with the ground and the explanation; 登记 alone offers none', async () => {
    await t.as('qs-approver'); // a 负责人's own 不予受理 needs no 报批 (第三十四条)
    await t.transport.invoke('case-act', {
      caseId,
      type: 'reject',
      payload: {
        noticeMethod: 'post',
        ground: 'higher-level-duplicate',
        explanation: '同一事项已向县信访局提出，正在办理中',
      },
    });
    const text = await printFromTimeline('reject');
    expect(text).toContain(documentText.title.reject);
    expect(text).toContain(optionText.ground['higher-level-duplicate']);
    expect(text).toContain('同一事项已向县信访局提出，正在办理中');
    expect(text).not.toContain('60日内办结');
    expect(within(screen.getByTestId('timeline')).getAllByRole('button', { name: /^打印/ })).toHaveLength(1);
  });
});
