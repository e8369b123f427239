/**
 * A desk-worker module (see WorkerHooks.workerModules): bulk-loads petitioners inside the worker,
 * so the host test can watch the main event loop while the worker is busy with SQLite. Shared with
 * bench/storage-desk-host.ts, which sets DESK_BULK_LOAD_DOCS to 100,000.
 */
import type { Desk } from '#shared/core/desk';
import type { PetitionerDoc } from '#shared/domain/documents';

const BATCH = 5_000;

export function petitioner(i: number): PetitionerDoc {
  const suffix = String(i).padStart(8, '0');
  return {
    id: `pp-${suffix}`,
    kind: 'person',
    name: `测试${suffix}`,
    nameInitials: 'cs',
    idType: 'resident-id',
    idNumber: `99990119800101${String(i % 1000).padStart(3, '0')}X`,
    phone: '13800138000',
    address: `青山镇东街${i % 99}号`,
    officeId: 'office-qingshan',
    history: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

export async function runInDeskWorker(desk: Desk): Promise<void> {
  const total = Number(process.env.DESK_BULK_LOAD_DOCS ?? 20_000);
  for (let start = 0; start < total; start += BATCH) {
    const docs = Array.from({ length: Math.min(BATCH, total - start) }, (_, k) => petitioner(start + k));
    await desk.db.petitioners.bulkInsert(docs);
  }
}
