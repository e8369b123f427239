// @vitest-environment jsdom
import { createElement } from 'react';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { petitionerText, reasonText } from '#shared/messages/zh-CN';
import { PetitionerPage } from '../../../../src-renderer/features/petitioner';
import { useNav } from '../../../../src-renderer/app/nav-store';
import { walkIn } from '../../../fixtures';
import { installDomStubs, openTestDesk, renderPage, type TestDesk } from '../cases/support';

/** The petitioner page: contact data with the values a later registration replaced, every matter and petition. */

let t: TestDesk;
beforeAll(installDomStubs);
beforeEach(async () => {
  t = await openTestDesk();
  await t.as('qs-reception');
});
afterEach(async () => {
  cleanup();
  await t.close();
});

describe('信访人 page', () => {
  it('shows the contact data, the replaced phone number in the history, and both matters; a click opens one', async () => {
    const first = await t.transport.invoke('petition-register', { registration: walkIn(), case: { kind: 'new' } });
    const base = walkIn();
    const second = await t.transport.invoke('petition-register', {
      registration: {
        ...base,
        request: '要求修缮村道',
        petitioners: base.petitioners.map((p) => ({ ...p, phone: '13900139000' })),
      },
      case: { kind: 'new' },
    });
    const id = second.petitionerIds[0]!;
    expect(first.petitionerIds[0]).toBe(id); // the same 证件号码 is the same petitioner

    renderPage(t.transport, createElement(PetitionerPage, { id }));
    const page = await screen.findByTestId('petitioner-page', {}, { timeout: 10_000 });
    expect(within(page).getByText('13900139000')).toBeTruthy();
    const history = screen.getByTestId('contact-history');
    expect(within(history).getByText('13800138000')).toBeTruthy();
    expect(within(history).getByText('联系电话')).toBeTruthy();
    expect(within(page).getByText('信访事项（2）')).toBeTruthy();
    expect(within(page).getAllByText('要求修缮村道')).toHaveLength(2); // the matter's title and the petition's request

    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    const row = [...page.querySelectorAll<HTMLElement>('tr[data-row-key]')].find(
      (r) => r.dataset.rowKey === first.caseId,
    )!;
    await user.click(row);
    await waitFor(() => expect(useNav.getState().page).toEqual({ name: 'case', id: first.caseId }));
  });

  it(
    '第十九条 编辑 corrects the contact data with the intake’s checks and a reason; the 变更记录 shows the old value, who and why',
    { timeout: 60_000 },
    async () => {
      const { petitionerIds } = await t.transport.invoke('petition-register', {
        registration: walkIn(),
        case: { kind: 'new' },
      });
      const id = petitionerIds[0]!;
      renderPage(t.transport, createElement(PetitionerPage, { id }));
      const page = await screen.findByTestId('petitioner-page', {}, { timeout: 10_000 });
      const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
      await user.click(within(page).getByRole('button', { name: /^编\s*辑$/ }));
      const form = await screen.findByTestId('petitioner-edit');

      const phone = within(form).getByLabelText(petitionerText.phone);
      await user.clear(phone);
      await user.type(phone, '12345678901');
      expect(await within(form).findByText(reasonText['phone-mobile-format'])).toBeTruthy();
      await user.clear(phone);
      await user.type(phone, '139 0013 9000');
      await waitFor(() => expect(within(form).queryByText(reasonText['phone-mobile-format'])).toBeNull());
      await user.click(screen.getByRole('button', { name: petitionerText.save }));
      expect(await within(form).findByText(petitionerText.reasonRequired)).toBeTruthy();
      await user.type(within(form).getByLabelText(petitionerText.reason), '信访人来电告知新号码');
      await user.click(screen.getByRole('button', { name: petitionerText.save }));

      await waitFor(() => expect(screen.queryByTestId('petitioner-edit')).toBeNull());
      const history = screen.getByTestId('contact-history');
      await waitFor(() => expect(within(history).getByText('信访人来电告知新号码')).toBeTruthy());
      expect(within(history).getByText('13800138000')).toBeTruthy();
      expect(within(history).getByText('青山镇接待员')).toBeTruthy();
      expect(within(page).getByText('13900139000')).toBeTruthy();
      const stored = await t.transport.invoke('petitioner-get', { id });
      expect(stored.petitioner).toMatchObject({
        phone: '13900139000',
        history: [expect.objectContaining({ phone: '13800138000', by: 'user-qs-reception' })],
      });
    },
  );
});
