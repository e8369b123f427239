import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import {
  acceptsSignature,
  checkedSignature,
  signatureStatus,
  signEvent,
  type Signer,
} from '#shared/auth/event-signatures';
import type { CaseEventDoc } from '#shared/domain/documents';

/** Acts signed by the user who did them (design.md §5; 第四十四条–第四十七条: who did what). */
const secret = ed25519.utils.randomSecretKey();
const signer: Signer = { publicKey: bytesToHex(ed25519.getPublicKey(secret)) };
const event: CaseEventDoc = {
  id: 'ev-1',
  caseId: 'case-1',
  type: 'note',
  payload: { text: '已电话联系' },
  actor: { userId: 'user-a', officeId: 'office-a', role: 'handler' },
  occurredAt: '2025-12-02T01:00:00.000Z',
  recordedAt: '2025-12-02T01:00:00.000Z',
  article: '第二十一条',
  after: ['ev-0'],
};

describe('event signatures', () => {
  it('a signed event is valid whatever its key order and RxDB’s own fields (the signature covers its canonical JSON)', () => {
    const signed = signEvent(event, secret);
    const reordered = Object.fromEntries(Object.entries(signed).reverse());
    expect(signatureStatus(signed, signer)).toBe('valid');
    expect(signatureStatus({ ...reordered, _rev: '1-x', _meta: { lwt: 1 }, _deleted: false }, signer)).toBe('valid');
  });

  it.each<[string, Record<string, unknown>]>([
    ['a changed payload', { payload: { text: '未联系上' } }],
    ['another actor', { actor: { ...event.actor, userId: 'user-b' } }],
    ['a moved time', { recordedAt: '2025-12-01T01:00:00.000Z' }],
    ['an added field', { note: 'x' }],
    ['a signature that is not hex', { signature: 'z'.repeat(128) }],
  ])('%s makes it invalid', (_what, change) => {
    expect(signatureStatus({ ...signEvent(event, secret), ...change }, signer)).toBe('invalid');
  });

  it('a signature by another key, or by a signer with no key, is invalid; no signature is unsigned', () => {
    expect(signatureStatus(signEvent(event, ed25519.utils.randomSecretKey()), signer)).toBe('invalid');
    expect(signatureStatus(signEvent(event, secret), {})).toBe('invalid');
    expect(signatureStatus(signEvent(event, secret), undefined)).toBe('invalid');
    expect(signatureStatus(event, signer)).toBe('unsigned');
  });

  it('a key retired by a password reset verifies what was recorded before it was retired, and nothing after', () => {
    const next = ed25519.utils.randomSecretKey();
    const reset: Signer = {
      publicKey: bytesToHex(ed25519.getPublicKey(next)),
      retiredKeys: [{ publicKey: signer.publicKey!, until: '2025-12-03T00:00:00.000Z' }],
    };
    expect(signatureStatus(signEvent(event, secret), reset)).toBe('valid');
    expect(signatureStatus(signEvent({ ...event, recordedAt: '2025-12-03T00:00:00.000Z' }, secret), reset)).toBe(
      'invalid',
    );
    expect(signatureStatus(signEvent({ ...event, recordedAt: '2025-12-04T00:00:00.000Z' }, next), reset)).toBe('valid');
  });

  it('the server accepts an unsigned act only from a user who has no key yet (decided by the key it holds, not the act’s own time)', () => {
    expect(acceptsSignature(signEvent(event, secret), signer)).toBe(true);
    expect(acceptsSignature(event, signer)).toBe(false);
    expect(acceptsSignature({ ...event, recordedAt: '2000-01-01T00:00:00.000Z' }, signer)).toBe(false);
    expect(acceptsSignature(event, {})).toBe(true);
    expect(acceptsSignature(signEvent(event, secret), {})).toBe(false);
  });

  it('the desk’s memo answers as verification does, and verifies a changed event afresh', () => {
    const signed = signEvent(event, secret);
    expect(checkedSignature(signed, signer)).toBe('valid');
    expect(checkedSignature(signed, signer)).toBe('valid');
    expect(checkedSignature({ ...signed, payload: { text: '改' } }, signer)).toBe('invalid');
    expect(checkedSignature(event, signer)).toBe('unsigned');
  });
});
