import type { Sql } from '../db/database';

/**
 * Takes transaction-level advisory locks on `keys` in sorted order, in one round trip. Every writer locks in the
 * same order (matters, then petitioners, each sorted), so two transactions never wait in a cycle.
 */
export async function lockAll(tx: Sql, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.query('SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT k FROM unnest($1::text[]) AS k ORDER BY k) AS sorted', [[...keys].sort()]);
}
