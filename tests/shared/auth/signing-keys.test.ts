import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoSigningKey, demoUsers } from '#shared/demo/county';
import { createSigningKey, rewrapSigningKey, unwrapSigningKey, type SigningKeyRecord } from '#shared/auth/signing-keys';

/** Cheap scrypt for tests; the stored record carries its cost, so unwrapping reads it from there. */
const cost = { N: 2 ** 10 };

describe('a user’s signing key wrapped under their password (design.md §5)', () => {
  it('unwraps with the password into the secret key of the stored public key', async () => {
    const record = await createSigningKey('user-a', 'pass-1', cost);
    expect(record.publicKey).toMatch(/^[0-9a-f]{64}$/);
    expect(record.wrappedKey).toMatch(/^scrypt-aes256gcm\$1024\$8\$1\$[0-9a-f]{32}\$[0-9a-f]{24}\$[0-9a-f]{96}$/);
    const secret = await unwrapSigningKey('user-a', record, 'pass-1');
    expect(secret && bytesToHex(ed25519.getPublicKey(secret))).toBe(record.publicKey);
  });

  it('does not unwrap with another password, for another user, or with another public key beside it', async () => {
    const record = await createSigningKey('user-a', 'pass-1', cost);
    const other = await createSigningKey('user-b', 'pass-1', cost);
    expect(await unwrapSigningKey('user-a', record, 'pass-2')).toBeUndefined();
    expect(await unwrapSigningKey('user-b', record, 'pass-1')).toBeUndefined();
    expect(await unwrapSigningKey('user-a', { ...record, publicKey: other.publicKey }, 'pass-1')).toBeUndefined();
  });

  it.each<[string, (r: SigningKeyRecord) => SigningKeyRecord]>([
    [
      'a flipped ciphertext byte',
      (r) => ({ ...r, wrappedKey: r.wrappedKey.replace(/.$/, (c) => (c === '0' ? '1' : '0')) }),
    ],
    ['another scheme', (r) => ({ ...r, wrappedKey: r.wrappedKey.replace('scrypt-aes256gcm', 'scrypt') })],
    [
      'an absurd scrypt cost (would hang the desk)',
      (r) => ({ ...r, wrappedKey: r.wrappedKey.replace('$1024$', `$${2 ** 30}$`) }),
    ],
    [
      'a short nonce',
      (r) => ({
        ...r,
        wrappedKey: r.wrappedKey
          .split('$')
          .map((p, i) => (i === 5 ? p.slice(2) : p))
          .join('$'),
      }),
    ],
    ['not hex', (r) => ({ ...r, wrappedKey: r.wrappedKey.replace(/\$[0-9a-f]{4}/, '$zzzz') })],
    ['empty', (r) => ({ ...r, wrappedKey: '' })],
  ])('a tampered record (%s) unwraps to nothing', async (_what, tamper) => {
    const record = await createSigningKey('user-a', 'pass-1', cost);
    expect(await unwrapSigningKey('user-a', tamper(record), 'pass-1')).toBeUndefined();
  });

  it('a password change re-wraps the same key pair: the public key stays, only the new password unwraps it', async () => {
    const record = await createSigningKey('user-a', 'old', cost);
    const secret = await unwrapSigningKey('user-a', record, 'old');
    const rewrapped = await rewrapSigningKey('user-a', record, 'old', 'new', cost);
    expect(rewrapped?.publicKey).toBe(record.publicKey);
    expect(rewrapped?.wrappedKey).not.toBe(record.wrappedKey);
    expect(await unwrapSigningKey('user-a', rewrapped!, 'new')).toEqual(secret);
    expect(await unwrapSigningKey('user-a', rewrapped!, 'old')).toBeUndefined();
    expect(await rewrapSigningKey('user-a', record, 'wrong', 'new', cost)).toBeUndefined();
  });

  it('the demo users’ keys (a fixed wrapping key, so a web desk seeds without scrypt) unwrap with the demo password', async () => {
    const [user] = await demoUsers();
    const secret = await unwrapSigningKey(
      user!.id,
      { publicKey: user!.publicKey!, wrappedKey: user!.wrappedKey! },
      DEMO_PASSWORD,
    );
    expect(secret).toEqual(demoSigningKey(user!.login));
  });
});
