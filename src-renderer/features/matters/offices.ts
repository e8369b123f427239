import { demoOffices } from '#shared/core/demo';

/**
 * Office names for display and the 转送/交办 picker. STOP-GAP: the contract has no `office-list` handler yet, so
 * the names come from the demo county; an unknown id is shown as it is. Replace with the handler when it exists.
 */
export const knownOffices: readonly { readonly id: string; readonly name: string }[] = demoOffices.map((o) => ({ id: o.id, name: o.name }));

export function officeName(id: string): string {
  return knownOffices.find((o) => o.id === id)?.name ?? id;
}
