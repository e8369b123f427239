import type { UserDoc } from '#shared/domain/documents';
import type { Sql } from '../db/database';
import { OfficeTree } from './visibility';

/**
 * The offices and each office's users, kept in the process: every push needs them, and only the admin command
 * changes them. A trigger bumps `reference_version` in the same transaction as any change to those documents
 * (migration 3), and every request reads that version with its device check (`Auth.verify`, the same round
 * trip), so a request never uses data older than its own snapshot: a user added by the admin command can push at
 * once, and several server processes on one database stay correct without any message between them.
 */
export type OfficeUsers = ReadonlyMap<string, ServerUser>;

/** A user as the server checks pushes against them: the document, and when they were disabled (never replicated). */
export interface ServerUser extends UserDoc {
  readonly disabledAt: string | null;
}

interface Entry<T> {
  readonly version: number;
  readonly value: T;
}

export class ReferenceCache {
  private tree: Entry<OfficeTree> | undefined;
  private readonly users = new Map<string, Entry<OfficeUsers>>();

  constructor(private readonly sql: Sql) {}

  /** The office tree as of `version` or later. */
  async officeTree(version: number): Promise<OfficeTree> {
    if (this.tree && this.tree.version >= version) return this.tree.value;
    const loaded = await OfficeTree.loadVersioned(this.sql);
    this.tree = newer(this.tree, loaded);
    return loaded.value;
  }

  /** The users of an office as of `version` or later. */
  async officeUsers(officeId: string, version: number): Promise<OfficeUsers> {
    const known = this.users.get(officeId);
    if (known && known.version >= version) return known.value;
    // Read with the version in one statement, so the entry is exactly the state of that version.
    const { rows } = await this.sql.query<{ version: string | number; users: ServerUser[] | null }>(
      `SELECT (SELECT version FROM reference_version) AS version,
              (SELECT json_agg(d.body || jsonb_build_object('disabledAt', c.disabled_at))
               FROM docs d LEFT JOIN credentials c ON c.user_id = d.id
               WHERE d.collection = 'users' AND d.body->>'officeId' = $1) AS users`,
      [officeId],
    );
    const row = rows[0];
    const loaded = { version: Number(row?.version ?? 0), value: new Map((row?.users ?? []).map((u) => [u.id, u])) };
    const kept = newer(this.users.get(officeId), loaded);
    this.users.set(officeId, kept);
    return loaded.value;
  }
}

/** Two loads may finish out of order: keep the one of the later version. */
function newer<T>(a: Entry<T> | undefined, b: Entry<T>): Entry<T> {
  return a && a.version > b.version ? a : b;
}
