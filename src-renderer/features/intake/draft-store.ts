import { create } from 'zustand';
import { MAX_REPRESENTATIVES } from '#shared/domain/registration';
import type { PetitionFlag } from '#shared/domain/codes';
import { emptyDraft, newPerson, type Draft, type PersonDraft } from './draft';

/**
 * The intake draft (UI state). It is kept in the desk core, per user, by draft-keeper.ts — never in the browser's
 * storage (个人信息保护法) — so a crash, a closed window or a reload never loses what was typed; it goes after a
 * successful save, at logout, or when the user asks.
 */
interface DraftState {
  readonly draft: Draft;
  update(patch: Partial<Draft>): void;
  updatePerson(key: string, patch: Partial<PersonDraft>): void;
  replacePerson(key: string, person: PersonDraft): void;
  /** Adds a representative; false (nothing added) when a visit already has five (第二十条第三款). */
  addPerson(): boolean;
  removePerson(key: string): void;
  toggleFlag(flag: PetitionFlag, on: boolean): void;
  /** The draft kept in the desk; one kept by an older version lacks the fields added since: they start empty. */
  restore(kept: Readonly<Record<string, unknown>>): void;
  reset(): void;
}

/** The first edit stamps the receipt time: the visitor is at the desk now. */
const stamped = (d: Draft): Draft => (d.receivedAt ? d : { ...d, receivedAt: new Date().toISOString() });

export const useDraftStore = create<DraftState>()((set, get) => ({
  draft: emptyDraft(),
  update: (patch) => set((s) => ({ draft: { ...stamped(s.draft), ...patch } })),
  updatePerson: (key, patch) =>
    set((s) => ({
      draft: {
        ...stamped(s.draft),
        petitioners: s.draft.petitioners.map((p) => (p.key === key ? { ...p, ...patch } : p)),
      },
    })),
  replacePerson: (key, person) =>
    set((s) => ({
      draft: { ...stamped(s.draft), petitioners: s.draft.petitioners.map((p) => (p.key === key ? person : p)) },
    })),
  addPerson: () => {
    const { draft } = get();
    if (draft.channel === 'visit' && draft.petitioners.length >= MAX_REPRESENTATIVES) return false;
    const petitioners = [...draft.petitioners, newPerson()];
    set({ draft: { ...stamped(draft), petitioners, headcount: Math.max(draft.headcount, petitioners.length) } });
    return true;
  },
  removePerson: (key) =>
    set((s) => {
      const rest = s.draft.petitioners.filter((p) => p.key !== key);
      return { draft: { ...s.draft, petitioners: rest.length > 0 ? rest : [newPerson()] } };
    }),
  toggleFlag: (flag, on) =>
    set((s) => {
      const flags = s.draft.flags.filter((f) => f !== flag);
      return { draft: { ...stamped(s.draft), flags: on ? [...flags, flag] : flags } };
    }),
  restore: (kept) => set({ draft: { ...emptyDraft(), ...(kept as Partial<Draft>) } }), // a form this store wrote
  reset: () => set({ draft: emptyDraft() }),
}));
