/**
 * The canonical JSON text of a value: object keys sorted by UTF-16 code units, no whitespace, members whose value
 * is `undefined` left out (as `JSON.stringify` leaves them out). Signatures are made over it (event-signatures.ts)
 * because a document's key order does not survive its trip: PostgreSQL's jsonb stores keys sorted by length, RxDB
 * and the desks rebuild objects in their own order.
 *
 * Hand-written rather than a package: for the values our documents hold (strings, finite numbers, booleans, null,
 * arrays and plain objects) this is RFC 8785 (JCS) — JCS serialises strings and numbers exactly as ECMAScript's
 * `JSON.stringify` does and sorts keys by code unit, as `Array.prototype.sort` does — in a dozen lines that run
 * unchanged in every process. A value JSON cannot carry unchanged (a non-finite number, a function, a bigint) is
 * refused rather than silently changed, so nothing is ever signed that a verifier would read differently.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: a non-finite number has no JSON form');
    return JSON.stringify(value);
  }
  if (Array.isArray(value))
    return `[${value.map((item: unknown) => canonicalJson(item === undefined ? null : item)).join(',')}]`;
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>; // a plain object: its own enumerable members are its JSON
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: a ${typeof value} has no JSON form`);
}
