import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_VERIFIER, demoLogins, demoUsers } from '#shared/demo/county';
import { verifyPassword } from '#shared/auth/passwords';

describe('the demo county', () => {
  it('has a user for every demo login, all verified by the one public demo password, hashed once', async () => {
    const users = await demoUsers({ N: 2 ** 10 });
    expect(users.map((u) => u.login)).toEqual(demoLogins.map((l) => l.login));
    // One verifier for all: the password is public, and each hash is most of a fresh web desk's start-up.
    expect(new Set(users.map((u) => u.verifier)).size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, users[0]!.verifier)).toBe(true);
    expect(await verifyPassword('wrong-password', users[0]!.verifier)).toBe(false);
  });

  it('seeds, at the default cost, the verifier made once for the public demo password: no hash at a fresh desk', async () => {
    const users = await demoUsers();
    expect(users.every((u) => u.verifier === DEMO_VERIFIER)).toBe(true);
    expect(DEMO_VERIFIER.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 14), '8', '1']); // passwords.ts defaults
    expect(await verifyPassword(DEMO_PASSWORD, DEMO_VERIFIER)).toBe(true);
    expect(await verifyPassword('demo12345', DEMO_VERIFIER)).toBe(false);
  });
});
