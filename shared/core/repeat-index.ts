import type { CaseProjection } from '../domain/case-types';
import type { PetitionerDoc } from '../domain/documents';
import { findRepeats, type PetitionerKey, type RepeatCandidate, type RepeatInput, type RepeatScore } from '../domain/repeat';
import type { DeskDatabase } from './database';

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
    const candidates = await this.load();
    return findRepeats(input, candidates.values(), { limit });
  }

  /** Keeps the index current after the projector stored new projections (no-op before first use). */
  async update(projections: readonly CaseProjection[]): Promise<void> {
    if (!this.candidates || projections.length === 0) return;
    const ids = [...new Set(projections.flatMap((c) => c.petitionerIds))];
    const petitioners = await this.db.petitioners.findByIds(ids).exec();
    for (const c of projections) this.candidates.set(c.id, candidate(c, petitioners));
  }

  private load(): Promise<Map<string, RepeatCandidate>> {
    if (this.candidates) return Promise.resolve(this.candidates);
    this.loading ??= (async () => {
      const petitioners = await this.db.petitioners.find().exec();
      const byId = new Map(petitioners.map((p) => [p.id, p]));
      const map = new Map<string, RepeatCandidate>();
      for (const doc of await this.db.cases.find().exec()) map.set(doc.id, candidate(doc.projection, byId));
      this.candidates = map;
      return map;
    })();
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
