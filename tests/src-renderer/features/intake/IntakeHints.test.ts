// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { messages, missingText } from '#shared/messages/zh-CN';
import { intakeDeskPerTest, openIntake } from './intake-support';

/** The hints under the intake form against a real desk core: routing (domain-rules 登记 6) and the missing items. */

const { desk } = intakeDeskPerTest();

describe('登记: routing hints and missing items', { timeout: 90_000 }, () => {
  it('第二十条第二款、第二十二条第二款、第三十一条 a 涉法涉诉 visit is met with 释法明理 and guided to 诉讼、仲裁、行政复议, not 转政法部门', async () => {
    const { user } = await openIntake(desk());
    await user.click(screen.getByRole('radio', { name: '来访' }));
    await user.click(screen.getByRole('checkbox', { name: '涉法涉诉' }));
    const hint = await screen.findByText(messages.routing.litigation);
    expect(hint.textContent).toMatch(/释法明理，引导信访人.*诉讼、仲裁、行政复议等法定途径/);
    expect(hint.textContent).toContain('第二十条第二款');
    expect(hint.textContent).toContain('第三十一条第一项至第四项');
    expect(document.body.textContent).not.toContain('转政法部门处理');
    // In writing the routes are told; only a 信访部门 sends the letter on to the 政法部门 (第二十二条第二款).
    await user.click(screen.getByRole('radio', { name: '来信' }));
    expect(await screen.findByText(messages.routing['litigation-letter'])).toBeTruthy();
    expect(screen.queryByText(messages.routing.litigation)).toBeNull();
  });

  it('第二十条第三款 a group visit whose representatives are not named yet lists 代表 as missing and is saved without 匿名', async () => {
    const { user } = await openIntake(desk());
    await user.click(screen.getByRole('radio', { name: '来访' }));
    await user.click(screen.getByRole('switch'));
    const headcount = screen.getByLabelText('总人数');
    await user.type(headcount, '6', { initialSelectionStart: 0, initialSelectionEnd: 10 }); // typed over the 2 shown
    await user.type(screen.getByLabelText('请求'), '要求修复村道');
    await waitFor(() =>
      expect(screen.getByTestId('intake-missing').textContent).toContain(missingText.representatives),
    );

    await user.click(screen.getByRole('button', { name: /保存登记/ }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog.textContent).toMatch(/已登记，编号 999901101-/));
    expect(within(dialog).getByTestId('intake-saved').textContent).toContain(missingText.representatives);
    const { items } = await desk().transport.invoke('case-list', {});
    expect(items).toHaveLength(1);
    const { case: registered, petitions } = await desk().transport.invoke('case-get', { id: items[0]!.id });
    expect(petitions[0]?.headcount).toBe(6);
    expect(registered.flags).toContain('group');
    expect(registered.flags).not.toContain('anonymous');
  });
});
