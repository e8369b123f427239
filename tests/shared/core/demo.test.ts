import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoLogins, demoUsers } from '#shared/core/demo';
import { verifyPassword } from '#shared/core/passwords';

describe('the demo county', () => {
  it('has a user for every demo login, all verified by the one public demo password, hashed once', async () => {
    const users = await demoUsers({ N: 2 ** 10 });
    expect(users.map((u) => u.login)).toEqual(demoLogins.map((l) => l.login));
    // One verifier for all: the password is public, and each hash is most of a fresh web desk's start-up.
    expect(new Set(users.map((u) => u.verifier)).size).toBe(1);
    expect(await verifyPassword(DEMO_PASSWORD, users[0]!.verifier)).toBe(true);
    expect(await verifyPassword('wrong-password', users[0]!.verifier)).toBe(false);
  });
});
