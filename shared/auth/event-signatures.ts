import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { UserDoc } from '../domain/documents';
import { canonicalJson } from './canonical-json';

/**
 * Every act is signed by the user who did it (design.md §5; accountability, 第四十四条–第四十七条, needs to know who
 * did what): the signature is Ed25519 over the canonical JSON (canonical-json.ts) of the event without its
 * `signature` and without RxDB's `_` fields, in hex. The server refuses an event whose signature fails
 * (`signature-invalid`); a desk flags one on the timeline. See docs/signatures.md for the key's life.
 */

/** How an event's signature stands against its actor's keys. */
export type SignatureStatus =
  | 'valid'
  | 'invalid' // signed, but by no key of the actor, or over other content
  | 'unsigned'; // recorded without a signature (before the actor had a key)

/** What verification needs of the acting user. */
export type Signer = Pick<UserDoc, 'publicKey' | 'retiredKeys'>;

/** Ed25519 verification (noble's by default; the server passes Node's own, which is many times faster). */
export type Verify = (signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array) => boolean;

/** RFC 8032's strict rules (not ZIP-215's wider ones), as OpenSSL applies them on the server. */
const nobleVerify: Verify = (signature, message, publicKey) =>
  ed25519.verify(signature, message, publicKey, { zip215: false });

/** An event's members (a case event, or a pushed document of that schema, is a JSON object). */
const membersOf = (event: object) => event as Readonly<Record<string, unknown>>;

/** The bytes an event's signature covers. */
export function signedBytes(event: object): Uint8Array {
  const fields = Object.fromEntries(Object.entries(event).filter(([k]) => k !== 'signature' && !k.startsWith('_')));
  return utf8ToBytes(canonicalJson(fields));
}

/** The event with its signature by `secretKey` (any signature it had is replaced). */
export function signEvent<E extends object>(event: E, secretKey: Uint8Array): E & { signature: string } {
  const signature = bytesToHex(ed25519.sign(signedBytes(event), secretKey));
  return { ...event, signature };
}

const HEX_SIGNATURE = /^[0-9a-f]{128}$/;

/**
 * The event's signature against the actor's current key, or a key retired (by a password reset) after the event
 * was recorded. An event without a signature is `unsigned`; whether that is acceptable is the caller's rule.
 */
export function signatureStatus(
  event: object,
  signer: Signer | undefined,
  verify: Verify = nobleVerify,
): SignatureStatus {
  const { signature, recordedAt: at } = membersOf(event);
  if (signature === undefined) return 'unsigned';
  if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature) || !signer) return 'invalid';
  const recordedAt = typeof at === 'string' ? at : '';
  const keys = [
    signer.publicKey,
    ...(signer.retiredKeys ?? []).filter((k) => recordedAt < k.until).map((k) => k.publicKey),
  ];
  const message = signedBytes(event);
  const sig = hexToBytes(signature);
  return keys.some(
    (key) => key !== undefined && /^[0-9a-f]{64}$/.test(key) && verifies(verify, sig, message, hexToBytes(key)),
  )
    ? 'valid'
    : 'invalid';
}

function verifies(verify: Verify, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return verify(signature, message, publicKey);
  } catch {
    return false; // a key that is no curve point
  }
}

/**
 * The server's rule for a pushed event: a valid signature, or none from a user who has no key yet (created before
 * acts were signed; nothing to verify against, and the event is shown unsigned). Decided by the key the server
 * holds now, never by the event's own `recordedAt`: that is the desk's clock, which a forging device sets itself.
 */
export function acceptsSignature(event: object, signer: Signer | undefined, verify?: Verify): boolean {
  const status = signatureStatus(event, signer, verify);
  return status === 'valid' || (status === 'unsigned' && signer !== undefined && signer.publicKey === undefined);
}

/**
 * A desk's memo of verified events: shown events are verified each time a matter opens, and Ed25519 verification
 * costs about a millisecond. Keyed by key, signature and a hash of the signed bytes, so a changed event is
 * verified afresh.
 */
const memo = new Map<string, SignatureStatus>();
const MEMO_SIZE = 20_000;

/** `signatureStatus`, remembered. */
export function checkedSignature(event: object, signer: Signer | undefined): SignatureStatus {
  const { signature } = membersOf(event);
  if (signature === undefined || !signer) return signatureStatus(event, signer);
  const key = `${signer.publicKey ?? ''}|${(signer.retiredKeys ?? []).map((k) => k.publicKey + k.until).join(',')}|${String(signature)}|${bytesToHex(sha256(signedBytes(event)))}`;
  const known = memo.get(key);
  if (known) return known;
  const status = signatureStatus(event, signer);
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, status);
  return status;
}
