// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { messages, missingText, reasonText } from '#shared/messages/zh-CN';
import { useDraftStore } from '../../../../src-renderer/features/intake/draft-store';
import { installDomShims, openTestDesk, renderDesk, type TestDesk } from '../../support';

/** The intake form against a real desk core: validation as typed, the representative limit, missing items, saving. */

/** A valid 身份证 (GB 11643 check character X), born 1949-12-31, female (even sequence digit). */
const VALID_ID = '11010519491231002X';

let desk: TestDesk;
beforeAll(installDomShims);
beforeEach(async () => {
  // The draft store lives as long as the module: start each test as a fresh page would.
  useDraftStore.getState().reset();
  localStorage.clear();
  desk = await openTestDesk('qs-reception');
});
afterEach(async () => {
  cleanup();
  await desk.close();
});

/** Picks `option` in the antd Select labelled `label` (its dropdown lives outside the field). */
async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  await user.click(screen.getByLabelText(label));
  await user.click(await findOption(option));
}

const findOption = (text: string) =>
  waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find(
      (o) => o.textContent === text,
    );
    if (!found) throw new Error(`no option ${text}`);
    return found;
  });

/** The 登记 event the desk wrote for `caseId`, as it goes to the county. */
async function registerPayload(caseId: string): Promise<Record<string, unknown>> {
  const event = await desk.desk.db.case_events.findOne({ selector: { caseId, type: 'register' } }).exec();
  return event?.toMutableJSON().payload ?? {};
}

async function openIntake() {
  // antd hides the real radio inputs under their labels (pointer-events: none); a person clicks the label.
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = await renderDesk(desk.transport);
  await screen.findByLabelText('证件号码');
  return { user, view };
}

