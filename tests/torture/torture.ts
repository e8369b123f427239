import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '#shared/contract/errors';
import { DEMO_PASSWORD } from '#shared/demo/county';
import type { CaseEvent } from '#shared/domain/case-types';
import type { ActType } from '#shared/domain/act-payloads';
import { seeded as seededDatabase, testDatabase } from '../src-server/support';
import { offices, payloadFor, pick, seeded, walkInFor, type DeskOffice, type Random } from './acts';
import { checkRun, type AnsweredWrite, type CheckReport, type DeskHoldings, type ServerHoldings } from './checks';
import { DeskProcess, freePort, ServerProcess } from './processes';
import { FaultProxy, type FaultKind, type FaultRates } from './proxy';

/**
 * The torture run: desks of several offices (real desk cores on SQLite files, each in its own process)
 * do random legal acts against two county server processes on one PostgreSQL database, through fault-injecting
 * proxies, while desks are killed with SIGKILL mid-write and a server is killed and restarted. Then every fault is
 * lifted, every desk syncs until nothing changes any more, and `checkRun` compares what everyone holds.
 */
export interface TortureOptions {
  readonly seed: number;
  /** The office of each desk; desks alternate between the two servers. */
  readonly desks: readonly DeskOffice[];
  /** The run ends after this many acts in all, or after `durationMs`, whichever comes first. */
  readonly acts: number;
  readonly durationMs: number;
  readonly rates: FaultRates;
  /** Chance, per step of a desk, that its next write is cut by SIGKILL. */
  readonly killRate: number;
  /** Time allowed for every desk to sync until quiet after the faults end. */
  readonly healMs: number;
  readonly log?: (line: string) => void;
}

export interface TortureReport {
  readonly seed: number;
  readonly acts: Record<string, number>;
  /** Acts the desk refused, by act and reason code (offered, yet refused for its payload or after a race). */
  readonly refused: Record<string, number>;
  readonly faults: Record<FaultKind | 'desk-kill' | 'server-restart' | 'unknown-outcome', number>;
  readonly eventsPerDesk: readonly {
    desk: number;
    office: string;
    kills: number;
    status: string;
    events: number;
    petitions: number;
    petitioners: number;
  }[];
  readonly serverEvents: number;
  readonly server5xx: number;
  readonly quiet: boolean;
  readonly healRounds: number;
  /** Seconds spent opening, acting, healing and checking. */
  readonly phases: Record<'open' | 'act' | 'heal' | 'check', number>;
  readonly checks: CheckReport;
}

interface Slot {
  readonly index: number;
  readonly office: DeskOffice;
  readonly dir: string;
  desk: DeskProcess;
  login: string | undefined;
  readonly killedAt: string[];
  /** 信访人 this desk registered outside any 检举控告: a later walk-in may be one of them again. */
  readonly known: string[];
  readonly random: Random;
  /** What the desk is doing now (the progress line names a desk that hangs). */
  doing: string;
}

