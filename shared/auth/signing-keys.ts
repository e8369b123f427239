import { ed25519 } from '@noble/curves/ed25519.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex, hexToBytes, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { saneScryptCost } from './passwords';

/**
 * Each user's act-signing key (design.md §5, docs/signatures.md): an Ed25519 key pair whose secret key travels to
 * the desks of the user's office only wrapped, under a key derived from the user's password. Any desk of the office
 * can then unwrap it at an offline login, and nothing that lacks the password can: a copy of the `users` collection
 * allows the same offline guessing the login verifier already allows, and no more.
 *
 * The wrapping key is scrypt (as the verifier, passwords.ts) over the password with a salt of its own — never the
 * verifier's salt, or the verifier stored beside it would be the wrapping key — and the wrap is AES-256-GCM, whose
 * tag makes a wrong password or a tampered record fail rather than yield a wrong key. The user's id and public key
 * are the GCM associated data: a wrapped key copied onto another user, or paired with another public key, fails.
 * Stored as `scrypt-aes256gcm$N$r$p$<salt hex>$<iv hex>$<ciphertext and tag hex>`.
 */
const SCHEME = 'scrypt-aes256gcm';
const defaults = { N: 2 ** 14, r: 8, p: 1 };
export type WrapCost = Partial<typeof defaults>;

/** The key pair fields of a user document (documents.ts, `UserDoc`). */
export interface SigningKeyRecord {
  /** Ed25519 public key, hex. */
  readonly publicKey: string;
  readonly wrappedKey: string;
}

/**
 * The part of WebCrypto used here. `shared/` compiles without DOM or Node types (style.md), and AES-GCM is in
 * every process it runs in: Node (server, the desk core's process), Chromium's web worker.
 */
interface AesGcm {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: 'AES-GCM',
    extractable: false,
    usages: readonly ('encrypt' | 'decrypt')[],
  ): Promise<unknown>;
  encrypt(
    algorithm: { name: 'AES-GCM'; iv: Uint8Array; additionalData: Uint8Array },
    key: unknown,
    data: Uint8Array,
  ): Promise<ArrayBuffer>;
  decrypt(
    algorithm: { name: 'AES-GCM'; iv: Uint8Array; additionalData: Uint8Array },
    key: unknown,
    data: Uint8Array,
  ): Promise<ArrayBuffer>;
}
const subtle = (globalThis as unknown as { crypto: { subtle: AesGcm } }).crypto.subtle; // WebCrypto, see AesGcm

/** A password-derived wrapping key with the salt and cost that derive it again. */
export interface WrappingKey {
  readonly key: Uint8Array;
  readonly salt: Uint8Array;
  readonly cost: typeof defaults;
}

/** Derives a wrapping key from `password` (a fresh salt unless one is given). */
export async function wrappingKey(
  password: string,
  cost: WrapCost = {},
  salt: Uint8Array = randomBytes(16),
): Promise<WrappingKey> {
  const full = { ...defaults, ...cost };
  const key = await scryptAsync(utf8ToBytes(password.normalize('NFC')), salt, { ...full, dkLen: 32 });
  return { key, salt, cost: full };
}

const associatedData = (userId: string, publicKey: string) => utf8ToBytes(`${userId}\u0000${publicKey}`);

/** Wraps `secretKey` (of `userId`, whose public key it is) under an already derived wrapping key. */
export async function wrapWith(
  wrapping: WrappingKey,
  userId: string,
  secretKey: Uint8Array,
): Promise<SigningKeyRecord> {
  const publicKey = bytesToHex(ed25519.getPublicKey(secretKey));
  const iv = randomBytes(12);
  const aes = await subtle.importKey('raw', wrapping.key, 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(
    await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: associatedData(userId, publicKey) }, aes, secretKey),
  );
  const { N, r, p } = wrapping.cost;
  return {
    publicKey,
    wrappedKey: [SCHEME, N, r, p, bytesToHex(wrapping.salt), bytesToHex(iv), bytesToHex(sealed)].join('$'),
  };
}

/** A new key pair for `userId`, wrapped under `password`. */
export async function createSigningKey(
  userId: string,
  password: string,
  cost: WrapCost = {},
): Promise<SigningKeyRecord> {
  return wrapWith(await wrappingKey(password, cost), userId, ed25519.utils.randomSecretKey());
}

/**
 * The secret key of `record` unwrapped with `password`; undefined when the password is wrong, the record is
 * malformed or tampered with, or the unwrapped key is not the one of `record.publicKey`.
 */
export async function unwrapSigningKey(
  userId: string,
  record: SigningKeyRecord,
  password: string,
): Promise<Uint8Array | undefined> {
  const [scheme, n, r, p, salt, iv, sealed] = record.wrappedKey.split('$');
  if (scheme !== SCHEME || !salt || !iv || !sealed || !/^[0-9a-f]+$/.test(salt + iv + sealed) || iv.length !== 24)
    return undefined;
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (!saneScryptCost(cost.N, cost.r, cost.p)) return undefined;
  const wrapping = await wrappingKey(password, cost, hexToBytes(salt));
  const aes = await subtle.importKey('raw', wrapping.key, 'AES-GCM', false, ['decrypt']);
  try {
    const secretKey = new Uint8Array(
      await subtle.decrypt(
        { name: 'AES-GCM', iv: hexToBytes(iv), additionalData: associatedData(userId, record.publicKey) },
        aes,
        hexToBytes(sealed),
      ),
    );
    return secretKey.length === 32 && bytesToHex(ed25519.getPublicKey(secretKey)) === record.publicKey
      ? secretKey
      : undefined;
  } catch {
    return undefined; // GCM's tag did not verify: a wrong password or a changed record
  }
}

/**
 * The same key pair wrapped under a new password (a password change): the public key does not change, so every
 * event the user signed before stays valid. Undefined when `oldPassword` does not unwrap it.
 */
export async function rewrapSigningKey(
  userId: string,
  record: SigningKeyRecord,
  oldPassword: string,
  newPassword: string,
  cost: WrapCost = {},
): Promise<SigningKeyRecord | undefined> {
  const secretKey = await unwrapSigningKey(userId, record, oldPassword);
  return secretKey && wrapWith(await wrappingKey(newPassword, cost), userId, secretKey);
}
