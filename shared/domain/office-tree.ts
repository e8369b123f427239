import type { OfficeKind } from './codes';

/**
 * The county's tree of offices as the rules see it: who is above whom and what kind each is. Routing and
 * supervision follow the hierarchy (第二十二条第三项 交办 downward, 第三十五条、第三十六条 复查/复核 one level up,
 * 第四十条 督办 by a 信访部门 over offices below it). Where no tree is given (a fold without the directory), those
 * checks are left to the caller that has one.
 */
export interface OfficeTree {
  parentOf(officeId: string): string | undefined;
  kindOf(officeId: string): OfficeKind | undefined;
}

/** A tree from the directory's rows (`offices`: id, parentId, kind). */
export function officeTree(
  offices: Iterable<{ readonly id: string; readonly parentId?: string | undefined; readonly kind: OfficeKind }>,
): OfficeTree {
  const byId = new Map([...offices].map((o) => [o.id, o]));
  return { parentOf: (id) => byId.get(id)?.parentId || undefined, kindOf: (id) => byId.get(id)?.kind };
}

/** Whether `officeId` lies strictly below `ancestorId` in the tree. */
export function isBelow(tree: OfficeTree, officeId: string, ancestorId: string): boolean {
  const seen = new Set<string>();
  for (let id = tree.parentOf(officeId); id !== undefined && !seen.has(id); id = tree.parentOf(id)) {
    if (id === ancestorId) return true;
    seen.add(id);
  }
  return false;
}

/** 党委和政府信访部门 (第二十二条、第四十条): the offices that may 督办. */
export function isPetitionOffice(tree: OfficeTree, officeId: string): boolean {
  return tree.kindOf(officeId) === 'county-bureau';
}
