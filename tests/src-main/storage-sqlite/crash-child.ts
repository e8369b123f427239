/**
 * Child process for the kill -9 test: writes batches forever and reports each batch on stdout only
 * after its bulkWrite resolved. The parent kills it with SIGKILL in the middle of later writes.
 */
import { writeSync } from 'node:fs';
import { getRxStorageSQLite } from '../../../src-main/storage-sqlite/index';
import type { TestDoc } from './helpers';
import { createInstance, testSchema } from './helpers';
import { newDocument } from './random-ops';

const [directory, key] = process.argv.slice(2);
if (!directory) throw new Error('usage: crash-child.ts <directory> [key]');
const storage = getRxStorageSQLite({ databaseDirectory: directory, ...(key ? { key } : {}) });
const instance = await createInstance<TestDoc>(storage, testSchema(), 'crash', 'petitions');
const note = '来访事项说明'.repeat(40);
for (let batch = 0; ; batch++) {
  const rows = Array.from({ length: 400 }, (_, i) => ({
    document: newDocument(
      `${batch}-${i}`,
      { name: `张${i % 50}`, age: i % 150, flag: i % 2 === 0, tag: '', note },
      false,
    ),
  }));
  const result = await instance.bulkWrite(rows, 'crash');
  if (result.error.length > 0) throw new Error('unexpected write error');
  writeSync(1, `ok ${batch}\n`);
}