// antd in jsdom is slow (a full re-render per typed key): room for a loaded CI machine.
describe('登记 (intake)', { timeout: 90_000 }, () => {
  it('GB 11643: a bad 身份证 shows the Chinese reason as typed; a good one fills birth date and sex', async () => {
    const { user } = await openIntake();
    const id = screen.getByLabelText('证件号码');
    await user.type(id, '1101051949');
    expect(screen.getByText('已输入 10 位，共 18 位')).toBeTruthy();
    await user.type(id, '12310021');
    expect(await screen.findByText(reasonText['id-checksum'])).toBeTruthy();
    await user.clear(id);
    await user.type(id, VALID_ID.toLowerCase());
    expect(await screen.findByText('出生日期 1949-12-31，女')).toBeTruthy();
  });

  it('第二十条第三款: a sixth representative of a group visit is refused with the reason, nothing typed is lost', async () => {
    const { user } = await openIntake();
    await user.click(screen.getByRole('radio', { name: '来访' }));
    await user.click(screen.getByRole('switch'));
    await user.type(screen.getByLabelText('姓名（名称）'), '代表甲');
    const add = screen.getByRole('button', { name: /添加代表/ });
    for (let i = 0; i < 4; i++) await user.click(add);
    expect(screen.getAllByRole('group', { name: /^代表 \d$/ })).toHaveLength(5);
    expect(screen.queryByRole('alert')).toBeNull();
    await user.click(add);
    expect((await screen.findByRole('alert')).textContent).toBe(reasonText['representatives-over-limit']);
    expect(screen.getAllByRole('group', { name: /^代表 \d$/ })).toHaveLength(5);
    expect(screen.getByDisplayValue('代表甲')).toBeTruthy();
  });

  it('第十九条: the missing items of a letter are listed, and saving is still allowed', async () => {
    const { user } = await openIntake();
    await user.click(screen.getByRole('radio', { name: '来信' }));
    await user.type(screen.getByLabelText('姓名（名称）'), '李四');
    const missing = await screen.findByTestId('intake-missing');
    for (const item of ['address', 'request', 'facts', 'reasons'] as const)
      expect(missing.textContent).toContain(missingText[item]);
    await user.type(screen.getByLabelText('请求'), '要求修复村道');
    await waitFor(() => expect(screen.getByTestId('intake-missing').textContent).not.toContain(missingText.request));
    await user.click(screen.getByRole('button', { name: /保存登记/ }));
    const saved = await screen.findByTestId('intake-saved');
    expect(saved.textContent).toContain(missingText.facts);
  });

  it('Ctrl+Enter saves from a text field: the matter is registered and the draft cleared', async () => {
    const { user } = await openIntake();
    // Without a channel the save is refused with the reason, and what was typed stays.
    await user.type(screen.getByLabelText('请求'), '要求补发土地征收补偿款');
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(await screen.findByText(reasonText['channel-required'])).toBeTruthy();
    expect(screen.getByDisplayValue('要求补发土地征收补偿款')).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: '来访' }));
    await user.type(screen.getByLabelText('姓名（名称）'), '张三');
    await user.type(screen.getByLabelText('证件号码'), VALID_ID);
    await user.click(screen.getByLabelText('事实'));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('dialog');
    const caseNumber = /已登记，编号 ([\w-]+)/.exec(dialog.textContent ?? '')?.[1];
    expect(caseNumber).toMatch(/^999901101-/);
    // Once confirmed, the saved draft is gone from the desk at once (a crash now must not bring it back to be
    // registered twice); the form itself is emptied right after the confirmation shows, the dialog still open.
    expect(await desk.transport.invoke('draft-get', {})).toBeNull();
    const list = await desk.transport.invoke('case-list', {});
    expect(list.items.map((c) => c.caseNumber)).toContain(caseNumber);
    await waitFor(() => expect(screen.queryByDisplayValue('张三')).toBeNull());
    await user.click(within(dialog).getByRole('button', { name: '继续登记下一件' }));
  });

  it('第十九条: one registration after another, each confirmed with its own number', async () => {
    const { user } = await openIntake();
    const numbers: string[] = [];
    for (const name of ['张三', '李四']) {
      await user.click(screen.getByRole('radio', { name: '来访' }));
      await user.type(screen.getByLabelText('姓名（名称）'), name);
      await user.type(screen.getByLabelText('请求'), '要求补发土地征收补偿款');
      await user.keyboard('{Control>}{Enter}{/Control}');
      const dialog = await screen.findByRole('dialog');
      await waitFor(() => expect(dialog.textContent).toMatch(/已登记，编号 999901101-/));
      numbers.push(/已登记，编号 ([\w-]+)/.exec(dialog.textContent ?? '')?.[1] ?? '');
      // The dialog stays mounted between saves, closed: the next save opens it again with its own number.
      await user.click(within(dialog).getByRole('button', { name: '继续登记下一件' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
      await waitFor(() => expect(screen.queryByDisplayValue(name)).toBeNull());
    }
    expect(new Set(numbers).size).toBe(2);
  });

  it("第三十条第三款: a 检举控告 names the accused offices (the desk's own among them) and persons, kept in the draft and carried into the 登记", async () => {
    const { user } = await openIntake();
    await user.click(screen.getByRole('radio', { name: '来访' }));
    await user.type(screen.getByLabelText('姓名（名称）'), '赵六');
    await user.type(screen.getByLabelText('请求'), '举报绿水乡某站所负责人收受好处');
    expect(screen.queryByLabelText('被检举/被控告单位')).toBeNull();
    await choose(user, '法定分类', '检举控告类');
    expect(await screen.findByText(messages.routing.accusation)).toBeTruthy();

    // Every office of the county is offered, 青山镇 (this desk's own) too; typing a code finds its office.
    await user.click(screen.getByLabelText('被检举/被控告单位'));
    await findOption('青山镇人民政府');
    await user.type(screen.getByLabelText('被检举/被控告单位'), '999901201');
    await user.click(await findOption('绿水乡人民政府'));
    await user.type(screen.getByLabelText('被检举/被控告人员'), '王某某{Enter}李某（站长）{Enter}');
    await user.keyboard('{Escape}');
    expect(useDraftStore.getState().draft).toMatchObject({
      accusedOfficeIds: ['office-lvshui'],
      accusedPersons: ['王某某', '李某（站长）'],
    });
    // Crash-safe like the rest of the draft: kept in the desk core.
    await waitFor(async () =>
      expect((await desk.transport.invoke('draft-get', {}))?.form).toMatchObject({
        accusedPersons: ['王某某', '李某（站长）'],
      }),
    );

    await user.click(screen.getByRole('button', { name: /保存登记/ }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog.textContent).toMatch(/已登记，编号 999901101-/));
    const { items } = await desk.transport.invoke('case-list', {});
    expect(await registerPayload(items[0]!.id)).toMatchObject({
      class: 'accusation',
      accusedOfficeIds: ['office-lvshui'],
      accusedPersons: ['王某某', '李某（站长）'],
    });
    expect(items[0]).toMatchObject({ restricted: true, masked: true }); // a 接待员 may not read a 检举控告 (第三十条第三款)
  });

  it('第二十二条: the accused are asked for under 纪检监察 and 检举控告 only, and a 申诉求决 registers none of what was typed', async () => {
    const { user } = await openIntake();
    await user.click(screen.getByRole('radio', { name: '来电' }));
    await user.type(screen.getByLabelText('请求'), '反映村干部优亲厚友');
    // Filed under 纪检监察: the form asks for the accused and says that only a 检举控告 keeps it from them.
    await user.click(screen.getByLabelText('内容分类'));
    await user.click(await screen.findByText('纪检监察', { selector: '.ant-cascader-menu-item-content' }));
    await user.click(await screen.findByText('干部作风', { selector: '.ant-cascader-menu-item-content' }));
    expect(await screen.findByText(messages.routing.discipline)).toBeTruthy();
    await user.type(screen.getByLabelText('被检举/被控告人员'), '村支书{Enter}');
    // A 申诉求决 outside 纪检监察: the fields go, what was typed stays in the draft but is not registered.
    await user.click(screen.getByLabelText('内容分类'));
    await user.click(await screen.findByText('农村农业', { selector: '.ant-cascader-menu-item-content' }));
    await user.click(await screen.findByText('村务管理', { selector: '.ant-cascader-menu-item-content' }));
    await choose(user, '法定分类', '申诉求决类');
    await waitFor(() => expect(screen.queryByLabelText('被检举/被控告人员')).toBeNull());
    expect(screen.queryByText(messages.routing.discipline)).toBeNull();
    expect(useDraftStore.getState().draft.accusedPersons).toEqual(['村支书']);
    await user.click(screen.getByRole('button', { name: /保存登记/ }));
    await screen.findByRole('dialog');
    const { items } = await desk.transport.invoke('case-list', {});
    const payload = await registerPayload(items[0]!.id);
    expect(payload).toMatchObject({ class: 'claim', accusedOfficeIds: [] });
    expect(payload).not.toHaveProperty('accusedPersons');
  });

  it('a draft survives a closed window: a fresh page load restores what was typed', async () => {
    const { user, view } = await openIntake();
    await user.click(screen.getByRole('radio', { name: '来电' }));
    await user.type(screen.getByLabelText('姓名（名称）'), '王五');
    await user.type(screen.getByLabelText('请求'), '反映噪声扰民');
    await waitFor(async () =>
      expect((await desk.transport.invoke('draft-get', {}))?.form).toMatchObject({ request: '反映噪声扰民' }),
    );
    view.unmount();
    // A new module graph is a new page: the store starts empty and must load the draft from the desk.
    vi.resetModules();
    const { DeskApp } = await import('../../../../src-renderer/app/DeskApp');
    await renderDesk(desk.transport, DeskApp);
    expect(await screen.findByDisplayValue('王五')).toBeTruthy();
    expect(screen.getByDisplayValue('反映噪声扰民')).toBeTruthy();
    expect(screen.getByRole('radio', { name: '来电' })).toHaveProperty('checked', true);
  });

  // Last, as the test above: a fresh module graph stays for the tests after it.
  it('a draft kept by the version before the accused fields loads, and the fields start empty', async () => {
    const {
      accusedOfficeIds: _o,
      accusedPersons: _p,
      ...before
    } = {
      ...useDraftStore.getState().draft,
      channel: 'visit' as const,
      receivedAt: new Date().toISOString(),
      request: '旧草稿的请求',
      class: 'accusation' as const,
    };
    await desk.transport.invoke('draft-save', { form: JSON.parse(JSON.stringify(before)) as Record<string, unknown> });
    vi.resetModules();
    const { DeskApp } = await import('../../../../src-renderer/app/DeskApp');
    await renderDesk(desk.transport, DeskApp);
    expect(await screen.findByDisplayValue('旧草稿的请求')).toBeTruthy();
    expect(screen.getByLabelText('被检举/被控告单位')).toBeTruthy();
    const { useDraftStore: store } = await import('../../../../src-renderer/features/intake/draft-store');
    expect(store.getState().draft).toMatchObject({ accusedOfficeIds: [], accusedPersons: [], request: '旧草稿的请求' });
  });
});
