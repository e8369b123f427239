import { demoOffices, demoUsers } from '../demo/county';
import type { DeskDatabase } from './database';

/** Puts the demo county (`shared/demo/county.ts`) into a desk database that has no offices yet. */
export async function seedDemo(db: DeskDatabase, cost?: { N: number }): Promise<void> {
  if ((await db.offices.count().exec()) > 0) return;
  await db.offices.bulkInsert([...demoOffices]);
  await db.users.bulkInsert(await demoUsers(cost));
}
