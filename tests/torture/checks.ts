import { demoOffices } from '#shared/demo/county';
import { defaultCalendar } from '#shared/domain/calendar';
import type { CaseEvent } from '#shared/domain/case-types';
import { foldCase } from '#shared/domain/fold';
import { officeTree } from '#shared/domain/office-tree';
import type { Inventory } from './desk-process';

/**
 * The end-of-run checks of the torture suite, over what the county server's database holds and what every desk
 * holds after healing. Who may see what is worked out here from the events themselves, as the rules say it
 * (design.md §3, 第三十条第三款), not read from the server's own access tables: a matter is seen by every office that
 * has held it and the offices above them, but never by an office a 检举控告 accuses; a 信访人 by the office that
 * recorded it and the seers of its matters, but never by an office one of its 检举控告 accuses.
 */

/** A write the desk answered with a success (what a user was told was saved). */
export type AnsweredWrite =
  | {
      readonly kind: 'register';
      readonly desk: number;
      readonly caseId: string;
      readonly petitionId: string;
      readonly petitionerIds: readonly string[];
    }
  | {
      readonly kind: 'link';
      readonly desk: number;
      readonly caseId: string;
      readonly petitionId: string;
      readonly petitionerIds: readonly string[];
    }
  | {
      readonly kind: 'act';
      readonly desk: number;
      readonly caseId: string;
      readonly eventId: string;
      readonly type: string;
    };

/** What the server's database holds (docs table, every server process's). */
export interface ServerHoldings {
  /** In the order the server took them (each event's first feed sequence). */
  readonly events: readonly CaseEvent[];
  readonly petitions: readonly { id: string; caseId: string }[];
  readonly petitioners: readonly { id: string; officeId: string }[];
  /** The per-office feed rows, as `office collection docId`: what each office's pulls can return. */
  readonly feed: ReadonlySet<string>;
}

export interface DeskHoldings {
  readonly index: number;
  readonly officeId: string;
  readonly inventory: Inventory;
  /** The desk's sync status after healing: online with nothing pending, or it is stranded. */
  readonly status: { readonly state: string; readonly pending: number; readonly lastError?: string };
  /** When the desk was killed (ISO times), to tell what a kill cut short. */
  readonly killedAt: readonly string[];
}

/** Failures by check, each with a few examples; `checks` counts every individual comparison made. */
export interface CheckReport {
  checks: number;
  readonly failures: Map<string, string[]>;
}

const tree = officeTree(demoOffices.map((o) => ({ ...o })));
const withSuperiors = (officeId: string): string[] => {
  const chain: string[] = [];
  for (
    let id: string | undefined = officeId;
    id && !chain.includes(id);
    id = demoOffices.find((o) => o.id === id)?.parentId
  )
    chain.push(id);
  return chain;
};

interface Matter {
  /** The offices that see the matter as all its events fold now: each must have all of it. */
  readonly seers: ReadonlySet<string>;
  /**
   * The offices the server may have given it to: a matter's audience only grows (migrations.ts, `case_access`), so an
   * office that saw the matter as the events then taken folded keeps it, though a later event arriving from an
   * offline desk made the act that named it a conflict. The union of the folds of every prefix in the server's order
   * (never the accused of a 检举控告, which the server keeps out whatever the order).
   */
  readonly mayReach: ReadonlySet<string>;
  readonly accused: readonly string[];
  readonly petitionerIds: ReadonlySet<string>;
}

/** Each matter on the server folded: who sees it, whom it accuses, and the 信访人 its 登记 and 重件 name. */
function matters(server: ServerHoldings): Map<string, Matter | undefined> {
  const byCase = new Map<string, CaseEvent[]>();
  for (const e of server.events) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
  const result = new Map<string, Matter | undefined>();
  for (const [caseId, events] of byCase) {
    const c = foldCase(events, defaultCalendar, tree);
    if (!c) {
      result.set(caseId, undefined);
      continue;
    }
    const accused = c.restricted ? [...c.accusedOfficeIds] : [];
    const seers = new Set(c.officeIds.flatMap(withSuperiors).filter((o) => !accused.includes(o)));
    const mayReach = new Set(seers);
    for (let n = 1; n < events.length; n++)
      for (const o of foldCase(events.slice(0, n), defaultCalendar, tree)?.officeIds ?? [])
        for (const s of withSuperiors(o)) if (!accused.includes(s)) mayReach.add(s);
    const petitionerIds = new Set(
      events.flatMap((e) =>
        e.type === 'register' || e.type === 'link'
          ? ((e.payload as { petitionerIds?: string[] }).petitionerIds ?? [])
          : [],
      ),
    );
    result.set(caseId, { seers, mayReach, accused, petitionerIds });
  }
  return result;
}

