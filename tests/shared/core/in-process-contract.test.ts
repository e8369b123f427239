import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDesk } from '#shared/core/desk';
import { seedDemo } from '#shared/core/demo';
import { inProcessTransport } from '#shared/contract/dispatch';
import { handlerContractSuite } from '../../contract/handler-suite';

handlerContractSuite('the in-process transport (memory storage)', async () => {
  const desk = await createDesk({
    storage: getRxStorageMemory(),
    name: `contract-${Math.random().toString(36).slice(2)}`,
  });
  await seedDemo(desk.db, { N: 2 ** 10 });
  return { transport: inProcessTransport(desk.api, desk), close: () => desk.close() };
});
