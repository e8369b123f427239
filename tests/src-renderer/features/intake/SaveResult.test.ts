// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { beijingDay } from '#shared/domain/calendar';
import { classText, documentText, messages, missingText, optionText, reasonText } from '#shared/messages/zh-CN';
import { useNav } from '../../../../src-renderer/app/nav-store';
import { useDraftStore } from '../../../../src-renderer/features/intake/draft-store';
import { installDomShims, openTestDesk, renderDesk, type TestDesk } from '../../support';

/**
 * The intake's saved dialog against a real desk core: the missing items recorded from there (补充, the
 * petitioner's edit form), and the notice given on the spot, recorded before it prints (第二十三条). Only
 * `window.print` is stubbed: jsdom has no printer.
 */

const t = messages.saved;
let desk: TestDesk;
let print: ReturnType<typeof vi.fn<() => void>>;
beforeAll(installDomShims);
beforeEach(() => {
  useDraftStore.getState().reset();
  localStorage.clear();
  useNav.getState().go({ name: 'intake' });
  print = vi.fn<() => void>();
  window.print = print;
});
afterEach(async () => {
  cleanup();
  await desk.close();
});

/** Logs `login` in, registers a walk-in with a name and a request only, and returns the saved dialog. */
async function registerVisit(login: string) {
  desk = await openTestDesk(login);
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  await renderDesk(desk.transport);
  await screen.findByLabelText('证件号码');
  await user.click(screen.getByRole('radio', { name: '来访' }));
  await user.type(screen.getByLabelText('姓名（名称）'), '张三');
  await user.type(screen.getByLabelText('请求'), '要求修复村道');
  await user.click(screen.getByRole('button', { name: /保存登记/ }));
  const dialog = await screen.findByRole('dialog');
  await within(dialog).findByTestId('intake-on-site');
  const caseId = (await desk.transport.invoke('case-list', {})).items[0]!.id;
  return { user, dialog, caseId };
}

/** The dialog's buttons, whose two-character labels antd spaces out ('补 充'). */
const button = (scope: HTMLElement, label: string) =>
  within(scope).findByRole('button', { name: new RegExp(`^${[...label].join('\\s*')}$`) });