/** Who sees each 信访人 on the server: through its matters' `seers`, or (`reach`) their `mayReach`. */
function petitionerSeers(
  server: ServerHoldings,
  all: Map<string, Matter | undefined>,
  reach: 'seers' | 'mayReach' = 'seers',
): Map<string, Set<string>> {
  const seers = new Map(server.petitioners.map((p) => [p.id, new Set([p.officeId])]));
  const accused = new Map<string, Set<string>>();
  for (const m of all.values()) {
    if (!m) continue;
    for (const p of m.petitionerIds) {
      for (const o of m[reach]) seers.get(p)?.add(o);
      for (const o of m.accused) accused.set(p, new Set([...(accused.get(p) ?? []), o]));
    }
  }
  for (const [p, offices] of accused) for (const o of offices) seers.get(p)?.delete(o);
  return seers;
}

export function checkRun(
  server: ServerHoldings,
  desks: readonly DeskHoldings[],
  answered: readonly AnsweredWrite[],
): CheckReport {
  const report: CheckReport = { checks: 0, failures: new Map() };
  const expect = (ok: boolean, check: string, detail: () => string) => {
    report.checks += 1;
    if (ok) return;
    const list = report.failures.get(check) ?? [];
    list.push(detail());
    report.failures.set(check, list);
  };
  const all = matters(server);
  const pSeers = petitionerSeers(server, all);
  const pMayReach = petitionerSeers(server, all, 'mayReach');
  const serverEvents = new Map(server.events.map((e) => [e.id, e]));
  const serverPetitions = new Set(server.petitions.map((p) => p.id));
  const serverPetitioners = new Set(server.petitioners.map((p) => p.id));
  const registers = countBy(server.events.filter((e) => e.type === 'register').map((e) => e.caseId));
  const links = countBy(
    server.events
      .filter((e) => e.type === 'link')
      .map((e) => String((e.payload as { petitionId?: string }).petitionId)),
  );
  const held = desks.map((d) => ({
    ...d,
    events: new Set(d.inventory.events.map((e) => e.id)),
    registers: countBy(d.inventory.events.filter((e) => e.type === 'register').map((e) => e.caseId)),
    links: countBy(d.inventory.events.filter((e) => e.type === 'link').map((e) => e.petitionId ?? '')),
    petitions: new Set(d.inventory.petitions.map((p) => p.id)),
    petitioners: new Set(d.inventory.petitioners),
    cases: new Set(d.inventory.cases),
  }));
  const answeredBy = new Map(
    answered.flatMap((w) =>
      w.kind === 'act'
        ? [[w.eventId, w.desk] as const]
        : w.kind === 'register'
          ? [[`register ${w.caseId}`, w.desk] as const]
          : [],
    ),
  );
  const entitled = (caseId: string) => held.filter((d) => all.get(caseId)?.seers.has(d.officeId));
  const at = (d: { index: number; officeId: string }) => `desk ${d.index} (${d.officeId})`;
  const fed = (officeId: string, collection: string, id: string) => server.feed.has(`${officeId} ${collection} ${id}`);
  // Where a desk lacks something, whether its office's feed holds it: yes, the desk lost it (or never pulled it);
  // no, the server never gave it to the office.
  const inFeed = (d: { officeId: string }, collection: string, id: string) =>
    fed(d.officeId, collection, id) ? ' [in the office feed]' : ' [NOT in the office feed]';

  // 1. No answered write is missing: on the server, at the desk that answered, at every desk entitled to it; none doubled.
  for (const w of answered) {
    const answering = held.find((d) => d.index === w.desk)!;
    const where = [answering, ...entitled(w.caseId).filter((d) => d !== answering)];
    if (w.kind === 'act') {
      expect(
        serverEvents.has(w.eventId),
        'answered act missing on the server',
        () => `${w.type} ${w.eventId} of ${w.caseId} (desk ${w.desk})`,
      );
      for (const d of where)
        expect(
          d.events.has(w.eventId),
          'answered act missing at a desk',
          () =>
            `${w.type} ${w.eventId} of ${w.caseId} (answered by desk ${w.desk}) at ${at(d)}${inFeed(d, 'case_events', w.eventId)}`,
        );
      continue;
    }
    const [count, deskCount, what] =
      w.kind === 'register'
        ? [
            registers.get(w.caseId) ?? 0,
            (d: (typeof held)[number]) => d.registers.get(w.caseId) ?? 0,
            `登记 of ${w.caseId}`,
          ]
        : [
            links.get(w.petitionId) ?? 0,
            (d: (typeof held)[number]) => d.links.get(w.petitionId) ?? 0,
            `重件 ${w.petitionId} of ${w.caseId}`,
          ];
    expect(count >= 1, `answered ${w.kind} missing on the server`, () => `${what} (desk ${w.desk})`);
    expect(count <= 1, `${w.kind} doubled on the server`, () => `${what}: ${count}`);
    expect(
      serverPetitions.has(w.petitionId),
      'answered 信访件 missing on the server',
      () => `${w.petitionId} of ${w.caseId} (desk ${w.desk})`,
    );
    for (const p of w.petitionerIds)
      expect(serverPetitioners.has(p), 'answered 信访人 missing on the server', () => `${p} (desk ${w.desk})`);
    for (const d of where) {
      expect(
        deskCount(d) === 1,
        deskCount(d) === 0 ? `answered ${w.kind} missing at a desk` : `${w.kind} doubled at a desk`,
        () =>
          `${what} (answered by desk ${w.desk}) at ${at(d)}: ${deskCount(d)}${inFeed(d, 'petitions', w.petitionId)}`,
      );
      expect(
        d.petitions.has(w.petitionId),
        'answered 信访件 missing at a desk',
        () =>
          `${w.petitionId} of ${w.caseId} (answered by desk ${w.desk}) at ${at(d)}${inFeed(d, 'petitions', w.petitionId)}`,
      );
    }
    for (const p of w.petitionerIds) {
      for (const d of held.filter((h) => h === answering || pSeers.get(p)?.has(h.officeId))) {
        expect(
          d.petitioners.has(p),
          'answered 信访人 missing at a desk',
          () => `${p} of ${w.caseId} (answered by desk ${w.desk}) at ${at(d)}${inFeed(d, 'petitioners', p)}`,
        );
      }
    }
  }

  // 2. Everything the server holds reached every desk entitled to it (answered or not: a write whose answer a kill
  // cut off, a desk's pushes after a restart), and nothing a desk holds stayed behind on it.
  for (const e of server.events)
    for (const d of entitled(e.caseId))
      expect(
        d.events.has(e.id),
        'server event missing at an entitled desk',
        () => `${e.type} ${e.id} of ${e.caseId} at ${at(d)}${inFeed(d, 'case_events', e.id)}`,
      );
  for (const p of server.petitions)
    for (const d of entitled(p.caseId))
      expect(
        d.petitions.has(p.id),
        'server 信访件 missing at an entitled desk',
        () => `${p.id} of ${p.caseId} at ${at(d)}`,
      );
  for (const [p, seers] of pSeers)
    for (const d of held.filter((h) => seers.has(h.officeId)))
      expect(d.petitioners.has(p), 'server 信访人 missing at an entitled desk', () => `${p} at ${at(d)}`);
  // The server's side of it: every office with a desk has in its feed what it may see, and an accused office nothing.
  const deskOffices = [...new Set(held.map((d) => d.officeId))];
  for (const [caseId, m] of all) {
    if (!m) continue;
    const docs = [
      ...server.events.filter((e) => e.caseId === caseId).map((e) => ['case_events', e.id] as const),
      ...server.petitions.filter((p) => p.caseId === caseId).map((p) => ['petitions', p.id] as const),
    ];
    for (const office of deskOffices) {
      for (const [collection, id] of docs) {
        if (m.seers.has(office))
          expect(
            fed(office, collection, id),
            'server feed lacks a document for an entitled office',
            () => `${collection} ${id} of ${caseId} for ${office}`,
          );
        else if (!m.mayReach.has(office))
          expect(
            !fed(office, collection, id),
            'server feed gives a document to an office not entitled to it',
            () =>
              `${collection} ${id} of ${caseId} for ${office}${m.accused.includes(office) ? ' (accused: 第三十条第三款)' : ''}`,
          );
      }
    }
  }
  for (const [p, seers] of pSeers) {
    for (const office of deskOffices) {
      if (seers.has(office))
        expect(
          fed(office, 'petitioners', p),
          'server feed lacks a 信访人 for an entitled office',
          () => `${p} for ${office}`,
        );
      else if (!pMayReach.get(p)?.has(office))
        expect(
          !fed(office, 'petitioners', p),
          'server feed gives a 信访人 to an office not entitled to it',
          () => `${p} for ${office}`,
        );
    }
  }
  for (const d of held) {
    for (const e of d.inventory.events)
      expect(
        serverEvents.has(e.id),
        'desk event never reached the server',
        () => `${e.type} ${e.id} of ${e.caseId} at ${at(d)}`,
      );
    for (const [caseId, n] of d.registers)
      expect(n === 1, '登记 doubled at a desk', () => `${caseId} at ${at(d)}: ${n}`);
  }
  for (const d of held)
    expect(
      d.status.state === 'online' && d.status.pending === 0,
      'desk not in sync after healing',
      () => `${at(d)}: ${JSON.stringify(d.status)}`,
    );
  for (const [caseId, n] of registers) expect(n === 1, '登记 doubled on the server', () => `${caseId}: ${n}`);
  for (const [caseId, m] of all) expect(m !== undefined, 'matter without a 登记 on the server', () => caseId);

  // 3. Every projection equals a fresh fold of the desk's events (checked in the desk process, see desk-process.ts).
  for (const d of held) {
    const by = (key: string) =>
      answeredBy.has(key)
        ? `answered by desk ${answeredBy.get(key)}`
        : 'not answered here (replicated, or cut by a kill)';
    for (const w of d.inventory.wrongProjections) {
      const unfolded = w.unfolded.map(
        (e) => `${e.type} recorded ${e.recordedAt} ${by(e.type === 'register' ? `register ${w.caseId}` : e.id)}`,
      );
      expect(
        false,
        'projection differs from a fresh fold',
        () =>
          `${w.caseId} at ${at(d)}: ${w.why}; not folded: ${unfolded.join(', ')}; desk killed at ${d.killedAt.join(', ') || 'never'}`,
      );
    }
    // A matter whose 登记 the desk holds is listed (case-get finds it), whatever else it lacks.
    for (const caseId of d.registers.keys())
      expect(d.cases.has(caseId), 'matter with its 登记 but no projection at a desk', () => `${caseId} at ${at(d)}`);
  }

  // 4. 第三十条第三款: nothing of a 检举控告 — events, 信访件, the accuser's 信访人 — at a desk of an office it accuses;
  // and, more broadly, nothing at a desk of an office not entitled to it.
  for (const [caseId, m] of all) {
    if (!m) continue;
    for (const d of held.filter((h) => m.accused.includes(h.officeId))) {
      const events = d.inventory.events.filter((e) => e.caseId === caseId).length;
      const petitions = d.inventory.petitions.filter((p) => p.caseId === caseId).length;
      const accusers = [...m.petitionerIds].filter((p) => d.petitioners.has(p));
      expect(
        events === 0 && petitions === 0 && !d.cases.has(caseId),
        '第三十条第三款 检举控告 at an accused office',
        () => `${caseId}: ${events} events, ${petitions} 信访件 at ${at(d)}`,
      );
      expect(
        accusers.length === 0,
        '第三十条第三款 accuser’s 信访人 at an accused office',
        () => `${accusers.join(', ')} of ${caseId} at ${at(d)}`,
      );
    }
  }
  for (const d of held) {
    for (const e of d.inventory.events) {
      const m = all.get(e.caseId);
      if (m)
        expect(
          m.mayReach.has(d.officeId),
          'event at a desk not entitled to it',
          () => `${e.type} ${e.id} of ${e.caseId} at ${at(d)}`,
        );
    }
    for (const p of d.petitioners) {
      const seers = pMayReach.get(p);
      if (seers) expect(seers.has(d.officeId), '信访人 at a desk not entitled to it', () => `${p} at ${at(d)}`);
    }
  }
  return report;
}

function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}
