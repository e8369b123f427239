import { afterEach } from 'vitest';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { createDesk, type Desk } from '#shared/core/desk';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { seedDemo } from '#shared/core/demo';
import { inProcessTransport } from '#shared/contract/dispatch';
import { walkIn } from '../../fixtures';

/**
 * A desk core on memory storage with the demo county and a settable clock, for handler tests: `as` signs a demo
 * user in. Desks opened in a test are closed after it.
 */
const desks: Desk[] = [];
afterEach(async () => {
  await Promise.all(desks.splice(0).map((d) => d.close()));
});

export async function openDesk(clock = { now: new Date('2025-12-01T02:00:00Z') }) {
  const desk = await createDesk({
    storage: getRxStorageMemory(),
    name: `desk-${Math.random().toString(36).slice(2)}`,
    clock: () => clock.now,
  });
  desks.push(desk);
  await seedDemo(desk.db, { N: 2 ** 10 });
  const t = inProcessTransport(desk.api, desk, (error) => console.error(error));
  const as = async (login: string) => {
    await t.invoke('session-logout', {});
    return t.invoke('session-login', { login, password: DEMO_PASSWORD });
  };
  return { desk, t, as, clock };
}

export const at = (iso: string) => new Date(iso).toISOString();
/** A walk-in received an hour before the desk clock's default time. */
export const visit: typeof walkIn = (extra) => walkIn({ receivedAt: at('2025-12-01T01:00:00Z'), ...extra });
