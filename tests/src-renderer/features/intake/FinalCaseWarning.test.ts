// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ActType } from '#shared/domain/act-payloads';
import { messages } from '#shared/messages/zh-CN';
import { useNav } from '../../../../src-renderer/app/nav-store';
import { useDraftStore } from '../../../../src-renderer/features/intake/draft-store';
import { demoIdNumber, walkIn } from '../../../fixtures';
import { installDomShims, openTestDesk, renderDesk, type TestDesk } from '../../support';

/**
 * 第三十六条第三款 at the intake: a petitioner whose earlier matter was closed by a final 复核 is told apart, with
 * that matter one click away, while registering stays allowed (第十九条). The story to the 复核 is recorded act by
 * act through the same core, each by the office whose act it is.
 */

const t = messages.similar;
let desk: TestDesk;
beforeAll(installDomShims);
beforeEach(async () => {
  useDraftStore.getState().reset();
  localStorage.clear();
  useNav.getState().go({ name: 'intake' });
  desk = await openTestDesk('qs-reception');
});
afterEach(async () => {
  cleanup();
  await desk.close();
});

/** 张三's claim, answered, reviewed by the county and re-reviewed with the 复核 upheld: final. */
async function reReviewedCase(): Promise<{ caseId: string; caseNumber: string }> {
  const { caseId, caseNumber } = await desk.transport.invoke('petition-register', {
    registration: walkIn({ title: '土地征收补偿款未足额发放' }),
    case: { kind: 'new' },
  });
  const act = (type: Exclude<ActType, 'register'>, payload: Record<string, unknown>) =>
    desk.transport.invoke('case-act', { caseId, type, payload });
  await desk.as('qs-handler');
  await act('accept', { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' });
  await act('decide', { outcome: 'not-support', basis: '不符合补偿条件', reviewOrgan: '示范县信访局' });
  await act('serve', { method: 'in-person' });
  await act('review-request', { organ: '示范县信访局', toOfficeId: 'office-county' });
  await desk.as('county-handler');
  await act('review-decision', { result: 'uphold', content: '维持原处理意见' });
  await act('serve', { method: 'in-person' });
  await act('re-review-request', { organ: '市信访局' });
  await desk.as('jw-handler'); // the demo county has no organ above the county bureau: another office takes the 复核
  const { detail } = await act('re-review-decision', { result: 'uphold', content: '维持复查意见' });
  expect(detail.case).toMatchObject({ status: 're-reviewed', finalAfterReReview: true });
  await desk.as('qs-reception');
  return { caseId, caseNumber };
}

describe('不再受理 at the intake (第三十六条第三款)', { timeout: 90_000 }, () => {
  it('第三十六条第三款 typing the 身份证 of a petitioner whose matter was re-reviewed names that matter, says 不再受理, and opens it in one click', async () => {
    const { caseId, caseNumber } = await reReviewedCase();
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    await renderDesk(desk.transport);
    await user.click(await screen.findByRole('radio', { name: '来访' }));
    await user.type(screen.getByLabelText('证件号码'), demoIdNumber);

    const warning = await screen.findByTestId('intake-final-warning', {}, { timeout: 10_000 });
    expect(warning.textContent).toContain(t.finalWarning(caseNumber, '土地征收补偿款未足额发放'));
    expect(warning.textContent).toContain(t.finalStillRegister);
    expect(screen.getByRole('button', { name: /保存登记/ })).toHaveProperty('disabled', false); // 第十九条: still registered
    await user.click(within(warning).getByRole('button', { name: t.openCase }));
    await waitFor(() => expect(useNav.getState().page).toEqual({ name: 'case', id: caseId }));
  });

  it('第三十六条第三款 no warning for the same petitioner while the earlier matter is still being handled', async () => {
    const { caseId } = await desk.transport.invoke('petition-register', {
      registration: walkIn(),
      case: { kind: 'new' },
    });
    await desk.as('qs-handler');
    await desk.transport.invoke('case-act', {
      caseId,
      type: 'accept',
      payload: { noticeMethod: 'on-site', class: 'claim', procedure: 'opinion' },
    });
    await desk.as('qs-reception');
    const user = userEvent.setup({ delay: null, pointerEventsCheck: PointerEventsCheckLevel.Never });
    await renderDesk(desk.transport);
    await user.click(await screen.findByRole('radio', { name: '来访' }));
    await user.type(screen.getByLabelText('证件号码'), demoIdNumber);
    await screen.findByText(messages.similar.match['id-number'], {}, { timeout: 10_000 });
    expect(screen.queryByTestId('intake-final-warning')).toBeNull();
  });
});
