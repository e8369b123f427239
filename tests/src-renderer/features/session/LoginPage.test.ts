// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { apiErrorText } from '#shared/messages/zh-CN';
import { installDomShims, openTestDesk, renderDesk, type TestDesk } from '../../support';

/** Login against the desk core itself (so it works offline), with the core's reasons in Chinese. */
let desk: TestDesk;
beforeAll(installDomShims);
beforeEach(async () => {
  localStorage.clear();
  desk = await openTestDesk();
});
afterEach(async () => {
  cleanup();
  await desk.close();
});

async function attempt(user: ReturnType<typeof userEvent.setup>, login: string, password: string) {
  await user.clear(screen.getByLabelText('用户名'));
  await user.type(screen.getByLabelText('用户名'), login);
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: /登\s*录/ }));
}

// antd in jsdom is slow (a full re-render per typed key): room for a loaded CI machine.
describe('login', { timeout: 90_000 }, () => {
  it('a wrong password is told in Chinese and keeps the login name; five in a row lock the desk for a minute', async () => {
    const user = userEvent.setup({ delay: null });
    await renderDesk(desk.transport);
    await screen.findByLabelText('用户名');
    await attempt(user, 'qs-reception', 'wrong');
    expect((await screen.findByRole('alert')).textContent).toBe(apiErrorText['login-failed']);
    expect(screen.getByDisplayValue('qs-reception')).toBeTruthy();
    for (let i = 0; i < 4; i++) {
      await attempt(user, 'qs-reception', 'wrong');
      // A failure clears the password: the answer has come, so the next attempt is not swallowed by a busy button.
      await waitFor(() => expect(screen.getByLabelText('密码')).toHaveProperty('value', ''));
    }
    await attempt(user, 'qs-reception', DEMO_PASSWORD);
    // The previous failure's alert is still there until the answer comes: wait for the new text.
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe(apiErrorText['login-locked']));
  });

  it('the right password opens the desk with the user, the office and the role in the top bar', async () => {
    const user = userEvent.setup({ delay: null });
    await renderDesk(desk.transport);
    await screen.findByLabelText('用户名');
    await attempt(user, 'qs-reception', DEMO_PASSWORD);
    const who = await screen.findByTestId('desk-user');
    expect(who.textContent).toBe('青山镇接待员（接待员）· 青山镇人民政府');
    await user.click(screen.getByRole('button', { name: /退出登录/ }));
    expect(await screen.findByLabelText('用户名')).toBeTruthy();
  });
});
