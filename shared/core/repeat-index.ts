import type { CaseProjection } from '../domain/case-types';
import type { PetitionerDoc } from '../domain/documents';
import {
  findRepeats,
  mergeRepeats,
  type PetitionerKey,
  type RepeatCandidate,
  type RepeatInput,
  type RepeatScore,
} from '../domain/repeat';
import type { DeskDatabase } from './database';
import { readAll } from './read-all';
import { sleep } from '../sync/timers';

/**
 * Candidates scored between two yields to the event loop. A scan of 100,000 matters takes about 100 ms; run in one
 * go, a save pressed while the side panel's search runs waited behind all of it in the worker (p95 save 370 ms at
 * 100k against 120 ms on an empty desk).
 */
const SLICE = 5_000;

export function petitionerKey(p: Pick<PetitionerDoc, 'idNumber' | 'phone' | 'name' | 'address'>): PetitionerKey {
  return {
    ...(p.idNumber ? { idNumber: p.idNumber } : {}),
    ...(p.phone ? { phone: p.phone } : {}),
    ...(p.name ? { name: p.name } : {}),
    ...(p.address ? { address: p.address } : {}),
  };
}

/**
 * Repeat detection over every matter on the desk (第十九条第三款, 第三十六条第三款): the candidates (petitioner keys
 * and content profiles) are loaded once, on first use, and kept current by the projector, so a registration is
 * scored against all matters without reading the database.
 */
export class RepeatIndex {
  private candidates: Map<string, RepeatCandidate> | undefined;
  private loading: Promise<Map<string, RepeatCandidate>> | undefined;

  constructor(private readonly db: DeskDatabase) {}

  async find(input: RepeatInput, limit: number): Promise<RepeatScore[]> {
    const candidates = (await this.load()).values();
    let best: RepeatScore[] = [];
    for (;;) {
      const slice: RepeatCandidate[] = [];
      while (slice.length < SLICE) {
        const next = candidates.next();
        if (next.done) break;
        slice.push(next.value);
      }
      best = mergeRepeats(best, findRepeats(input, slice, { limit }), limit);
      if (slice.length < SLICE) return best;
      await sleep(0); // lets a save (or any other request) in between
    }
  }

  /** Keeps the index current after the projector stored new projections (no-op before first use). */
  async update(projections: readonly CaseProjection[]): Promise<void> {
    if (!this.candidates || projections.length === 0) return;
    const ids = [...new Set(projections.flatMap((c) => c.petitionerIds))];
    const petitioners = await this.db.petitioners.findByIds(ids).exec();
    for (const c of projections) this.candidates.set(c.id, candidate(c, petitioners));
  }

  /** Starts loading in the background (e.g. right after the desk opens), so the first registration does not wait. */
  warm(): void {
    void this.load().catch(() => undefined); // a failed warm-up is retried on first use
  }

  private load(): Promise<Map<string, RepeatCandidate>> {
    if (this.candidates) return Promise.resolve(this.candidates);
    this.loading ??= (async () => {
      // Read straight from the storage, page by page: RxDocument objects for 100,000 matters cost seconds.
      const byId = new Map<string, PetitionerDoc>();
      for await (const p of readAll(this.db.petitioners)) byId.set(p.id, p);
      const map = new Map<string, RepeatCandidate>();
      for await (const c of readAll(this.db.cases)) map.set(c.id, candidate(c.projection, byId));
      this.candidates = map;
      return map;
    })();
    this.loading.catch(() => {
      this.loading = undefined;
    });
    return this.loading;
  }
}

function candidate(c: CaseProjection, petitioners: Map<string, PetitionerDoc>): RepeatCandidate {
  const keys = c.petitionerIds.flatMap((id) => {
    const p = petitioners.get(id);
    return p ? [petitionerKey(p)] : [];
  });
  return { caseId: c.id, petitioners: keys, profile: c.contentProfile };
}
