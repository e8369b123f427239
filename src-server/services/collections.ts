import type { RxJsonSchema } from 'rxdb';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import { acceptsSignature } from '#shared/auth/event-signatures';
import { payloadSchemas, type ActType } from '#shared/domain/act-payloads';
import type { UserDoc } from '#shared/domain/documents';
import { checkIdNumber } from '#shared/domain/identity';
import { checkPhone } from '#shared/domain/phone';
import { collectionSchemas } from '#shared/domain/schemas';
import { MAX_DOCUMENT_BYTES, type SyncDirection, type SyncRefusalCode, type WireDocument } from '#shared/sync/protocol';
import { verifyEd25519 } from './signatures';

/**
 * What the server does with each replicated collection (design.md §2, §3): how it travels, how a write to an
 * existing document is treated, who sees it, and the checks of every pushed document.
 */
// The schemas differ per collection; the server only hands them to the validator.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySchema = RxJsonSchema<any>;

export type WriteKind =
  | 'append-only' // case_events: a retried identical body is a success, another body is refused
  | 'immutable' // petitions: like append-only, refused as doc-immutable
  | 'merge' // petitioners: conflicts resolved field by field on the server, the loser kept in history
  | 'replace'; // RxDB's default: the master state wins a conflict (used by RxDB's own test suite)

export type Visibility =
  | 'everyone' // offices, calendars: every office
  | 'own-office' // users: the office in the document (their verifiers go nowhere else)
  | 'case' // case_events, petitions: the offices that may see the matter
  | 'petitioner' // the owner office and every office that sees a matter of the petitioner, never one such a matter accuses
  | 'pusher' // the pushing office only (test collections)
  | 'nobody'; // audit: up only

export interface CollectionPolicy {
  readonly name: string;
  readonly primaryKey: string;
  readonly direction: SyncDirection;
  readonly write: WriteKind;
  readonly visibility: Visibility;
  /** The JSON schema every pushed document must match (the desk's own RxDB schema). */
  readonly schema: AnySchema | undefined;
}

const domain = (
  name: keyof typeof collectionSchemas,
  direction: SyncDirection,
  write: WriteKind,
  visibility: Visibility,
): CollectionPolicy => ({
  name,
  primaryKey: 'id',
  direction,
  write,
  visibility,
  schema: collectionSchemas[name] as AnySchema,
});

/** The replicated collections of the desk (`cases` stays on the desk). */
export const domainPolicies: readonly CollectionPolicy[] = [
  domain('offices', 'down', 'replace', 'everyone'),
  domain('users', 'down', 'replace', 'own-office'),
  domain('calendars', 'down', 'replace', 'everyone'),
  domain('petitioners', 'both', 'merge', 'petitioner'),
  domain('petitions', 'both', 'immutable', 'case'),
  domain('case_events', 'both', 'append-only', 'case'),
  domain('audit', 'up', 'append-only', 'nobody'),
];

/** Who is pushing: the office and device of the access token, and the users of that office. */
export interface Pusher {
  readonly officeId: string;
  readonly deviceId: string;
  readonly users: ReadonlyMap<
    string,
    Pick<UserDoc, 'id' | 'officeId' | 'roles' | 'disabled' | 'publicKey' | 'retiredKeys'> & {
      readonly disabledAt?: string | null;
    }
  >;
  /** The schema version of each collection the desk declares (`x-desk-schema`, see `deskSchemaOf`); none: unknown. */
  readonly deskSchema?: ReadonlyMap<string, number>;
}

const validators = new Map<string, (doc: unknown) => unknown[]>();

function schemaErrors(policy: CollectionPolicy, doc: Record<string, unknown>): boolean {
  if (!policy.schema) return false;
  let validate = validators.get(policy.name);
  if (!validate) {
    validate = getValidator(policy.schema) as (doc: unknown) => unknown[]; // ajv's error list, only its length is used
    validators.set(policy.name, validate);
  }
  return validate(doc).length > 0;
}

/** How deep any document of ours nests (an act's payload inside an event is three levels); far more is abuse. */
const MAX_DOCUMENT_DEPTH = 16;
/** A NUL, which PostgreSQL's text and jsonb cannot hold, or half of a surrogate pair, which is no Unicode text. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A text PostgreSQL stores as sent. */
export const storableText = (text: string): boolean => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/**
 * Whether a document can be stored as sent: no key or string PostgreSQL refuses, no nesting beyond
 * MAX_DOCUMENT_DEPTH. Walked without recursion, so a body nested 10,000 deep cannot overflow the stack.
 */
export function storable(value: unknown): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, depth] = next;
    if (typeof v === 'string') {
      if (!storableText(v)) return false;
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_DOCUMENT_DEPTH) return false;
      for (const [key, child] of Object.entries(v)) {
        if (!storableText(key)) return false;
        stack.push([child, depth + 1]);
      }
    }
  }
  return true;
}

/** The document's fields without RxDB's `_deleted` flag. */
export function bodyOf(doc: WireDocument): Record<string, unknown> {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...body } = doc;
  return body;
}

