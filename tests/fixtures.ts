import type { RegistrationInput } from '#shared/domain/registration';

/**
 * Registration fixtures shared by the tests, the handler contract and the child processes they start. No vitest
 * here: a child process (tests/integration/kill-child.ts) imports it outside the test runner.
 */

/** A valid 身份证 number (GB 11643) for the fixture's petitioner. */
export const demoIdNumber = '11010519491231002X';

/** A valid walk-in (走访) registration at 青山镇, received a minute ago; `extra` overrides any field. */
export function walkIn(extra: Partial<RegistrationInput> = {}): RegistrationInput {
  return {
    channel: 'visit',
    receivedAt: new Date(Date.now() - 60_000).toISOString(),
    petitioners: [
      {
        kind: 'person',
        name: '张三',
        idType: 'resident-id',
        idNumber: demoIdNumber,
        phone: '13800138000',
        address: '青山镇东街1号',
      },
    ],
    headcount: 1,
    request: '要求补发2024年土地征收补偿款',
    facts: '2024年村里征地后，补偿款至今未足额发放',
    reasons: '与公布的补偿方案不符',
    flags: [],
    accusedOfficeIds: [],
    ...extra,
  };
}
