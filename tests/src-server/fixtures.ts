import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { demoSigningKey } from '#shared/demo/county';
import { signEvent } from '#shared/auth/event-signatures';
import { unwrapSigningKey } from '#shared/auth/signing-keys';
import type { CaseEventDoc, PetitionDoc, PetitionerDoc, UserDoc } from '#shared/domain/documents';
import type { WireDocument } from '#shared/sync/protocol';

/** Documents as desks push them, for server tests (ids unique per call). */
let counter = 0;
export const uid = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

const at = '2025-12-01T01:00:00.000Z';
type Actor = CaseEventDoc['actor'];
export const actors = {
  qsReception: { userId: 'user-qs-reception', officeId: 'office-qingshan', role: 'receptionist' },
  qsHandler: { userId: 'user-qs-handler', officeId: 'office-qingshan', role: 'handler' },
  lsHandler: { userId: 'user-ls-handler', officeId: 'office-lvshui', role: 'handler' },
  lsReception: { userId: 'user-ls-reception', officeId: 'office-lvshui', role: 'receptionist' },
  countyReception: { userId: 'user-county-reception', officeId: 'office-county', role: 'receptionist' },
  countyHandler: { userId: 'user-county-handler', officeId: 'office-county', role: 'handler' },
  jwHandler: { userId: 'user-jw-handler', officeId: 'office-jiwei', role: 'handler' },
} satisfies Record<string, Actor>;

/** Signing keys of users a test added (`addUser` makes a random one); a demo user's is `demoSigningKey`. */
export const signingKeys = new Map<string, Uint8Array>();

/** Unwraps the signing key of a user the admin command added (with `password`), for the fixtures to sign with. */
export async function learnSigningKey(user: UserDoc, password: string): Promise<void> {
  const key =
    user.publicKey && user.wrappedKey
      ? await unwrapSigningKey(user.id, { publicKey: user.publicKey, wrappedKey: user.wrappedKey }, password)
      : undefined;
  if (!key) throw new Error(`no signing key unwraps for ${user.id}`);
  signingKeys.set(user.id, key);
}

const secretKeyOf = (userId: string) => signingKeys.get(userId) ?? demoSigningKey(userId.replace(/^user-/, ''));

/** The public key (hex) a fixture signs for `userId` with, for a hand-built `Pusher`. */
export const publicKeyOf = (userId: string) => bytesToHex(ed25519.getPublicKey(secretKeyOf(userId)));

/** The event signed by its actor (design.md §5: the server refuses an act its actor did not sign). */
export function signedByActor(event: CaseEventDoc): CaseEventDoc {
  return signEvent(event, secretKeyOf(event.actor.userId));
}

export function registerEvent(
  actor: Actor,
  opts: {
    caseId?: string;
    accused?: string[];
    cls?: 'accusation' | 'claim';
    petitionIds?: string[];
    petitionerIds?: string[];
  } = {},
): CaseEventDoc {
  return signedByActor({
    id: uid('ev'),
    caseId: opts.caseId ?? uid('case'),
    type: 'register',
    payload: {
      caseNumber: uid('999901101-2025'),
      receivedAt: at,
      channel: 'visit',
      petitionIds: opts.petitionIds ?? [uid('petition')],
      petitionerIds: opts.petitionerIds ?? [],
      title: '要求补发土地征收补偿款',
      ...(opts.cls ? { class: opts.cls } : {}),
      flags: [],
      accusedOfficeIds: opts.accused ?? [],
    },
    actor,
    occurredAt: at,
    recordedAt: at,
    article: '第十九条',
    after: [],
  });
}

export function actEvent(
  actor: Actor,
  caseId: string,
  type: CaseEventDoc['type'],
  payload: Record<string, unknown>,
  after: string[] = [],
  occurredAt = '2025-12-02T01:00:00.000Z',
): CaseEventDoc {
  return signedByActor({
    id: uid('ev'),
    caseId,
    type,
    payload,
    actor,
    occurredAt,
    recordedAt: occurredAt,
    article: '第二十二条',
    after,
  });
}

export function petitionDoc(
  officeId: string,
  caseId: string,
  registeredBy: string,
  petitionerIds: string[] = [],
  id = uid('petition'),
): PetitionDoc {
  return {
    id,
    caseId,
    officeId,
    channel: 'visit',
    receivedAt: at,
    petitionerIds,
    headcount: 1,
    request: '补发补偿款',
    flags: [],
    repeat: false,
    registeredBy,
    recordedAt: at,
  };
}

export function petitionerDoc(officeId: string, extra: Partial<PetitionerDoc> = {}): PetitionerDoc {
  return {
    id: uid('pr'),
    kind: 'person',
    name: '张三',
    nameInitials: 'zs',
    idType: 'none',
    idNumber: '',
    phone: '13800138000',
    officeId,
    history: [],
    updatedAt: at,
    ...extra,
  };
}

/** A push row of a new document. */
export const fresh = (doc: object) => ({ newDocumentState: { ...doc, _deleted: false } as WireDocument });
