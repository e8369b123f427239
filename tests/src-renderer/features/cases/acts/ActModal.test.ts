// @vitest-environment jsdom
import { createElement } from 'react';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caseText, reasonText, validationText } from '#shared/messages/zh-CN';
import { CasePage } from '../../../../../src-renderer/features/cases';
import { useCasesUi } from '../../../../../src-renderer/features/cases/cases-store';
import { walkIn } from '../../../../fixtures';
import { installDomStubs, openTestDesk, renderPage, type TestDesk } from '../support';

/** The act forms of the matter page against a real desk core: validation from the payload schemas, refusals, 延期. */

let t: TestDesk;
let caseId: string;
beforeAll(installDomStubs);
beforeEach(async () => {
  useCasesUi.setState({ openAct: undefined });
  t = await openTestDesk();
  await t.as('qs-reception');
  ({ caseId } = await t.transport.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } }));
});
afterEach(async () => {
  cleanup();
  await t.close();
});

const setup = () => userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });

async function openPage() {
  renderPage(t.transport, createElement(CasePage, { id: caseId }));
  await screen.findByTestId('case-page');
}

/** Picks `option` in the antd Select labelled `label` inside the open act form. */
async function choose(user: ReturnType<typeof setup>, label: string, option: string) {
  const dialog = screen.getByRole('dialog');
  await user.click(within(dialog).getByLabelText(label));
  await user.click(await findOption(option));
}

/** The open dropdown's option reading `text`. */
const findOption = (text: string) =>
  waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.textContent === text,
    );
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });

/** antd puts a space between the two characters of a two-character button (受 理): match with or without it. */
const named = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

const status = () => t.transport.invoke('case-get', { id: caseId }).then((d) => d.case.status);

