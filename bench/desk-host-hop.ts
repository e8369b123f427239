/**
 * What one call through the desk host costs (the core runs in a process of its own, not a worker thread): p50/p95
 * of `session-current` (no storage work) and of `case-list` (one page of a small desk), each a full round trip
 * host → core → host. Run it on two versions to compare; never asserts.
 *
 * Run: `npx tsx bench/desk-host-hop.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from '#shared/demo/county';
import { startDeskHost } from '../src-main/desk-host/host';
import { ms, time } from './support/stats';

const RUNS = 2_000;
const dir = mkdtempSync(join(tmpdir(), 'bench-hop-'));
try {
  const host = await startDeskHost({ databaseDirectory: dir, seedDemo: true, demoPasswordCost: { N: 2 ** 10 } });
  await host.transport.invoke('session-login', { login: 'qs-handler', password: DEMO_PASSWORD });
  const current = await time(RUNS, () => host.transport.invoke('session-current', {}));
  const list = await time(RUNS / 4, () => host.transport.invoke('case-list', {}));
  await host.close();
  console.log(
    `desk host round trip, ${RUNS} calls: session-current p50 ${ms(current.p50)} p95 ${ms(current.p95)}; case-list p50 ${ms(list.p50)} p95 ${ms(list.p95)}`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