export async function torture(options: TortureOptions): Promise<TortureReport> {
  const log = options.log ?? (() => undefined);
  const opening = Date.now();
  const tdb = await testDatabase('pg');
  const db = await seededDatabase(await tdb.open());
  const servers = [new ServerProcess(tdb.url!, await freePort()), new ServerProcess(tdb.url!, await freePort())];
  const dirs: string[] = [];
  const slots: Slot[] = [];
  const proxies: FaultProxy[] = [];
  try {
    await Promise.all(servers.map((s) => s.start()));
    const chaos = seeded(options.seed);
    for (const s of servers)
      proxies.push(await FaultProxy.start({ host: '127.0.0.1', port: s.port }, seeded(Math.floor(chaos() * 2 ** 32))));
    const seeds = options.desks.map(() => Math.floor(chaos() * 2 ** 32));
    slots.push(
      ...(await Promise.all(
        options.desks.map(async (office, index): Promise<Slot> => {
          const dir = mkdtempSync(join(tmpdir(), `torture-desk-${index}-`));
          dirs.push(dir);
          const desk = await DeskProcess.open(dir);
          const status = await desk.t.invoke('sync-enrol', {
            login: `${offices[office]}-approver`,
            password: DEMO_PASSWORD,
            serverUrl: proxies[index % 2]!.url,
          });
          if (status.state === 'offline' || status.state === 'error')
            throw new Error(`enrol desk ${index}: ${JSON.stringify(status)}`);
          await firstSync(desk, `${offices[office]}-reception`);
          return {
            index,
            office,
            dir,
            desk,
            login: undefined,
            killedAt: [],
            known: [],
            random: seeded(seeds[index]!),
            doing: 'idle',
          };
        }),
      )),
    );
    log(
      `# torture seed ${options.seed}: ${slots.length} desks (${options.desks.join(', ')}), 2 server processes on one PostgreSQL database, ${options.acts} acts or ${Math.round(options.durationMs / 1000)} s`,
    );

    const run = new Run(options, slots, servers, proxies, chaos, log);
    const phases = { open: 0, act: 0, heal: 0, check: 0 };
    let mark = opening;
    const phase = (name: keyof typeof phases) => {
      phases[name] = Math.round((Date.now() - mark) / 100) / 10;
      mark = Date.now();
    };
    phase('open');
    await run.act();
    phase('act');
    const heal = await run.heal();
    phase('heal');
    const [holdings, server] = await Promise.all([
      Promise.all(
        slots.map(async (s): Promise<DeskHoldings> => ({
          index: s.index,
          officeId: s.office,
          inventory: await s.desk.inventory(),
          status: await s.desk.t.invoke('sync-status', {}),
          killedAt: s.killedAt,
        })),
      ),
      serverHoldings(db),
    ]);
    const checks = checkRun(server, holdings, run.answered);
    phase('check');
    return {
      seed: options.seed,
      acts: run.acts,
      refused: run.refused,
      faults: {
        ...sumFaults(proxies),
        'desk-kill': run.kills,
        'server-restart': run.restarts,
        'unknown-outcome': run.unknown,
      },
      eventsPerDesk: holdings.map((h) => ({
        desk: h.index,
        office: h.officeId,
        kills: slots[h.index]!.killedAt.length,
        status: `${h.status.state}/${h.status.pending}${h.status.lastError ? `/${h.status.lastError}` : ''}`,
        events: h.inventory.events.length,
        petitions: h.inventory.petitions.length,
        petitioners: h.inventory.petitioners.length,
      })),
      serverEvents: server.events.length,
      server5xx: servers.reduce((n, s) => n + s.errors, 0),
      quiet: heal.quiet,
      healRounds: heal.rounds,
      phases,
      checks,
    };
  } finally {
    await Promise.all(slots.map((s) => s.desk.close().catch(() => undefined)));
    await Promise.all(proxies.map((p) => p.close()));
    await Promise.all(servers.map((s) => s.stop('SIGTERM')));
    await db.close();
    await tdb.drop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** One run's state: the answered writes, the counts, and the loops that act and inject faults. */
class Run {
  readonly answered: AnsweredWrite[] = [];
  readonly acts: Record<string, number> = {};
  readonly refused: Record<string, number> = {};
  kills = 0;
  restarts = 0;
  /** Writes cut by a kill before their answer: they may or may not have happened. */
  unknown = 0;
  private done = 0;
  private readonly started = Date.now();
  private serial = 0;

  constructor(
    private readonly options: TortureOptions,
    private readonly slots: readonly Slot[],
    private readonly servers: readonly ServerProcess[],
    private readonly proxies: readonly FaultProxy[],
    private readonly chaos: Random,
    private readonly log: (line: string) => void,
  ) {}

  private get over(): boolean {
    return this.done >= this.options.acts || Date.now() - this.started >= this.options.durationMs;
  }

  /** Every desk acts on its own while the chaos loop cuts connections and restarts servers. */
  async act(): Promise<void> {
    for (const p of this.proxies) p.setRates(this.options.rates);
    await Promise.all([...this.slots.map((s) => this.actor(s)), this.chaosLoop()]);
  }

  private async actor(slot: Slot): Promise<void> {
    while (!this.over) {
      if (!slot.desk.alive) await this.reopen(slot);
      const kill = slot.random() < this.options.killRate;
      const choice = slot.random();
      try {
        if (choice < 0.3) await this.register(slot, kill);
        else if (choice < 0.35) await this.relink(slot, kill);
        else if (choice < 0.95) await this.actOn(slot, kill);
        else await slot.desk.t.invoke('sync-now', {});
      } catch (error) {
        // A read the desk refused (a matter it lists but cannot open, say) is counted; a dead desk is reopened.
        if (error instanceof ApiError)
          this.refused[`read: ${error.code}`] = (this.refused[`read: ${error.code}`] ?? 0) + 1;
        else if (!(error instanceof Error && error.message === 'desk process exited')) throw error;
      }
    }
  }

  /**
   * Cuts open connections every ~300 ms, and kills (SIGKILL or SIGTERM) and restarts one server at 25 % of the run
   * and the other at 55 %; the cuts go on while a server is down.
   */
  private async chaosLoop(): Promise<void> {
    const restartAt = [0.25, 0.55];
    const restarts: Promise<void>[] = [];
    let reported = Date.now();
    while (!this.over) {
      await new Promise((resolve) => setTimeout(resolve, 150 + this.chaos() * 300));
      if (Date.now() - reported > 5_000) {
        reported = Date.now();
        this.log(
          `# ${Math.round((reported - this.started) / 1000)} s: ${this.done} acts, ${this.kills} kills; ${this.slots.map((s) => `#${s.index} ${s.doing}`).join('; ')}`,
        );
      }
      const proxy = pick(this.chaos, this.proxies);
      if (this.chaos() < 0.5) proxy.cut(this.chaos() < 0.75 ? 'reset' : 'half-open', 0.3);
      const progress = Math.max(this.done / this.options.acts, (Date.now() - this.started) / this.options.durationMs);
      if (restartAt.length > 0 && progress >= restartAt[0]!) {
        restartAt.shift();
        restarts.push(
          this.restart(
            this.servers[restarts.length % this.servers.length]!,
            this.chaos() < 0.5 ? 'SIGKILL' : 'SIGTERM',
          ),
        );
      }
    }
    await Promise.all(restarts);
  }

  private async restart(server: ServerProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
    this.log(`# ${signal} server on :${server.port}, restarting it`);
    await server.stop(signal);
    await server.start();
    this.restarts += 1;
  }

  private async reopen(slot: Slot): Promise<void> {
    slot.doing = 'reopening';
    slot.desk = await DeskProcess.open(slot.dir);
    slot.doing = 'idle';
    slot.login = undefined;
  }

  private async loginAs(slot: Slot, role: 'reception' | 'handler' | 'approver'): Promise<void> {
    const login = `${offices[slot.office]}-${role}`;
    if (slot.login === login) return;
    slot.doing = `login ${login}`;
    await slot.desk.t.invoke('session-logout', {});
    await slot.desk.t.invoke('session-login', { login, password: DEMO_PASSWORD });
    slot.login = login;
  }

  /**
   * Sends one write; with `kill`, SIGKILLs the desk 0–40 ms after sending it. Returns the answer, undefined when the
   * desk refused it (counted by code) or died before answering (an unknown outcome).
   */
  private async write<T>(slot: Slot, kind: string, kill: boolean, send: () => Promise<T>): Promise<T | undefined> {
    this.done += 1;
    this.acts[kind] = (this.acts[kind] ?? 0) + 1;
    slot.doing = kill ? `${kind} (to be killed)` : kind;
    const sent = send().then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (kill) {
      await new Promise((resolve) => setTimeout(resolve, slot.random() * 40));
      this.kills += 1;
      await slot.desk.kill();
      slot.killedAt.push(new Date().toISOString());
    }
    const outcome = await sent;
    slot.doing = 'idle';
    if ('value' in outcome) return outcome.value;
    if (outcome.error instanceof ApiError) {
      const key = `${kind}: ${outcome.error.code}`;
      this.refused[key] = (this.refused[key] ?? 0) + 1;
      return undefined;
    }
    if (outcome.error instanceof Error && outcome.error.message === 'desk process exited') {
      this.unknown += 1;
      return undefined;
    }
    throw outcome.error;
  }

  private async register(slot: Slot, kill: boolean): Promise<void> {
    await this.loginAs(slot, 'reception');
    const serial = `${slot.index}-${++this.serial}`;
    const { registration, accused } = walkInFor(slot.random, slot.office, serial, slot.known);
    const result = await this.write(slot, accused.length > 0 ? 'register 检举控告' : 'register', kill, () =>
      slot.desk.t.invoke('petition-register', { registration, case: { kind: 'new' } }),
    );
    if (!result) return;
    this.answered.push({
      kind: 'register',
      desk: slot.index,
      caseId: result.caseId,
      petitionId: result.petitionId,
      petitionerIds: result.petitionerIds,
    });
    if (accused.length === 0) slot.known.push(...result.petitionerIds);
  }

  /** A matter the desk lists, read whole (undefined when it lists none it may read). */
  private async someCase(slot: Slot) {
    slot.doing = 'reading a matter';
    const list = await slot.desk.t.invoke('case-list', {
      filter: {},
      page: { offset: 0, limit: 200 },
      withTotal: false,
    });
    const readable = list.items.filter((i) => !i.masked);
    if (readable.length === 0) return undefined;
    return slot.desk.t.invoke('case-get', { id: pick(slot.random, readable).id });
  }

  /** 重件: a new person's petition linked to a matter the desk lists (第十九条第三款). */
  private async relink(slot: Slot, kill: boolean): Promise<void> {
    await this.loginAs(slot, 'reception');
    const detail = await this.someCase(slot);
    if (!detail || !detail.allowedActs.includes('link')) return;
    const serial = `${slot.index}-${++this.serial}`;
    const { registration } = walkInFor(() => 0.99, slot.office, serial, []); // 0.99: never an accusation, always a new person
    const result = await this.write(slot, 'link', kill, () =>
      slot.desk.t.invoke('petition-register', {
        registration: { ...registration, class: detail.case.class },
        case: { kind: 'link', caseId: detail.case.id },
      }),
    );
    if (result)
      this.answered.push({
        kind: 'link',
        desk: slot.index,
        caseId: result.caseId,
        petitionId: result.petitionId,
        petitionerIds: result.petitionerIds,
      });
  }

  /** An act the desk offers the signed-in handler or 负责人 on a matter it lists. */
  private async actOn(slot: Slot, kill: boolean): Promise<void> {
    await this.loginAs(slot, slot.random() < 0.5 ? 'handler' : 'approver');
    const detail = await this.someCase(slot);
    if (!detail) return this.register(slot, kill);
    const serial = `${slot.index}-${++this.serial}`;
    const offered = detail.allowedActs.filter((a) => a !== 'link');
    for (let tries = 0; tries < 4 && offered.length > 0; tries++) {
      const type = pick(slot.random, offered) as ActType;
      const payload = payloadFor(slot.random, type, detail.case, slot.office, serial);
      if (!payload) continue;
      const result = await this.write(slot, type, kill, () =>
        slot.desk.t.invoke('case-act', { caseId: detail.case.id, type: type as Exclude<ActType, 'register'>, payload }),
      );
      if (result)
        this.answered.push({
          kind: 'act',
          desk: slot.index,
          caseId: detail.case.id,
          eventId: result.event.id,
          type: result.event.type,
        });
      return;
    }
  }

  /**
   * Every fault off; then every desk syncs, round after round, until a round changes nothing anywhere (every desk
   * reports nothing pending and holds what it held a round before) or `healMs` runs out.
   */
  async heal(): Promise<{ quiet: boolean; rounds: number }> {
    for (const p of this.proxies) p.heal();
    const deadline = Date.now() + this.options.healMs;
    let last = '';
    let unchanged = 0;
    for (let round = 1; Date.now() < deadline; round++) {
      for (const s of this.slots) if (!s.desk.alive) await this.reopen(s);
      const statuses = await Promise.all(this.slots.map((s) => s.desk.t.invoke('sync-now', {})));
      const inventories = await Promise.all(this.slots.map((s) => s.desk.inventory()));
      const state = JSON.stringify([
        statuses.map((st) => [st.state, st.pending, st.lastError]),
        inventories.map((i) => [
          i.events.length,
          i.petitions.length,
          i.petitioners.length,
          i.cases.length,
          i.wrongProjections.length,
        ]),
      ]);
      this.log(`# heal round ${round}: ${state}`);
      unchanged = state === last ? unchanged + 1 : 0;
      last = state;
      // Quiet: every desk online with nothing pending, held still for two rounds; or nothing at all moved for four
      // rounds (a stranded desk stays stranded: the checks say so).
      const synced = statuses.every((st) => st.pending === 0 && st.state === 'online');
      if ((synced && unchanged >= 2) || unchanged >= 4) return { quiet: true, rounds: round };
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    return { quiet: false, rounds: -1 };
  }
}

/** Syncs a new desk until its users have arrived (a desk logs in offline, with the users it replicated). */
async function firstSync(desk: DeskProcess, login: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    await desk.t.invoke('sync-now', {});
    const ok = await desk.t.invoke('session-login', { login, password: DEMO_PASSWORD }).then(
      () => true,
      () => false,
    );
    if (ok) return void (await desk.t.invoke('session-logout', {}));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no users at the desk of ${login} after its first sync`);
}

function sumFaults(proxies: readonly FaultProxy[]): Record<FaultKind, number> {
  const sum: Record<FaultKind, number> = { drop: 0, reset: 0, 'lost-answer': 0, 'half-open': 0, delay: 0 };
  for (const p of proxies) for (const k of Object.keys(sum) as FaultKind[]) sum[k] += p.counts[k];
  return sum;
}

async function serverHoldings(db: Awaited<ReturnType<typeof seededDatabase>>): Promise<ServerHoldings> {
  const docs = async <T>(collection: string, select: string) =>
    (await db.query<T>(`SELECT ${select} FROM docs WHERE collection = $1 AND NOT deleted`, [collection])).rows;
  const [events, petitions, petitioners, feed] = await Promise.all([
    db
      .query<{ body: CaseEvent }>(
        `SELECT d.body FROM docs d LEFT JOIN (SELECT doc_id, min(seq) AS seq FROM feed WHERE collection = 'case_events' GROUP BY doc_id) f ON f.doc_id = d.id
       WHERE d.collection = 'case_events' AND NOT d.deleted ORDER BY f.seq NULLS LAST, d.id`,
      )
      .then((r) => r.rows),
    docs<{ id: string; case_id: string }>('petitions', 'id, case_id'),
    docs<{ id: string; office_id: string }>('petitioners', 'id, office_id'),
    db.query<{ key: string }>(
      `SELECT office_id || ' ' || collection || ' ' || doc_id AS key FROM feed WHERE collection IN ('case_events', 'petitions', 'petitioners')`,
    ),
  ]);
  return {
    events: events.map((r) => r.body),
    petitions: petitions.map((p) => ({ id: p.id, caseId: p.case_id })),
    petitioners: petitioners.map((p) => ({ id: p.id, officeId: p.office_id })),
    feed: new Set(feed.rows.map((r) => r.key)),
  };
}

/** The report as printed lines: counts first, then each failed check with a few examples. */
export function describe(report: TortureReport): string[] {
  const lines = [
    `seed ${report.seed}`,
    `acts: ${JSON.stringify(report.acts)}`,
    `refused by the desk: ${JSON.stringify(report.refused)}`,
    `faults: ${JSON.stringify(report.faults)}`,
    `events per desk: ${report.eventsPerDesk.map((d) => `#${d.desk} ${d.office} ${d.events} events/${d.petitions} 信访件/${d.petitioners} 信访人 (${d.kills} kills, ${d.status})`).join('; ')}; server ${report.serverEvents} events`,
    `seconds: ${JSON.stringify(report.phases)}`,
    `server 5xx: ${report.server5xx}; healed: ${report.quiet ? `quiet after ${report.healRounds} rounds` : 'NOT quiet before the deadline'}`,
    `checks: ${report.checks.checks} done, ${[...report.checks.failures.values()].reduce((n, l) => n + l.length, 0)} failed`,
  ];
  for (const [check, examples] of report.checks.failures)
    lines.push(`FAILED ${check}: ${examples.length}`, ...examples.slice(0, 5).map((e) => `    ${e}`));
  return lines;
}