// The first antd render in jsdom is slow on a loaded machine: more room than the suite's default.
describe('act forms (事项详情)', { timeout: 60_000 }, () => {
  it('第二十三条 受理: the form asks for 告知方式, 法定分类 and 办理程序, then records the act and the timeline grows', async () => {
    await t.as('qs-handler');
    const user = setup();
    await openPage();
    expect(within(screen.getByTestId('timeline')).getAllByText('登记')).toHaveLength(1);
    await user.click(screen.getByRole('button', { name: named('受理') }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: named('确定') }));
    expect(await within(dialog).findAllByText(validationText.choose)).toHaveLength(3);
    expect(await status()).toBe('registered');

    await choose(user, '告知方式', '当场告知');
    await choose(user, '法定分类', '申诉求决类');
    await choose(user, '办理程序', '按第三十一条第六项出具处理意见（60日）');
    await user.click(within(dialog).getByRole('button', { name: named('确定') }));
    await waitFor(async () => expect(await status()).toBe('accepted'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const timeline = screen.getByTestId('timeline');
    await within(timeline).findByText('受理');
    expect(within(timeline).getByText('第二十三条')).toBeTruthy();
    expect(within(timeline).getByText('当场告知')).toBeTruthy();
    expect(await screen.findByTestId('case-status')).toHaveProperty('textContent', '已受理');
  });

  it('第三十条第三款 受理 adds the accused: an office picked by name and a person typed are carried by the act and shown', async () => {
    await t.as('qs-handler');
    const user = setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: named('受理') }));
    const dialog = await screen.findByRole('dialog');
    await choose(user, '告知方式', '当场告知');
    await choose(user, '法定分类', '检举控告类');
    await choose(user, '办理程序', '依照法定途径办理');
    await user.type(within(dialog).getByLabelText('被检举/被控告单位'), '绿水');
    await user.click(await findOption('绿水乡人民政府'));
    await user.type(within(dialog).getByLabelText('被检举/被控告人员（逐个输入后回车）'), '王某某{Enter}');
    await user.click(within(dialog).getByRole('button', { name: named('确定') }));
    await waitFor(async () => expect(await status()).toBe('accepted'));
    const { case: c, events } = await t.transport.invoke('case-get', { id: caseId });
    expect(events.find((e) => e.type === 'accept')?.payload).toMatchObject({
      class: 'accusation',
      accusedOfficeIds: ['office-lvshui'],
      accusedPersons: ['王某某'],
    });
    expect(c).toMatchObject({ restricted: true, accusedOfficeIds: ['office-lvshui'], accusedPersons: ['王某某'] });
    const timeline = screen.getByTestId('timeline');
    expect(await within(timeline).findByText('绿水乡人民政府')).toBeTruthy();
    expect(within(timeline).getByText('王某某')).toBeTruthy();
  });

  it('第三十条 an act the core refuses (转送 a 检举控告 to the office it accuses) shows its Chinese reason and keeps what was typed', async () => {
    ({ caseId } = await t.transport.invoke('petition-register', {
      registration: walkIn({ class: 'accusation', accusedOfficeIds: ['office-lvshui'], request: '举报绿水乡某干部' }),
      case: { kind: 'new' },
    }));
    await t.as('qs-handler');
    const user = setup();
    await openPage();
    await user.click(screen.getByRole('button', { name: named('转送') }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByLabelText('接收机构'));
    // The picker offers the county's offices by name, never the user's own.
    const offered = await waitFor(() => {
      const names = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].map((o) => o.textContent);
      if (names.length === 0) throw new Error('no offices offered');
      return names;
    });
    expect(offered).toEqual(['示范县信访局', '绿水乡人民政府', '示范县纪委监委']);
    await choose(user, '接收机构', '绿水乡人民政府');
    await choose(user, '是否已告知信访人去向', '已告知信访人');
    await user.type(within(dialog).getByLabelText('附言'), '请依法处理');
    await user.click(within(dialog).getByRole('button', { name: named('确定') }));
    expect(await within(dialog).findByText(reasonText['forward-to-accused'])).toBeTruthy();
    expect(screen.getByRole('dialog')).toBe(dialog);
    expect(within(dialog).getByText('绿水乡人民政府')).toBeTruthy();
    expect(within(dialog).getByLabelText<HTMLTextAreaElement>('附言').value).toBe('请依法处理');
    expect(await status()).toBe('registered');
  });

  it('第三十条第三款 a township accused in what it registered reads none of it and, from the screen, can only pass it on: 转纪检监察', async () => {
    ({ caseId } = await t.transport.invoke('petition-register', {
      registration: walkIn({ class: 'accusation', accusedOfficeIds: ['office-qingshan'], request: '举报青山镇某领导' }),
      case: { kind: 'new' },
    }));
    await t.as('qs-handler');
    const user = setup();
    await openPage();
    expect(screen.getByText(caseText.maskedNotice)).toBeTruthy();
    expect(
      [...within(screen.getByTestId('acts')).getAllByRole('button')].map((b) => b.getAttribute('data-act')),
    ).toEqual(['forward', 'transfer']);
    await user.click(screen.getByRole('button', { name: '转政法/转纪检监察' }));
    const dialog = await screen.findByRole('dialog');
    await choose(user, '转往', '转纪检监察机关');
    await user.type(within(dialog).getByLabelText('接收机关'), '示范县纪委监委');
    await choose(user, '接收机构', '示范县纪委监委');
    await user.click(within(dialog).getByRole('button', { name: named('确定') }));
    await waitFor(async () => expect(await status()).toBe('transferred'));
    expect(screen.queryByText('举报青山镇某领导')).toBeNull();
  });

  it('第三十四条 延期 is offered to the 负责人 only and refuses 31 days', async () => {
    await t.as('qs-handler');
    await t.transport.invoke('case-act', {
      caseId,
      type: 'accept',
      payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
    });
    const user = setup();
    await openPage();
    expect(screen.queryByRole('button', { name: named('延期') })).toBeNull();
    cleanup();

    await t.as('qs-approver');
    await openPage();
    await user.click(await screen.findByRole('button', { name: named('延期') }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('延长天数'), '31');
    await user.type(within(dialog).getByLabelText('延期理由'), '需要现场勘验');
    await choose(user, '告知方式', '邮寄');
    await user.click(within(dialog).getByRole('button', { name: named('确定') }));
    expect(await within(dialog).findByText(validationText.extensionDays)).toBeTruthy();
    expect((await t.transport.invoke('case-get', { id: caseId })).case.extensionDays).toBe(0);

    await user.clear(within(dialog).getByLabelText('延长天数'));
    await user.type(within(dialog).getByLabelText('延长天数'), '30');
    await user.click(within(dialog).getByRole('button', { name: named('确定') }));
    await waitFor(async () =>
      expect((await t.transport.invoke('case-get', { id: caseId })).case.extensionDays).toBe(30),
    );
    expect(await within(screen.getByTestId('timeline')).findByText('延期')).toBeTruthy();
  });
});
