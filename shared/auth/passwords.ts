import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Password verifiers for offline login at the desk (design.md §5: never a plain password). scrypt from
 * @noble/hashes (audited, pure JS) runs unchanged in the Electron main process and in the web worker, so one
 * verifier format serves both: `scrypt$N$r$p$<salt hex>$<hash hex>`.
 */
const defaults = { N: 2 ** 14, r: 8, p: 1, dkLen: 32 };

export async function createVerifier(password: string, cost: Partial<typeof defaults> = {}): Promise<string> {
  const { N, r, p, dkLen } = { ...defaults, ...cost };
  const salt = randomBytes(16);
  const hash = await scryptAsync(utf8ToBytes(password.normalize('NFC')), salt, { N, r, p, dkLen });
  return ['scrypt', N, r, p, bytesToHex(salt), bytesToHex(hash)].join('$');
}

/** False for absurd scrypt costs read from a tampered record: refused rather than hang the desk. */
export function saneScryptCost(N: number, r: number, p: number): boolean {
  return Number.isInteger(Math.log2(N)) && N <= 2 ** 20 && r >= 1 && r <= 32 && p >= 1 && p <= 16;
}

/** True when `password` matches the verifier; a malformed verifier never matches. */
export async function verifyPassword(password: string, verifier: string): Promise<boolean> {
  const [scheme, n, r, p, saltHex, hashHex] = verifier.split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex || !/^[0-9a-f]+$/.test(saltHex + hashHex)) return false;
  const [N, R, P] = [Number(n), Number(r), Number(p)];
  if (!saneScryptCost(N, R, P)) return false;
  const expected = hexToBytes(hashHex);
  const actual = await scryptAsync(utf8ToBytes(password.normalize('NFC')), hexToBytes(saltHex), {
    N,
    r: R,
    p: P,
    dkLen: expected.length,
  });
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (actual[i] ?? 0) ^ (expected[i] ?? 0);
  return diff === 0;
}
