// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { useDraftStore } from '../../../../src-renderer/features/intake/draft-store';
import { mountDesk } from '../../../../src-renderer/app/mount';
import { installDomShims, openTestDesk, renderDesk, type TestDesk } from '../../support';

/**
 * The intake draft as the screen keeps it (个人信息保护法, 第三十条第三款): what is typed goes to the
 * desk core under the signed-in user, never to the browser's storage; signing in brings the user's own draft back,
 * never another user's; logging out empties the form and deletes the draft.
 */

const NAME = '钱检举';
const REQUEST = '检举某站所长收受红包';

let desk: TestDesk;
beforeAll(installDomShims);
beforeEach(async () => {
  useDraftStore.getState().reset();
  localStorage.clear();
  sessionStorage.clear();
  desk = await openTestDesk('qs-reception');
});
afterEach(async () => {
  cleanup();
  await desk.close();
});

const browserStorage = () => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage });
const keptForm = async () => (await desk.transport.invoke('draft-get', {}))?.form;

async function openIntake() {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = await renderDesk(desk.transport);
  await screen.findByLabelText('证件号码');
  return { user, view };
}

describe('the intake draft is kept in the desk core, per user', { timeout: 90_000 }, () => {
  it('what is typed reaches the desk core and nothing of it the browser storage', async () => {
    const { user } = await openIntake();
    await user.type(screen.getByLabelText('姓名（名称）'), NAME);
    await user.type(screen.getByLabelText('请求'), REQUEST);
    await waitFor(async () => expect(await keptForm()).toMatchObject({ request: REQUEST }));
    expect(browserStorage()).not.toContain(NAME);
    expect(browserStorage()).not.toContain(REQUEST);
  });

  it('a fresh page signed in as the same user restores the draft from the desk', async () => {
    const form = {
      channel: 'call',
      receivedAt: new Date().toISOString(),
      request: REQUEST,
      petitioners: [{ key: 'p1', name: NAME, idType: 'resident-id', idNumber: '', phone: '', address: '' }],
    };
    await desk.transport.invoke('draft-save', { form });
    await openIntake();
    expect(await screen.findByDisplayValue(NAME)).toBeTruthy();
    expect(screen.getByDisplayValue(REQUEST)).toBeTruthy();
    expect(screen.getByRole('radio', { name: '来电' })).toHaveProperty('checked', true);
  });

  it("another user signing in at the desk never sees the receptionist's draft", async () => {
    await desk.transport.invoke('draft-save', { form: { receivedAt: new Date().toISOString(), request: REQUEST } });
    // The receptionist's window was closed without a logout; the handler signs in at the same desk.
    await desk.desk.api['session-login']({ login: 'qs-handler', password: DEMO_PASSWORD });
    await openIntake();
    await waitFor(() => expect(useDraftStore.getState().draft.request).toBe(''));
    expect(screen.queryByDisplayValue(REQUEST)).toBeNull();
  });

  it('退出登录 empties the form and deletes the draft: the next user at the desk and the same user get an empty form', async () => {
    const { user } = await openIntake();
    await user.type(screen.getByLabelText('请求'), REQUEST);
    await waitFor(async () => expect(await keptForm()).toMatchObject({ request: REQUEST }));
    await user.click(screen.getByRole('button', { name: /退出登录/ }));
    await screen.findByLabelText('用户名');
    expect(useDraftStore.getState().draft.request).toBe('');

    for (const login of ['qs-handler', 'qs-reception']) {
      await user.type(screen.getByLabelText('用户名'), login);
      await user.type(screen.getByLabelText('密码'), DEMO_PASSWORD);
      await user.click(screen.getByRole('button', { name: /登\s*录/ }));
      await screen.findByLabelText('证件号码');
      expect(await desk.transport.invoke('draft-get', {})).toBeNull();
      expect(screen.queryByDisplayValue(REQUEST)).toBeNull();
      await user.click(screen.getByRole('button', { name: /退出登录/ }));
      await screen.findByLabelText('用户名');
    }
  });

  it('a draft an older version left in localStorage in plain text is removed at start-up and shown to nobody', async () => {
    localStorage.setItem(
      'xinfang-desk.intake-draft',
      JSON.stringify({ state: { draft: { request: REQUEST } }, version: 2 }),
    );
    const root = document.body.appendChild(document.createElement('div'));
    mountDesk(root, desk.transport);
    await screen.findByLabelText('证件号码');
    expect(localStorage.getItem('xinfang-desk.intake-draft')).toBeNull();
    expect(screen.queryByDisplayValue(REQUEST)).toBeNull();
  });
});
