import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDeskHost } from '../../../src-main/desk-host/host';
import { handlerContractSuite } from '../../contract/handler-suite';

/** The handler contract over the desk host: the whole core in a worker thread, on SQLite with a SQLCipher key. */
handlerContractSuite('the desk host (worker thread, SQLite)', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'desk-host-contract-'));
  const host = await startDeskHost({
    databaseDirectory: folder,
    key: 'cd'.repeat(32),
    seedDemo: true,
    demoPasswordCost: { N: 2 ** 10 },
  });
  return {
    transport: host.transport,
    async close() {
      await host.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
});
