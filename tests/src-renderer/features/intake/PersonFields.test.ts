// @vitest-environment jsdom
import { screen, waitFor } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { messages, reasonText } from '#shared/messages/zh-CN';
import { intakeDeskPerTest, openIntake } from './intake-support';

/** The 证件类型 picker and the number's check as typed, against a real desk core. */

const { desk } = intakeDeskPerTest();

/** Opens the 证件类型 picker and returns the option labels it shows, picking `label` if given. */
async function pickIdType(user: UserEvent, label?: string): Promise<string[]> {
  await user.click(screen.getByLabelText('证件类型'));
  const options = await waitFor(() => {
    const found = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')];
    if (found.length === 0) throw new Error('picker not open');
    return found;
  });
  if (label) {
    const option = options.find((o) => o.textContent === label);
    if (!option) throw new Error(`no option ${label}`);
    await user.click(option);
  }
  return options.map((o) => o.textContent ?? '');
}

describe('登记: 证件类型', { timeout: 90_000 }, () => {
  it('居民身份证法 / GB 11643: the picker offers 港澳台居民居住证, 港澳居民来往内地通行证 and 台湾居民来往大陆通行证; not the unsplit 港澳台通行证', async () => {
    const { user } = await openIntake(desk());
    const labels = await pickIdType(user);
    const t = messages.intake.idTypes;
    expect(labels).toEqual(
      expect.arrayContaining([
        t['resident-id'],
        t['hmt-residence-permit'],
        t['hk-macao-travel-permit'],
        t['taiwan-travel-permit'],
        t['residence-permit'],
        t.passport,
      ]),
    );
    expect(labels).not.toContain(t['hk-macao-taiwan-pass']);
  });

  it('GB 11643: each 证件 is checked as typed by its own rule, and the number is stored as checked', async () => {
    const { user } = await openIntake(desk());
    await user.click(screen.getByRole('radio', { name: '来访' }));
    await user.type(screen.getByLabelText('姓名（名称）'), '陈大文');
    const number = screen.getByLabelText('证件号码');

    await pickIdType(user, '港澳居民来往内地通行证');
    await user.type(number, 'h1234567');
    expect(await screen.findByText(reasonText['hk-macao-permit-format'])).toBeTruthy();
    await user.type(number, '8');
    await waitFor(() => expect(screen.queryByText(reasonText['hk-macao-permit-format'])).toBeNull());

    // 港澳台居民居住证: 18 characters by GB 11643 under 810000 / 820000 / 830000; the birth date and sex decoded.
    await pickIdType(user, '港澳台居民居住证');
    await user.clear(number);
    await user.type(number, '11010519491231002X');
    expect(await screen.findByText(reasonText['hmt-permit-prefix'])).toBeTruthy();
    await user.clear(number);
    await user.type(number, '810000194912310028');
    expect(await screen.findByText('出生日期 1949-12-31，女')).toBeTruthy();

    await pickIdType(user, '台湾居民来往大陆通行证');
    await user.clear(number);
    await user.type(number, '1234567');
    expect(await screen.findByText(reasonText['taiwan-permit-format'])).toBeTruthy();
    await user.type(number, '8（b）');
    await waitFor(() => expect(screen.queryByText(reasonText['taiwan-permit-format'])).toBeNull());

    await user.click(screen.getByRole('button', { name: /保存登记/ }));
    const dialog = await screen.findByRole('dialog');
    await waitFor(() => expect(dialog.textContent).toMatch(/已登记，编号 999901101-/));
    const [saved] = await desk().transport.invoke('petitioner-search', { query: '陈大文' });
    expect(saved).toMatchObject({ idType: 'taiwan-travel-permit', idNumber: '12345678(B)' });
  });
});
