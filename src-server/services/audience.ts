import type { CaseEvent } from '#shared/domain/case-types';
import type { CollectionPolicy, Pusher } from './collections';
import type { FeedEntry } from './feed';
import type { LockedState } from './push-store';
import { caseSeers, foldAccess, petitionerSeers, type CaseAccess, type OfficeTree } from './visibility';

/**
 * Which offices' feeds a write goes to (design.md §3). When a matter becomes visible to another office
 * (转送/交办: its audience grows), its whole history — events, 信访件 and 信访人 — is appended to that office's
 * feed, so it arrives on the next pull even though it is older than the office's checkpoint. Pure: decided from
 * what the push read under its locks (services/push-store.ts).
 */
export interface Written {
  readonly id: string;
  readonly body: Record<string, unknown>;
}

/** What a batch's writes add besides the documents: feed rows, 信访人 links, and grown access. */
export interface Audience {
  readonly feed: FeedEntry[];
  readonly links: { caseId: string; petitionerId: string }[];
  readonly access: CaseAccess[];
}

/** The matters a batch of case-bound documents touches. */
export function touchedCases(policy: CollectionPolicy, bodies: readonly Record<string, unknown>[]): string[] {
  if (policy.visibility !== 'case') return [];
  return [...new Set(bodies.map((b) => String(b.caseId)))].sort();
}

/** The 信访人 a 登记, 重件 or 信访件 names. */
export function petitionerLinks(body: Record<string, unknown>): string[] {
  const payload = body.payload as { petitionerIds?: unknown } | undefined; // events carry it in the payload
  const ids = body.petitionerIds ?? payload?.petitionerIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

export function audienceOf(
  tree: OfficeTree,
  policy: CollectionPolicy,
  pusher: Pusher,
  written: readonly Written[],
  state: LockedState,
): Audience {
  const only = (feed: FeedEntry[]): Audience => ({ feed, links: [], access: [] });
  const entry = (officeId: string, docId: string): FeedEntry => ({ officeId, collection: policy.name, docId });
  switch (policy.visibility) {
    case 'nobody':
      return only([]);
    case 'everyone':
      return only(written.flatMap((w) => tree.all.map((office) => entry(office, w.id))));
    case 'own-office':
      return only(written.map((w) => entry(String(w.body.officeId), w.id)));
    case 'pusher':
      return only(written.map((w) => entry(pusher.officeId, w.id)));
    case 'petitioner': {
      const seers = petitionerSeers(new Map(written.map((w) => [w.id, String(w.body.officeId)])), state.reach);
      return only(written.flatMap((w) => (seers.get(w.id) ?? []).map((office) => entry(office, w.id))));
    }
    case 'case':
      return caseAudience(tree, policy, pusher, written, state);
  }
}

function caseAudience(
  tree: OfficeTree,
  policy: CollectionPolicy,
  pusher: Pusher,
  written: readonly Written[],
  state: LockedState,
): Audience {
  const caseIds = [...new Set(written.map((w) => String(w.body.caseId)))];
  const links = newLinks(written, state.links);
  // Only events move a matter's audience; the fold sees the stored events and the ones being written.
  const changes =
    policy.name === 'case_events' ? foldAccess(tree, caseIds, state.access, eventsByCase(state, written)) : undefined;
  const access = (caseId: string) => changes?.get(caseId)?.access ?? state.access.get(caseId);
  // A matter whose 登记 has not arrived yet is seen only by the office that wrote to it, until the 登记 decides;
  // an office it accuses receives nothing of it (第三十条第三款), even one that may write to it (visibility.ts).
  const seers = (caseId: string) => {
    const a = access(caseId);
    return a?.registered ? caseSeers(a) : [pusher.officeId];
  };
  const feed: FeedEntry[] = written.flatMap((w) =>
    seers(String(w.body.caseId)).map((officeId) => ({ officeId, collection: policy.name, docId: w.id })),
  );
  // A 信访人 goes with its matter, but never to an office another of its matters accuses (第三十条第三款).
  const petitioner = (officeId: string, petitionerId: string) => {
    if (!(state.reach.get(petitionerId)?.accused ?? []).includes(officeId))
      feed.push({ officeId, collection: 'petitioners', docId: petitionerId });
  };
  for (const link of links) for (const officeId of seers(link.caseId)) petitioner(officeId, link.petitionerId);
  // Offices a matter just reached get what it held before this push; what it writes went to every seer above.
  const reached = new Map(
    [...(changes ?? [])].filter(([, c]) => c.added.length > 0).map(([caseId, c]) => [caseId, c.added]),
  );
  for (const d of state.caseDocs)
    for (const officeId of reached.get(d.caseId) ?? []) feed.push({ officeId, collection: d.collection, docId: d.id });
  for (const [caseId, added] of reached) {
    for (const petitionerId of state.links.get(caseId) ?? [])
      for (const officeId of added) petitioner(officeId, petitionerId);
  }
  const grown = [...(changes?.values() ?? [])].filter((c) => c.store).map((c) => c.access);
  return { feed, links, access: grown };
}

/** The links of the written documents that the matters do not hold yet (read under the matters' locks). */
function newLinks(
  written: readonly Written[],
  known: ReadonlyMap<string, ReadonlySet<string>>,
): { caseId: string; petitionerId: string }[] {
  const links = new Map<string, { caseId: string; petitionerId: string }>();
  for (const w of written) {
    const caseId = String(w.body.caseId);
    for (const petitionerId of petitionerLinks(w.body)) {
      if (!known.get(caseId)?.has(petitionerId)) links.set(`${caseId}\u0000${petitionerId}`, { caseId, petitionerId });
    }
  }
  return [...links.values()];
}

function eventsByCase(state: LockedState, written: readonly Written[]): Map<string, CaseEvent[]> {
  const events = new Map<string, CaseEvent[]>();
  const add = (caseId: string, e: CaseEvent) => {
    const list = events.get(caseId) ?? [];
    list.push(e);
    events.set(caseId, list);
  };
  for (const d of state.caseDocs) if (d.event) add(d.caseId, d.event);
  for (const w of written) add(String(w.body.caseId), w.body as unknown as CaseEvent); // a case_events body, schema-checked
  return events;
}
