import { create } from 'zustand';

/** Where the user is (UI state only; style.md "Renderer state"). */
export type Page =
  | { name: 'intake' }
  | { name: 'cases' }
  | { name: 'case'; id: string }
  | { name: 'petitioner'; id: string; edit?: boolean }
  | { name: 'settings' };

interface NavState {
  readonly page: Page;
  go(page: Page): void;
}

export const useNav = create<NavState>((set) => ({
  page: { name: 'intake' },
  go: (page) => set({ page }),
}));
