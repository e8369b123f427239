import { sameJson } from './collections';

/**
 * Field-by-field resolution of a 信访人 record edited at two desks while offline (design.md §2): a field changed
 * only by the pushing desk takes its value, a field changed only on the server keeps the server's, and a field
 * changed on both sides takes the later edit (by `updatedAt`, then the server's) while the other value is kept
 * readable in `history`. Nothing is lost.
 */
const bookkeeping = new Set(['id', 'history', 'updatedAt', 'officeId']);
const HISTORY_LIMIT = 100;

export function mergePetitioner(
  master: Record<string, unknown>,
  assumed: Record<string, unknown> | undefined,
  incoming: Record<string, unknown>,
  now: string,
): Record<string, unknown> {
  const base = assumed ?? {};
  const merged: Record<string, unknown> = { ...master };
  const losers: Record<string, unknown> = {};
  const incomingIsLater = String(incoming.updatedAt ?? '') > String(master.updatedAt ?? '');
  const fields = new Set([...Object.keys(master), ...Object.keys(incoming)].filter((k) => !bookkeeping.has(k)));
  for (const field of fields) {
    const mine = incoming[field];
    const theirs = master[field];
    if (sameJson(mine, theirs) || sameJson(mine, base[field])) continue; // nothing to take from the push
    if (sameJson(theirs, base[field]) || incomingIsLater) {
      if (!sameJson(theirs, base[field]) && theirs !== undefined) losers[field] = theirs;
      merged[field] = mine; // undefined (a cleared field) is dropped below
    } else if (mine !== undefined) {
      losers[field] = mine;
    }
  }
  const history = unionHistory(master.history, incoming.history);
  if (Object.keys(losers).length > 0) history.push({ at: now, conflict: true, ...losers });
  merged.history = history.slice(-HISTORY_LIMIT);
  merged.updatedAt = incomingIsLater ? incoming.updatedAt : master.updatedAt;
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
}

/** Both sides' history entries, each once, in time order. */
function unionHistory(a: unknown, b: unknown): Record<string, unknown>[] {
  const entries = [...(Array.isArray(a) ? a : []), ...(Array.isArray(b) ? b : [])].filter(
    (e): e is Record<string, unknown> => typeof e === 'object' && e !== null,
  );
  const unique: Record<string, unknown>[] = [];
  for (const e of entries) if (!unique.some((u) => sameJson(u, e))) unique.push(e);
  return unique.sort((x, y) => String(x.at ?? '').localeCompare(String(y.at ?? '')));
}