/**
 * The checks a pushed document passes before its write is even considered (design.md §3): size, schema, that
 * it belongs to the pushing office, that the actor is a user of that office holding the role, the act's payload,
 * and the actor's signature (design.md §5). Checks against the stored state (rewrites, visibility) come later, inside the push transaction.
 */
export function checkDocument(policy: CollectionPolicy, doc: unknown, pusher: Pusher): SyncRefusalCode | undefined {
  if (policy.direction === 'down') return 'collection-read-only';
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'doc-malformed';
  const wire = doc as WireDocument; // an object; its fields are checked below
  if (!storable(wire)) return 'doc-malformed';
  if (JSON.stringify(wire).length > MAX_DOCUMENT_BYTES) return 'doc-too-large';
  const id = wire[policy.primaryKey];
  if (typeof id !== 'string' || id.length === 0 || id.length > 128) return 'doc-malformed';
  if (wire._deleted === true && policy.write !== 'replace') return 'delete-refused';
  const body = bodyOf(wire);
  if (schemaErrors(policy, body)) return 'doc-malformed';
  if (knownPart(policy, body).unknown && !dropsUnknown(policy, pusher)) return 'doc-unknown-field';
  switch (policy.name) {
    case 'case_events':
      return checkEvent(body, pusher);
    case 'petitions':
      return ownedBy(body.officeId, pusher) ?? userOf(body.registeredBy, body.recordedAt, pusher);
    case 'petitioners':
      return checkPetitioner(body); // the owner office is checked against the stored record (another office may update it)
    case 'audit':
      return (
        ownedBy(body.officeId, pusher) ?? (body.userId === 'unknown' ? undefined : userOf(body.userId, body.at, pusher))
      );
    default:
      return undefined;
  }
}

/**
 * Keys a desk writes that the server's schema does not know. They are never stored, so no other
 * desk ever pulls them. What else happens depends on the schema version the desk declares for the collection:
 *
 * - a newer version than the server's (a desk updated before its county server): the server drops the keys it
 *   does not know and stores the rest, so an older server and a newer desk still talk; the county keeps what it
 *   understands, and learns the new fields when it is updated;
 * - the server's version or an older one, or none declared: no desk of ours writes such a key, so the document is
 *   refused (`doc-unknown-field`), the rest of the batch kept;
 * - a case event, whatever the version: its signature covers every key (design.md §5), so the server cannot cut
 *   one without handing every other desk an act whose signature fails. It stores an act whole or not at all: a new
 *   field of an act reaches the county once the county server knows it (update the server first).
 *
 * The RxDB schemas stay as they are (no `additionalProperties: false`): a changed schema is a new version that every
 * desk must migrate to (shared/domain/schemas.ts), and the check belongs to the server, the one place all pushes
 * pass.
 */
function dropsUnknown(policy: CollectionPolicy, pusher: Pusher): boolean {
  const declared = pusher.deskSchema?.get(policy.name);
  return (
    policy.name !== 'case_events' &&
    declared !== undefined &&
    policy.schema !== undefined &&
    declared > policy.schema.version
  );
}

/** The part of a JSON schema the walk reads: an object's named properties, an array's items. */
interface SchemaNode {
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly items?: SchemaNode | readonly SchemaNode[];
}

/**
 * `value` with only the keys `schema` names, wherever it names them (an object the schema leaves open, such as an
 * event's payload, is kept whole). Recurses only as deep as the schema goes (three levels at most).
 */
function keysKnown(schema: SchemaNode | undefined, value: unknown): { value: unknown; unknown: boolean } {
  if (Array.isArray(value) && schema?.items && !Array.isArray(schema.items)) {
    const items = value.map((v: unknown) => keysKnown(schema.items as SchemaNode, v)); // one schema for every item, checked above
    return { value: items.map((i) => i.value), unknown: items.some((i) => i.unknown) };
  }
  const properties = schema?.properties;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !properties)
    return { value, unknown: false };
  let unknown = false;
  const kept: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const node = Object.hasOwn(properties, key) ? properties[key] : undefined;
    if (!node) {
      unknown = true;
      continue;
    }
    const known = keysKnown(node, child);
    unknown ||= known.unknown;
    kept[key] = known.value;
  }
  return { value: kept, unknown };
}

/**
 * A pushed body with only the keys the server's schema knows, and whether it had others. An act's payload is
 * checked against its act type's schema, which keeps only the keys it names; an act is never cut (see
 * `dropsUnknown`), so its body is returned whole.
 */
function knownPart(
  policy: CollectionPolicy,
  body: Record<string, unknown>,
): { body: Record<string, unknown>; unknown: boolean } {
  const top = keysKnown(policy.schema as SchemaNode | undefined, body);
  if (policy.name !== 'case_events') return { body: top.value as Record<string, unknown>, unknown: top.unknown }; // an object in, an object out
  const parsed = payloadSchemas[body.type as ActType]?.safeParse(body.payload); // an act type, as the schema's enum checked before
  return { body, unknown: top.unknown || (parsed?.success === true && keysBeyond(body.payload, parsed.data)) };
}

