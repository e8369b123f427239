import { officeTree, type OfficeTree } from '../domain/office-tree';
import type { DeskDatabase } from './database';
import { queryStorage } from './read-all';

/**
 * The county's office tree from the desk's directory (the replicated `offices`), for the hierarchy checks of
 * every act: 交办 only downward (第二十二条第三项), 复查/复核 by the organ one level up (第三十五条、第三十六条), 督办
 * by a 信访部门 over the offices below it (第四十条). Undefined while the directory is empty (a desk before its
 * first sync): the checks are then left to the county server, which has the tree. A county has tens of offices:
 * read straight from the storage, once per act or per refresh batch.
 */
export async function readOfficeTree(db: DeskDatabase): Promise<OfficeTree | undefined> {
  const offices = await queryStorage(db.offices, { selector: {} });
  return offices.length === 0 ? undefined : officeTree(offices);
}
