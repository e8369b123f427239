import { create } from 'zustand';
import type { ApiArgs } from '#shared/contract/api';
import type { ActType } from '#shared/domain/act-payloads';

export type CaseFilter = NonNullable<ApiArgs<'case-list'>['filter']>;
export type CaseSort = NonNullable<ApiArgs<'case-list'>['sort']>;

/** Newest first: the receptionist looks at today's visitors first (design.md §10 keeps this sort indexed). */
export const defaultSort: CaseSort = { field: 'receivedAt', direction: 'desc' };

/**
 * UI-only state of the matters feature (style.md "Renderer state"): the list's filters, sort and selected row,
 * kept when the user opens a matter and comes back, and which act form is open. Core data never lives here.
 */
interface CasesUiState {
  readonly filter: CaseFilter;
  readonly sort: CaseSort;
  /** Index of the keyboard-selected row in the current (filtered, sorted) list. */
  readonly selected: number;
  readonly openAct: ActType | undefined;
  setFilter(patch: Partial<CaseFilter>): void;
  resetFilter(): void;
  setSort(sort: CaseSort): void;
  select(index: number): void;
  setOpenAct(act: ActType | undefined): void;
}

export const useCasesUi = create<CasesUiState>((set) => ({
  filter: {},
  sort: defaultSort,
  selected: 0,
  openAct: undefined,
  // A new filter or sort is a new list: the selection goes back to its first row.
  setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch }, selected: 0 })),
  resetFilter: () => set({ filter: {}, selected: 0 }),
  setSort: (sort) => set({ sort, selected: 0 }),
  select: (selected) => set({ selected }),
  setOpenAct: (openAct) => set({ openAct }),
}));
