// @vitest-environment jsdom
import { createElement } from 'react';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import dayjs from 'dayjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { documentText, reasonText } from '#shared/messages/zh-CN';
import { CasePage } from '../../../../../src-renderer/features/cases';
import { useCasesUi } from '../../../../../src-renderer/features/cases/cases-store';
import { walkIn } from '../../../../fixtures';
import { installDomStubs, openTestDesk, renderPage, type TestDesk } from '../support';

/**
 * The matter page's act forms beyond the plain act, against a real desk core: 发生时间 of a real-world act, 报批 and
 * 审批 (第三十四条), 补充 and 更正 of a registration (第十九条).
 */

let t: TestDesk;
let caseId: string;
beforeAll(installDomStubs);
beforeEach(async () => {
  useCasesUi.setState({ openAct: undefined });
  t = await openTestDesk();
  await t.as('qs-reception');
  ({ caseId } = await t.transport.invoke('petition-register', {
    registration: walkIn({ facts: undefined }),
    case: { kind: 'new', title: '补偿款' },
  }));
});
afterEach(async () => {
  cleanup();
  document.querySelectorAll('.desk-notice').forEach((n) => n.remove());
  await t.close();
});

const setup = () => userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
const named = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const detail = () => t.transport.invoke('case-get', { id: caseId });

async function openPage() {
  renderPage(t.transport, createElement(CasePage, { id: caseId }));
  await screen.findByTestId('case-page');
}

async function choose(user: ReturnType<typeof setup>, label: string, option: string) {
  await user.click(within(screen.getByRole('dialog')).getByLabelText(label));
  const item = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.textContent === option,
    );
    if (!found) throw new Error(`no option ${option}`);
    return found;
  });
  await user.click(item);
}

/** Clicks the form's 确定 once it is not busy with an earlier submit (its name reads "loading 确定" meanwhile). */
const submit = async (user: ReturnType<typeof setup>) =>
  user.click(await within(screen.getByRole('dialog')).findByRole('button', { name: named('确定') }));

describe('act forms: dates, 报批, 补充/更正', { timeout: 90_000 }, () => {
  it('第二十三条 a 受理 dated (发生时间) before the matter’s last event is refused in Chinese and keeps every input', async () => {
    await t.as('qs-handler');
    const user = setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: named('受理') }));
    const dialog = await screen.findByRole('dialog');
    await choose(user, '告知方式', '当场告知');
    await choose(user, '法定分类', '申诉求决类');
    await choose(user, '办理程序', '按第三十一条第六项出具处理意见（60日）');
    const when = within(dialog).getByLabelText('发生时间（不填为现在）');
    const yesterday = dayjs().subtract(1, 'day').format('YYYY-MM-DD HH:mm:ss');
    await user.click(when);
    await user.type(when, `${yesterday}{Enter}`); // Enter confirms the typed time
    await submit(user);

    expect(await within(dialog).findByRole('alert')).toHaveProperty(
      'textContent',
      reasonText['occurred-before-previous'],
    );
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(within(dialog).getByLabelText<HTMLInputElement>('发生时间（不填为现在）').value).toBe(yesterday);
    expect(within(dialog).getByText('申诉求决类')).toBeTruthy();
    expect((await detail()).case.status).toBe('registered');
  });

  it('第三十四条 a handler’s 终结（报批） leaves the matter 已受理 with its clocks running; the 负责人 approves it and the matter is 终结', async () => {
    await t.as('qs-handler');
    await t.transport.invoke('case-act', {
      caseId,
      type: 'accept',
      payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
    });
    const user = setup();
    await openPage();
    await user.click(await screen.findByRole('button', { name: '终结（报批）' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/须经负责人审批/)).toBeTruthy();
    await choose(user, '终结情形', '信访人撤回');
    await submit(user);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const proposed = await detail();
    expect(proposed.case.status).toBe('accepted');
    expect(proposed.case.clocks.find((k) => k.kind === 'handling')?.stoppedDay).toBeUndefined();
    const timeline = screen.getByTestId('timeline');
    await within(timeline).findByText('报批');
    expect(within(timeline).getByText('信访人撤回')).toBeTruthy();
    cleanup();

    await t.as('qs-approver');
    await openPage();
    await user.click(await screen.findByRole('button', { name: named('审批') }));
    await screen.findByRole('dialog');
    await choose(user, '报批事项', '终结（青山镇办理人报批）');
    await choose(user, '审批意见', '批准');
    await submit(user);
    await waitFor(async () => expect((await detail()).case.status).toBe('closed'));
    expect(await screen.findByTestId('case-status')).toHaveProperty('textContent', '已终结');
    expect(within(screen.getByTestId('timeline')).getAllByText('终结（青山镇办理人报批）')).toHaveLength(1);
  });

  it('第十九条 补充 a missing 事实 and 更正 the title from the matter page: shown marked, the timeline has old → new with the reason', async () => {
    const user = setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: '补充登记' }));
    let dialog = await screen.findByRole('dialog');
    await choose(user, '项目', '事实');
    await user.type(within(dialog).getByLabelText('内容'), '2024年征地后补偿款未足额发放');
    await submit(user);
    const petitions = screen.getByTestId('petitions');
    await within(petitions).findByText('2024年征地后补偿款未足额发放');
    expect(within(petitions).getByText('已补充')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: '更正登记' }));
    dialog = await screen.findByRole('dialog');
    await choose(user, '项目', '事项摘要');
    await waitFor(() => expect(within(dialog).getByLabelText<HTMLTextAreaElement>('原内容').value).toBe('补偿款'));
    await user.type(within(dialog).getByLabelText('内容'), '要求补发2024年土地征收补偿款');
    await user.type(within(dialog).getByLabelText('更正理由'), '摘要过简');
    await submit(user);
    await waitFor(() =>
      expect(screen.getByTestId('case-page').textContent).toContain('要求补发2024年土地征收补偿款已更正'),
    );

    const timeline = screen.getByTestId('timeline');
    expect(within(timeline).getByText('补偿款 → 要求补发2024年土地征收补偿款')).toBeTruthy();
    expect(within(timeline).getByText('摘要过简')).toBeTruthy();
    expect(within(timeline).getByText('2024年征地后补偿款未足额发放')).toBeTruthy();
  });

  it('第三十四条 an approved 不予受理 takes effect at the 审批, which prints the 不予受理告知书 (第十九条第三款)', async () => {
    const printed = vi.fn();
    window.print = printed; // jsdom has no printer
    await t.as('qs-handler');
    const { event } = await t.transport.invoke('case-act', {
      caseId,
      type: 'reject',
      payload: { noticeMethod: 'post', ground: 'not-a-petition', explanation: '所反映的是民事纠纷' },
    });
    await t.as('qs-approver');
    await t.transport.invoke('case-act', {
      caseId,
      type: 'approve',
      payload: { proposalEventId: event.id, approved: true },
    });
    const user = setup();
    await openPage();
    const timeline = screen.getByTestId('timeline');
    const buttons = await within(timeline).findAllByRole('button', { name: /^打印/ });
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.closest('[data-event-type]')?.getAttribute('data-event-type')).toBe('approve');
    await user.click(buttons[0]!);
    await vi.waitFor(() => expect(printed).toHaveBeenCalledOnce());
    const text = document.querySelector('.desk-notice')?.textContent ?? '';
    expect(text).toContain(documentText.title.reject);
    expect(text).toContain('所反映的是民事纠纷');
  });
});
