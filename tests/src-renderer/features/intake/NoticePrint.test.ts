// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { intakeDeskPerTest, openIntake } from './intake-support';

/** The notices printed on the spot from the saved confirmation, against a real desk core (the printer is the edge). */

const { desk } = intakeDeskPerTest();
const printed = vi.fn();
beforeEach(() => {
  printed.mockClear();
  window.print = printed; // jsdom has no printer
});

async function printedNotice(): Promise<string> {
  await vi.waitFor(() => expect(printed).toHaveBeenCalledOnce());
  printed.mockClear();
  return document.querySelector('.desk-notice')?.textContent ?? '';
}

describe('登记: notices printed on the spot', { timeout: 90_000 }, () => {
  it('第二十三条第一款 the 告知书 names the organ to turn to, not this office as 办理机关 (the 受理告知书 and its 第三十四条: act-documents.test.ts)', async () => {
    const { user } = await openIntake(desk());
    await user.click(screen.getByRole('radio', { name: '来访' }));
    await user.type(screen.getByLabelText('姓名（名称）'), '张三');
    await user.type(screen.getByLabelText('请求'), '要求补缴养老保险');
    await user.click(screen.getByRole('button', { name: /保存登记/ }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByTestId('intake-saved');

    await user.type(within(dialog).getByLabelText('应向哪个机关提出'), '县人力资源和社会保障局');
    await user.click(within(dialog).getByRole('button', { name: '打印告知书' }));
    const redirect = await printedNotice();
    expect(redirect).toContain('信访事项告知书');
    expect(redirect).toContain('请你（你们）向县人力资源和社会保障局提出');
    expect(redirect).toContain('有权处理的机关：县人力资源和社会保障局');
    expect(redirect).not.toContain('办理机关：');
    expect(redirect).toContain('青山镇人民政府（盖章）');
  });
});