describe('登记 saved dialog', { timeout: 90_000 }, () => {
  it('第十九条 the missing facts are 补充 from the dialog (the petition’s record kept); the missing address opens the 信访人 edit form', async () => {
    const { user, dialog, caseId } = await registerVisit('qs-reception');
    const missing = within(dialog).getByTestId('intake-saved-missing');
    expect(missing.textContent).toContain(missingText.facts);
    await user.click(await button(missing, t.supplement));
    await user.type(within(missing).getByLabelText(missingText.facts), '村道去年冬天塌陷，至今未修');
    await user.click(await button(missing, t.supplementSave));
    expect(await within(missing).findByText(t.supplemented)).toBeTruthy();

    const detail = await desk.transport.invoke('case-get', { id: caseId });
    const petitionId = detail.petitions[0]!.id;
    // Shown with the 补充 marked; the petition as registered stays as it was (its record is the 登记).
    expect(detail.petitions[0]).toMatchObject({
      facts: '村道去年冬天塌陷，至今未修',
      amended: { facts: 'supplement' },
    });
    expect(detail.case.amendments).toEqual([
      expect.objectContaining({ field: 'facts', value: '村道去年冬天塌陷，至今未修', petitionId }),
    ]);
    expect(detail.events.at(-1)).toMatchObject({
      type: 'supplement',
      actor: { userId: 'user-qs-reception' },
      article: '第十九条',
    });

    await user.click(within(missing).getAllByRole('button', { name: t.editPetitioner('张三') })[0]!);
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /已登记/ })).toBeNull());
    expect(useNav.getState().page).toEqual({ name: 'petitioner', id: detail.petitioners[0]!.id, edit: true });
    expect(await screen.findByTestId('petitioner-edit')).toBeTruthy();
  });

  it('第二十三条 当场告知: printing the 受理告知书 first records 受理 (class and procedure asked for); the notice clock is met that day and the 60-day clock runs', async () => {
    const { user, dialog, caseId } = await registerVisit('qs-handler');
    const onSite = within(dialog).getByTestId('intake-on-site');
    await user.click(within(onSite).getByRole('button', { name: t.printAccept }));
    expect((await within(onSite).findByRole('alert')).textContent).toBe(t.classRequired);
    await user.click(within(onSite).getByRole('combobox', { name: t.class }));
    await user.click(await screen.findByTitle(classText.claim));
    await user.click(within(onSite).getByRole('button', { name: t.printAccept }));
    expect((await within(onSite).findByRole('alert')).textContent).toBe(t.procedureRequired);
    expect(print).not.toHaveBeenCalled();
    await user.click(within(onSite).getByRole('radio', { name: optionText.procedure.opinion }));
    await user.click(within(onSite).getByRole('button', { name: t.printAccept }));

    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(document.querySelector('article.desk-notice')?.getAttribute('aria-label')).toBe(documentText.title.accept);
    const { case: c, events } = await desk.transport.invoke('case-get', { id: caseId });
    const today = beijingDay(new Date().toISOString());
    expect(c).toMatchObject({ status: 'accepted', class: 'claim', procedure: 'opinion' });
    expect(events.at(-1)).toMatchObject({ type: 'accept', payload: { noticeMethod: 'on-site' } });
    expect(c.clocks.find((k) => k.kind === 'notice')).toMatchObject({ stoppedDay: today });
    expect(c.clocks.find((k) => k.kind === 'handling')).toMatchObject({ startDay: today });
    expect(c.clocks.find((k) => k.kind === 'handling')?.stoppedDay).toBeUndefined();
    expect(within(onSite).queryByRole('button', { name: t.printAccept })).toBeNull(); // recorded once; printed again without a second 受理
    await user.click(within(onSite).getByRole('button', { name: t.reprint }));
    await waitFor(() => expect(print).toHaveBeenCalledTimes(2));
    expect(
      (await desk.transport.invoke('case-get', { id: caseId })).events.filter((e) => e.type === 'accept'),
    ).toHaveLength(1);
  });

  it('第二十三条第一款 a 接待员 is offered 告知 only: the organ is asked for, 告知 is recorded on the spot, then the 告知书 prints', async () => {
    const { user, dialog, caseId } = await registerVisit('qs-reception');
    const onSite = within(dialog).getByTestId('intake-on-site');
    expect(within(onSite).queryByRole('button', { name: t.printAccept })).toBeNull();
    expect(within(onSite).getByText(t.acceptByHandler)).toBeTruthy();
    await user.click(within(onSite).getByRole('button', { name: t.printRedirect }));
    expect((await within(onSite).findByRole('alert')).textContent).toBe(t.organRequired);
    await user.type(within(onSite).getByLabelText(t.organ), '县人力资源和社会保障局');
    await user.click(within(onSite).getByRole('button', { name: t.printRedirect }));

    await waitFor(() => expect(print).toHaveBeenCalledTimes(1));
    expect(document.querySelector('article.desk-notice')?.textContent).toContain('县人力资源和社会保障局');
    const { case: c, events } = await desk.transport.invoke('case-get', { id: caseId });
    expect(c.status).toBe('redirected');
    expect(events.at(-1)).toMatchObject({
      type: 'redirect',
      payload: { noticeMethod: 'on-site', organ: '县人力资源和社会保障局' },
      actor: { role: 'receptionist' },
    });
    expect(c.clocks.find((k) => k.kind === 'notice')?.stoppedDay).toBe(beijingDay(new Date().toISOString()));
  });

  it('第二十八条 a 受理 the core refuses (the handler has recused) shows the Chinese reason and prints nothing', async () => {
    const { user, dialog, caseId } = await registerVisit('qs-handler');
    await desk.transport.invoke('case-act', {
      caseId,
      type: 'recuse',
      payload: { userId: 'user-qs-handler', reason: '与信访人系亲属' },
    });
    const onSite = within(dialog).getByTestId('intake-on-site');
    await user.click(within(onSite).getByRole('combobox', { name: t.class }));
    await user.click(await screen.findByTitle(classText.suggestion));
    await user.click(within(onSite).getByRole('button', { name: t.printAccept }));
    expect((await within(onSite).findByRole('alert')).textContent).toBe(reasonText['user-recused']);
    expect(print).not.toHaveBeenCalled();
    expect(document.querySelector('article.desk-notice')).toBeNull();
    expect((await desk.transport.invoke('case-get', { id: caseId })).case.status).toBe('registered');
  });
});
