import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-server/db/database';
import { migrate } from '../../src-server/db/migrations';

/** The embedded database of `npm start` and `npm run server` (PGlite in a data folder). */
let folder: string | undefined;
afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the embedded PGlite database', () => {
  it('opens in a data folder whose parents do not exist yet (a fresh checkout) and keeps its data', async () => {
    folder = mkdtempSync(join(tmpdir(), 'xinfang-pglite-'));
    const dataDir = join(folder, 'data', 'server');
    const first = await openDatabase({ dataDir });
    await migrate(first);
    await first.query(
      `INSERT INTO docs (collection, id, body, office_id) VALUES ('offices', 'office-probe', '{}'::jsonb, 'office-probe')`,
    );
    await first.close();
    const again = await openDatabase({ dataDir });
    expect(
      (await again.query<{ id: string }>(`SELECT id FROM docs WHERE collection = 'offices'`)).rows.map((r) => r.id),
    ).toContain('office-probe');
    await again.close();
  });
});
