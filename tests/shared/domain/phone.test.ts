import { describe, it, expect } from 'vitest';
import { checkMobile, checkPhone } from '#shared/domain/phone';
import type { PhoneReason } from '#shared/domain/phone';

describe('domain-rules 登记 4 / 第十九条: mobile numbers ^1[3-9]\\d{9}$', () => {
  it.each([
    ['bare 11 digits', '13812345678', '13812345678'],
    ['19x prefix', '19912345678', '19912345678'],
    ['spaces', '138 1234 5678', '13812345678'],
    ['dashes', '138-1234-5678', '13812345678'],
    ['en dash', '138–1234–5678', '13812345678'],
    ['+86 with spaces', '+86 138 1234 5678', '13812345678'],
    ['+86 with dash', '+86-13812345678', '13812345678'],
    ['(+86)', '(+86)13812345678', '13812345678'],
    ['0086', '0086 13812345678', '13812345678'],
    ['86 without +', '8613812345678', '13812345678'],
    ['full-width digits', '１３８１２３４５６７８', '13812345678'],
    ['full-width ＋86', '＋８６　１３８１２３４５６７８', '13812345678'],
    ['surrounding whitespace', '  15012345678\n', '15012345678'],
  ])('第十九条: %s → valid', (_rule, raw, normalized) => {
    expect(checkMobile(raw)).toEqual({ ok: true, normalized });
  });

  it.each<[string, string, PhoneReason]>([
    ['empty', '', 'phone-empty'],
    ['whitespace only', ' \u3000 ', 'phone-empty'],
    ['second digit 2', '12812345678', 'phone-mobile-format'],
    ['second digit 0', '10012345678', 'phone-mobile-format'],
    ['10 digits', '1381234567', 'phone-mobile-format'],
    ['12 digits', '138123456789', 'phone-mobile-format'],
    ['not starting with 1', '23812345678', 'phone-mobile-format'],
    ['letter l for 1', '138l2345678', 'phone-mobile-format'],
    ['landline', '010-12345678', 'phone-mobile-format'],
    ['other country code', '+85213812345678', 'phone-mobile-format'],
    ['86 prefix on 10 digits', '861381234567', 'phone-mobile-format'],
  ])('domain-rules 登记 4: %s → %s', (_rule, raw, reason) => {
    expect(checkMobile(raw)).toEqual({ ok: false, reason });
  });
});

describe('domain-rules 登记 4 / 第十九条: any phone (landlines free-form)', () => {
  it.each([
    ['mobile', '138 1234 5678', '13812345678', 'mobile'],
    ['mobile with +86', '+86 138-1234-5678', '13812345678', 'mobile'],
    ['landline with area code', '010-12345678', '010-12345678', 'landline'],
    ['landline with spaces', '0755 8888 8888', '0755 8888 8888', 'landline'],
    ['bracketed area code and 转 extension', '(0571)87654321转123', '(0571)87654321转123', 'landline'],
    ['full-width brackets', '（0571）87654321', '(0571)87654321', 'landline'],
    ['ext extension', '0571-87654321 ext. 12', '0571-87654321 ext. 12', 'landline'],
    ['EXT upper-case', '0571-87654321 EXT 12', '0571-87654321 EXT 12', 'landline'],
    ['+86 landline', '+86 10 6512 3456', '+86 10 6512 3456', 'landline'],
    ['7-digit local number', '6512345', '6512345', 'landline'],
    ['full-width 8-digit local number', '８７６５４３２１', '87654321', 'landline'],
    ['whitespace runs collapsed', '010\u3000\u300012345678', '010 12345678', 'landline'],
    ['20 digits', '0571-87654321转12345678', '0571-87654321转12345678', 'landline'],
  ])('第十九条: %s → %s (%s)', (_rule, raw, normalized, kind) => {
    expect(checkPhone(raw)).toEqual({ ok: true, normalized, kind });
  });

  it.each<[string, string, PhoneReason]>([
    ['empty', '', 'phone-empty'],
    ['whitespace only', '   ', 'phone-empty'],
    ['looks like a mobile but second digit 2', '128 1234 5678', 'phone-mobile-format'],
    ['+86 and a bad mobile', '+86 12012345678', 'phone-mobile-format'],
    ['6 digits', '651234', 'phone-format'],
    ['21 digits', '0571-87654321转123456789', 'phone-format'],
    ['letters', '0755-8888abcd', 'phone-format'],
    ['e-mail address', 'li@example.com', 'phone-format'],
    ['Chinese words other than 转', '找王主任', 'phone-format'],
  ])('domain-rules 登记 4: %s → %s', (_rule, raw, reason) => {
    expect(checkPhone(raw)).toEqual({ ok: false, reason });
  });
});
