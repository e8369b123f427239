import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseEvent } from '#shared/domain/case-types';
import { foldCase } from '#shared/domain/fold';
import type { Sql } from '../db/database';

/**
 * Who may see what (design.md §3, domain-rules.md "Confidentiality"). A matter is seen by every office that has
 * held it (its fold's `officeIds`: registration, 转送, 交办, 转出) and by their superiors (the county sees its
 * townships), and never by an office it accuses (第三十条第三款, 第四十六条第五项). Visibility only grows: what
 * an office has received cannot be taken back, so the set is the union of every fold so far.
 */
export class OfficeTree {
  private constructor(private readonly parents: ReadonlyMap<string, string>) {}

  static async load(sql: Sql): Promise<OfficeTree> {
    const { rows } = await sql.query<{ id: string; parent: string | null }>(
      `SELECT id, body->>'parentId' AS parent FROM docs WHERE collection = 'offices' AND NOT deleted`,
    );
    return new OfficeTree(new Map(rows.map((r) => [r.id, r.parent ?? ''])));
  }

  get all(): string[] {
    return [...this.parents.keys()];
  }

  /** The office and every office above it. */
  withSuperiors(officeId: string): string[] {
    const chain: string[] = [];
    for (let id = officeId; id && !chain.includes(id); id = this.parents.get(id) ?? '') chain.push(id);
    return chain;
  }

  /** The offices that may see a matter held by `holders`, minus the ones it accuses. */
  caseAudience(holders: readonly string[], accused: readonly string[]): string[] {
    const audience = new Set(holders.flatMap((id) => this.withSuperiors(id)));
    for (const id of accused) audience.delete(id);
    return [...audience].sort();
  }
}

export interface CaseAccess {
  readonly caseId: string;
  readonly officeIds: readonly string[];
  readonly accused: readonly string[];
  readonly registered: boolean;
}

/** Access read earlier in the same transaction, for `caseIds` (a matter absent from `access` has none). */
export interface KnownAccess {
  readonly caseIds: ReadonlySet<string>;
  readonly access: ReadonlyMap<string, CaseAccess>;
}

/** Reads the stored access of the given matters (absent: nothing known yet). */
export async function readCaseAccess(sql: Sql, caseIds: readonly string[]): Promise<Map<string, CaseAccess>> {
  if (caseIds.length === 0) return new Map();
  const { rows } = await sql.query<{ case_id: string; office_ids: string[]; accused_office_ids: string[]; registered: boolean }>(
    'SELECT case_id, office_ids, accused_office_ids, registered FROM case_access WHERE case_id = ANY($1::text[])',
    [caseIds],
  );
  return new Map(rows.map((r) => [r.case_id, { caseId: r.case_id, officeIds: r.office_ids, accused: r.accused_office_ids, registered: r.registered }]));
}

/**
 * Folds each matter again from all its stored events (the same fold the desks run) and stores the grown
 * audience. Returns, per matter, the new access and the offices that were added.
 */
export async function refreshCaseAccess(
  sql: Sql,
  tree: OfficeTree,
  caseIds: readonly string[],
  known?: KnownAccess,
): Promise<Map<string, { access: CaseAccess; added: string[] }>> {
  const result = new Map<string, { access: CaseAccess; added: string[] }>();
  if (caseIds.length === 0) return result;
  // Read already in this transaction, under the matters' locks: one round trip fewer per push.
  const before = known && caseIds.every((id) => known.caseIds.has(id)) ? known.access : await readCaseAccess(sql, caseIds);
  const { rows } = await sql.query<{ case_id: string; body: CaseEvent }>(
    `SELECT case_id, body FROM docs WHERE collection = 'case_events' AND case_id = ANY($1::text[])`,
    [caseIds],
  );
  const events = new Map<string, CaseEvent[]>();
  for (const row of rows) events.set(row.case_id, [...(events.get(row.case_id) ?? []), row.body]);
  const changed: CaseAccess[] = [];
  for (const caseId of caseIds) {
    const old = before.get(caseId);
    const projection = foldCase(events.get(caseId) ?? [], defaultCalendar);
    if (!projection) {
      result.set(caseId, { access: old ?? { caseId, officeIds: [], accused: [], registered: false }, added: [] });
      continue;
    }
    // The accused offices come from the 登记 and never change; they are subtracted from every audience.
    const accused = [...new Set([...(old?.accused ?? []), ...projection.accusedOfficeIds])];
    const audience = tree.caseAudience([...projection.officeIds], accused);
    const officeIds = [...new Set([...(old?.officeIds ?? []), ...audience])].filter((id) => !accused.includes(id)).sort();
    const added = officeIds.filter((id) => !(old?.officeIds ?? []).includes(id));
    const access = { caseId, officeIds, accused, registered: true };
    result.set(caseId, { access, added });
    if (added.length > 0 || !old?.registered) changed.push(access);
  }
  if (changed.length > 0) {
    await sql.query(
      `INSERT INTO case_access (case_id, office_ids, accused_office_ids, registered)
       SELECT x.case_id, x.office_ids, x.accused, true
       FROM jsonb_to_recordset($1::jsonb) AS x(case_id text, office_ids text[], accused text[])
       ON CONFLICT (case_id) DO UPDATE SET office_ids = excluded.office_ids, accused_office_ids = excluded.accused_office_ids, registered = true`,
      [JSON.stringify(changed.map((c) => ({ case_id: c.caseId, office_ids: c.officeIds, accused: c.accused })))],
    );
  }
  return result;
}

/** The offices that see a petitioner: its owner office and superiors, and the audience of each of its matters. */
export async function petitionerAudience(sql: Sql, tree: OfficeTree, petitioners: ReadonlyMap<string, string>): Promise<Map<string, string[]>> {
  const ids = [...petitioners.keys()];
  const { rows } = await sql.query<{ petitioner_id: string; office_ids: string[] }>(
    `SELECT p.petitioner_id, a.office_ids FROM case_petitioners p JOIN case_access a ON a.case_id = p.case_id
     WHERE p.petitioner_id = ANY($1::text[])`,
    [ids],
  );
  const result = new Map<string, Set<string>>(ids.map((id) => [id, new Set(tree.withSuperiors(petitioners.get(id) ?? ''))]));
  for (const row of rows) for (const office of row.office_ids) result.get(row.petitioner_id)?.add(office);
  return new Map([...result].map(([id, set]) => [id, [...set]]));
}
