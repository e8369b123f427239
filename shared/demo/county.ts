import { sha256 } from '@noble/hashes/sha2.js';
import { hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { createVerifier } from '../auth/passwords';
import { wrappingKey, wrapWith, type WrappingKey } from '../auth/signing-keys';
import type { Role } from '../domain/codes';
import type { OfficeDoc, UserDoc } from '../domain/documents';

/**
 * The demo county for trying the desk out: one county 信访局, two townships and a 纪检监察 office, with a user
 * for each role. Region codes start with 99, which no real province uses.
 */
export const DEMO_PASSWORD = 'demo1234';

export const demoOffices: readonly OfficeDoc[] = [
  {
    id: 'office-county',
    code: '999901',
    name: '示范县信访局',
    kind: 'county-bureau',
    parentId: '',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'office-qingshan',
    code: '999901101',
    name: '青山镇人民政府',
    kind: 'township',
    parentId: 'office-county',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'office-lvshui',
    code: '999901201',
    name: '绿水乡人民政府',
    kind: 'township',
    parentId: 'office-county',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
  {
    id: 'office-jiwei',
    code: '999901900',
    name: '示范县纪委监委',
    kind: 'discipline',
    parentId: 'office-county',
    updatedAt: '2026-01-01T00:00:00.000Z',
  },
];

const people: readonly [login: string, name: string, officeId: string, roles: Role[]][] = [
  ['county-admin', '县局管理员', 'office-county', ['admin']],
  ['county-reception', '县局接待员', 'office-county', ['receptionist']],
  ['county-handler', '县局办理人', 'office-county', ['handler']],
  ['county-approver', '县局负责人', 'office-county', ['approver', 'handler']],
  ['qs-reception', '青山镇接待员', 'office-qingshan', ['receptionist']],
  ['qs-handler', '青山镇办理人', 'office-qingshan', ['handler']],
  ['qs-approver', '青山镇负责人', 'office-qingshan', ['approver', 'handler']],
  ['ls-reception', '绿水乡接待员', 'office-lvshui', ['receptionist']],
  ['ls-handler', '绿水乡办理人', 'office-lvshui', ['handler']],
  ['ls-approver', '绿水乡负责人', 'office-lvshui', ['approver', 'handler']],
  ['jw-handler', '纪委监委办理人', 'office-jiwei', ['handler', 'approver']],
];

export const demoLogins = people.map(([login, name]) => ({ login, name, password: DEMO_PASSWORD }));

/**
 * The demo password's verifier at the default cost, made once by `createVerifier(DEMO_PASSWORD)`. The password is
 * public, so a salt made at each seed protects nothing either: a fresh web desk seeds without hashing at all,
 * where the hash was most of the worker's own start-up and took a core from the page rendering beside it.
 */
export const DEMO_VERIFIER =
  'scrypt$16384$8$1$239f1a007c3ba45c1e22ad013010074b$0d55a829c5c7ee270e7f07d09e5faa3749d0b1ebb030bd0598c247a00bc51c18';

/**
 * A demo user's act-signing secret key (docs/signatures.md), derived from the login: public, as the demo password
 * is, so a test can sign as any demo user without a login.
 */
export function demoSigningKey(login: string): Uint8Array {
  return sha256(utf8ToBytes(`xinfang-desk demo signing key\u0000${login}`));
}

/**
 * The key wrapping every demo user's signing key, made once by `wrappingKey(DEMO_PASSWORD)` with this salt at the
 * default cost: for the same reason as `DEMO_VERIFIER`, a fresh web desk seeds without running scrypt.
 */
const DEMO_WRAPPING: WrappingKey = {
  salt: hexToBytes('21babcd5eb32e5f254c9f7facd0841a9'),
  key: hexToBytes('da8ea62c382fe8edc0ac767aae7265768742f7336a635a68e98fc624c9421886'),
  cost: { N: 2 ** 14, r: 8, p: 1 },
};

/**
 * The demo users, all with `DEMO_VERIFIER` and a signing key wrapped under the demo password (`cost` lowers
 * scrypt's work factor for fast tests, and hashes afresh).
 */
export async function demoUsers(cost?: { N: number }): Promise<UserDoc[]> {
  const verifier = cost ? await createVerifier(DEMO_PASSWORD, cost) : DEMO_VERIFIER;
  const wrapping = cost ? await wrappingKey(DEMO_PASSWORD, cost) : DEMO_WRAPPING;
  return Promise.all(
    people.map(async ([login, name, officeId, roles]) => {
      const id = `user-${login}`;
      return {
        id,
        login,
        name,
        officeId,
        roles,
        verifier,
        disabled: false,
        ...(await wrapWith(wrapping, id, demoSigningKey(login))),
        updatedAt: '2026-01-01T00:00:00.000Z',
      };
    }),
  );
}
