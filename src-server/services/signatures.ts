import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Verify } from '#shared/auth/event-signatures';

/**
 * Ed25519 verification by Node's own crypto (OpenSSL) for pushes: a batch holds up to 2,000 events, and OpenSSL
 * verifies one in a fraction of the time the portable implementation the desks use takes. Both implement RFC 8032.
 */
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const keys = new Map<string, KeyObject>();
const KEY_CACHE_SIZE = 10_000;

function keyObject(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('hex');
  let key = keys.get(id);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
    if (keys.size >= KEY_CACHE_SIZE) keys.clear();
    keys.set(id, key);
  }
  return key;
}

export const verifyEd25519: Verify = (signature, message, publicKey) =>
  verify(null, message, keyObject(publicKey), signature);
