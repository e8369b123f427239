import { useCallback, useEffect } from 'react';
import { create } from 'zustand';
import type { OfficeSummary, UserSummary } from '#shared/contract/api';
import { useApi } from './useApi';

/**
 * The county's offices and the signed-in office's staff, as the desk core lists them (`office-list`, `user-list`):
 * names on every page and the 转送/交办 and 回避 pickers. Loaded once per sign-in by the shell and re-read when
 * sync brings new offices or users, so pages name things without a call of their own.
 */
interface Directory {
  readonly offices: readonly OfficeSummary[];
  readonly users: readonly UserSummary[];
}

export const useDirectory = create<Directory>(() => ({ offices: [], users: [] }));

/** Rendered once inside the signed-in shell. */
export function DirectoryLoader(): null {
  useDirectoryLoader();
  return null;
}

function useDirectoryLoader(): void {
  const { data: offices } = useApi('office-list', {}, ['offices', 'session']);
  const { data: users } = useApi('user-list', {}, ['users', 'session']);
  useEffect(() => {
    if (offices) useDirectory.setState({ offices });
  }, [offices]);
  useEffect(() => {
    if (users) useDirectory.setState({ users });
  }, [users]);
}

/** An office's name; an office this desk does not know (yet) is shown by its id. */
export function useOfficeName(): (id: string) => string {
  const offices = useDirectory((s) => s.offices);
  return useCallback((id: string) => nameIn(offices, id), [offices]);
}

/**
 * The same for table cell renderers, which cannot call hooks: read at render time, without subscribing (the
 * directory is loaded at sign-in, before any list is opened).
 */
export function officeName(id: string): string {
  return nameIn(useDirectory.getState().offices, id);
}

const nameIn = (offices: readonly OfficeSummary[], id: string) => offices.find((o) => o.id === id)?.name ?? id;

/** A staff member's name; someone of another office (not replicated here) is shown by account. */
export function useUserName(): (id: string) => string {
  const users = useDirectory((s) => s.users);
  return useCallback((id: string) => users.find((u) => u.id === id)?.name ?? id.replace(/^user-/, ''), [users]);
}
