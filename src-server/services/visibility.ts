import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseEvent } from '#shared/domain/case-types';
import { foldCase } from '#shared/domain/fold';
import type { Sql } from '../db/database';

/**
 * Who may see what (design.md §3, domain-rules.md "Confidentiality"). A matter is seen by every office that has
 * held it (its fold's `officeIds`: registration, 转送, 交办, 转出) and by their superiors (the county sees its
 * townships), and a 检举控告 never by an office it accuses (第三十条第三款, 第四十六条第五项). Visibility only grows: what
 * an office has received cannot be taken back, so the set is the union of every fold so far.
 */
export class OfficeTree {
  private constructor(private readonly parents: ReadonlyMap<string, string>) {}

  static async load(sql: Sql): Promise<OfficeTree> {
    return (await OfficeTree.loadVersioned(sql)).value;
  }

  /** The tree with the `reference_version` it was read at (one statement: one snapshot), for `ReferenceCache`. */
  static async loadVersioned(sql: Sql): Promise<{ version: number; value: OfficeTree }> {
    const { rows } = await sql.query<{
      version: string | number;
      offices: { id: string; parent: string | null }[] | null;
    }>(
      `SELECT (SELECT version FROM reference_version) AS version,
              (SELECT json_agg(json_build_object('id', id, 'parent', body->>'parentId')) FROM docs WHERE collection = 'offices' AND NOT deleted) AS offices`,
    );
    const row = rows[0];
    return {
      version: Number(row?.version ?? 0),
      value: new OfficeTree(new Map((row?.offices ?? []).map((o) => [o.id, o.parent ?? '']))),
    };
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

/**
 * Who may write to a matter (`officeIds`) and who receives it: those offices but the `accused` (第三十条第三款).
 * The two differ only for an office that registered a 检举控告 against itself (see `foldAccess`).
 */
export interface CaseAccess {
  readonly caseId: string;
  readonly officeIds: readonly string[];
  readonly accused: readonly string[];
  readonly registered: boolean;
}

/** A matter's access after a fold, the offices it added, and whether the stored row must change. */
export interface AccessChange {
  readonly access: CaseAccess;
  readonly added: readonly string[];
  readonly store: boolean;
}

/**
 * Folds each matter from all its events (the same fold the desks run) and grows its audience. Pure: the caller
 * read `before` and the stored events under the matters' locks, and adds the events it is writing.
 */
export function foldAccess(
  tree: OfficeTree,
  caseIds: readonly string[],
  before: ReadonlyMap<string, CaseAccess>,
  events: ReadonlyMap<string, readonly CaseEvent[]>,
): Map<string, AccessChange> {
  const result = new Map<string, AccessChange>();
  for (const caseId of caseIds) {
    const old = before.get(caseId);
    const projection = foldCase(events.get(caseId) ?? [], defaultCalendar);
    if (!projection) {
      result.set(caseId, {
        access: old ?? { caseId, officeIds: [], accused: [], registered: false },
        added: [],
        store: false,
      });
      continue;
    }
    // 第三十条第三款: a 检举控告 (restricted) matter never reaches the offices it accuses, named at 登记 or added by a
    // later act, and an office once kept out stays out. A complaint of any other class about an office is that
    // office's to handle under 属地管理 (第二十二条): it is seen there and may be forwarded there.
    const accused = [
      ...new Set([...(old?.accused ?? []), ...(projection.restricted ? projection.accusedOfficeIds : [])]),
    ];
    // An office accused in what it registered itself holds what the petitioner brought it: it may still write its
    // 登记 and route the matter out (第四十四条第一项), but as one of the `accused` it receives nothing of it.
    const registrar = projection.registeringOfficeId;
    const audience = tree.caseAudience([...projection.officeIds], accused);
    const officeIds = [...new Set([...(old?.officeIds ?? []), ...audience, registrar])]
      .filter((id) => id === registrar || !accused.includes(id))
      .sort();
    const added = officeIds.filter((id) => !(old?.officeIds ?? []).includes(id) && !accused.includes(id));
    // Accused offices only grow, and officeIds lose nothing but them: the sizes tell whether the row changed.
    const changed =
      !old?.registered ||
      added.length > 0 ||
      accused.length !== old.accused.length ||
      officeIds.length !== old.officeIds.length;
    result.set(caseId, { access: { caseId, officeIds, accused, registered: true }, added, store: changed });
  }
  return result;
}

/** What a 信访人's matters say about who sees it: their audiences, and the offices their 检举控告 accuse. */
export interface PetitionerReach {
  readonly caseOffices: readonly string[];
  readonly accused: readonly string[];
}

/**
 * The offices that see each petitioner: its owner office (`owners`: petitioner id → office) and the audience of
 * each of its matters (`reach`, read under the petitioners' locks; the county is in its townships'), but never an
 * office one of its 检举控告 matters accuses, the county's own bureau included: who accused is restricted with the
 * accusation (第三十条第三款, 第四十六条第五项). The owner's superiors see it only through its matters: a desk pushes a
 * new 信访人 and the 登记 that links it in either order, and the 信访人 of an accusation against the county must not
 * reach the county before its 登记 says so.
 */
export function petitionerSeers(
  owners: ReadonlyMap<string, string>,
  reach: ReadonlyMap<string, PetitionerReach>,
): Map<string, string[]> {
  return new Map(
    [...owners].map(([id, owner]) => {
      const r = reach.get(id);
      const seers = new Set([owner, ...(r?.caseOffices ?? [])]);
      for (const accused of r?.accused ?? []) seers.delete(accused);
      return [id, [...seers]];
    }),
  );
}

/** The offices that receive a matter: those that may write to it but the ones it accuses (第三十条第三款). */
export function caseSeers(access: CaseAccess): string[] {
  return access.officeIds.filter((id) => !access.accused.includes(id));
}