/**
 * The body of a checked document as the server stores it: from a desk whose keys the server may drop
 * (`dropsUnknown`) without the keys it does not know; any other document that passed `checkDocument` has none, and
 * is stored as it came without walking it again.
 */
export function storedBody(
  policy: CollectionPolicy,
  pusher: Pusher,
  body: Record<string, unknown>,
): Record<string, unknown> {
  return dropsUnknown(policy, pusher) ? knownPart(policy, body).body : body;
}

/**
 * Whether `value` has a key, at any depth, that `kept` (zod's parse of it) lacks. Keys only: zod may change values
 * (a trimmed text), never add keys. As deep as `storable` lets a document go.
 */
function keysBeyond(value: unknown, kept: unknown): boolean {
  if (typeof value !== 'object' || value === null || typeof kept !== 'object' || kept === null) return false;
  const within = kept as Record<string, unknown>; // an object or array, indexed alike
  return Object.entries(value).some(([key, child]) =>
    Object.hasOwn(within, key) ? keysBeyond(child, within[key]) : true,
  );
}

/**
 * The desk's declaration of its schema versions, `x-desk-schema: offices=1,users=1,…` (shared/domain/schemas.ts
 * `deskSchemaDeclaration`); anything unreadable declares nothing.
 */
export function deskSchemaOf(header: unknown): ReadonlyMap<string, number> {
  const versions = new Map<string, number>();
  if (typeof header !== 'string' || header.length > 500) return versions;
  for (const part of header.split(',')) {
    const match = /^\s*([a-z_]{1,40})=(\d{1,6})\s*$/.exec(part);
    if (match?.[1] && match[2]) versions.set(match[1], Number(match[2]));
  }
  return versions;
}

/**
 * 第十九条: a 信访人's 身份证 (GB 11643) and phone pass the intake's checks and are stored as the desk normalises
 * them, however the record was written (a registration or a correction).
 */
function checkPetitioner(body: Record<string, unknown>): SyncRefusalCode | undefined {
  if (body.idType === 'resident-id' && typeof body.idNumber === 'string' && body.idNumber !== '') {
    const id = checkIdNumber(body.idNumber);
    if (!id.ok || id.normalized !== body.idNumber) return 'doc-malformed';
  }
  if (typeof body.phone === 'string' && body.phone !== '') {
    const phone = checkPhone(body.phone);
    if (!phone.ok || phone.normalized !== body.phone) return 'doc-malformed';
  }
  return undefined;
}

function ownedBy(officeId: unknown, pusher: Pusher): SyncRefusalCode | undefined {
  return officeId === pusher.officeId ? undefined : 'doc-other-office';
}

/** The record's user is of the pushing office, holds the role, and was not yet disabled when it was recorded. */
function userOf(userId: unknown, recordedAt: unknown, pusher: Pusher, role?: unknown): SyncRefusalCode | undefined {
  const user = typeof userId === 'string' ? pusher.users.get(userId) : undefined;
  if (!user || user.officeId !== pusher.officeId) return 'actor-not-of-office';
  if (role !== undefined && !user.roles.some((r) => r === role)) return 'actor-not-of-office';
  if (user.disabled && !recordedBefore(recordedAt, user.disabledAt)) return 'actor-disabled';
  return undefined;
}

/**
 * Accountability (design.md §5): what a user recorded while still enabled (offline, synced later) stands; nothing
 * recorded after they were disabled does. The record's time is the desk's clock, which the server flags when it
 * drifts (design.md §3). A user disabled without a known time counts as disabled for ever.
 */
function recordedBefore(recordedAt: unknown, disabledAt: string | null | undefined): boolean {
  const at = typeof recordedAt === 'string' ? Date.parse(recordedAt) : NaN;
  const disabled = disabledAt ? Date.parse(disabledAt) : NaN;
  return Number.isFinite(at) && Number.isFinite(disabled) && at < disabled;
}

function checkEvent(body: Record<string, unknown>, pusher: Pusher): SyncRefusalCode | undefined {
  const actor = body.actor as { userId: unknown; officeId: unknown; role: unknown }; // the schema requires this object
  const refused = ownedBy(actor.officeId, pusher) ?? userOf(actor.userId, body.recordedAt, pusher, actor.role);
  if (refused) return refused;
  const type = body.type as ActType; // the schema's enum of act types
  if (!payloadSchemas[type].safeParse(body.payload).success) return 'act-payload-invalid';
  // Signed by the actor (design.md §5): a device of the office cannot record an act as another of its users.
  return acceptsSignature(body, pusher.users.get(String(actor.userId)), verifyEd25519)
    ? undefined
    : 'signature-invalid';
}

/** Deep equality of two JSON values, whatever the key order (jsonb reorders keys). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>; // objects or arrays, indexed alike
  const rb = b as Record<string, unknown>;
  const ka = Object.keys(ra).filter((k) => ra[k] !== undefined);
  const kb = Object.keys(rb).filter((k) => rb[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson(ra[k], rb[k]));
}
