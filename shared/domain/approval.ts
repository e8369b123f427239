import type { ProposableAct } from './case-types';

/**
 * Which acts a 负责人 approves (第三十四条: 延期 "经本机关、单位负责人批准"; the county adds the acts that end a
 * matter for the petitioner). It is a county setting, kept on the offices of the replicated directory: an office
 * follows the nearest office at or above it that sets one, so the county 信访局 at the top sets it for every desk
 * and an office may be given its own. Where no office sets it, the default below applies.
 */
export const DEFAULT_APPROVAL_ACTS: readonly ProposableAct[] = ['reject', 'no-further-acceptance', 'close', 'extend'];

interface PolicyOffice {
  readonly id: string;
  readonly parentId?: string | undefined;
  readonly approvalActs?: readonly ProposableAct[] | undefined;
}

/** The approval acts of `officeId`: its own setting, else its nearest superior's, else the default. */
export function approvalActsOf(
  offices: Iterable<PolicyOffice>,
  officeId: string | undefined,
): readonly ProposableAct[] {
  const byId = new Map([...offices].map((o) => [o.id, o]));
  const seen = new Set<string>();
  for (
    let office = officeId ? byId.get(officeId) : undefined;
    office && !seen.has(office.id);
    office = byId.get(office.parentId ?? '')
  ) {
    if (office.approvalActs) return office.approvalActs;
    seen.add(office.id);
  }
  return DEFAULT_APPROVAL_ACTS;
}
