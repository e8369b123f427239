import { useDirectory } from '../../app/directory';

/**
 * An office's name for table cell renderers, which cannot call hooks: read from the directory the shell loads at
 * sign-in (app/directory.ts). Components use `useOfficeName` instead, which re-renders when the directory changes.
 */
export function officeName(id: string): string {
  return useDirectory.getState().offices.find((o) => o.id === id)?.name ?? id;
}
