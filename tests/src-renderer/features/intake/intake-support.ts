import { cleanup, screen } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { useDraftStore } from '../../../../src-renderer/features/intake/draft-store';
import { installDomShims, openTestDesk, renderDesk, type TestDesk } from '../../support';

/**
 * The intake page on a fresh demo desk signed in as 青山镇's receptionist, for each test of a file: the draft
 * starts empty, as a fresh page would. `desk()` is the current test's desk.
 */
export function intakeDeskPerTest(): { desk: () => TestDesk } {
  let current: TestDesk | undefined;
  beforeAll(installDomShims);
  beforeEach(async () => {
    useDraftStore.getState().reset();
    localStorage.clear();
    current = await openTestDesk('qs-reception');
  });
  afterEach(async () => {
    cleanup();
    await current?.close();
  });
  return {
    desk: () => {
      if (!current) throw new Error('no desk: call inside a test');
      return current;
    },
  };
}

/** Renders the app on the desk and waits for the intake form; antd hides radio inputs under labels, hence the check level. */
export async function openIntake(desk: TestDesk) {
  const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
  const view = await renderDesk(desk.transport);
  await screen.findByLabelText('证件号码');
  return { user, view };
}
