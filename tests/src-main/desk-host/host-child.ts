/**
 * A host process for core-failure.test.ts (as Electron main is one): starts the desk host on a SQLite folder with
 * the fault named by CORE_FAULT (core-faults.ts), drives it into the fault, and prints on stdout, one JSON per
 * line, what the host reported (`reported`), what a request got (`answer`), how the close ended (`closed`), and
 * `alive` when it is still running afterwards. Argument: the database folder.
 */
import { writeSync } from 'node:fs';
import { startDeskHostWithHooks } from '../../../src-main/desk-host/worker-hooks';

const say = (line: object) => writeSync(1, `${JSON.stringify(line)}\n`);
const describe = (error: unknown) => ({
  name: (error as Error).name,
  code: (error as { code?: string }).code,
  message: (error as Error).message,
  detail: (error as { detail?: string }).detail,
});

const host = await startDeskHostWithHooks({
  databaseDirectory: process.argv[2]!,
  seedDemo: true,
  demoPasswordCost: { N: 2 ** 10 },
  workerModules: [new URL('./core-faults.ts', import.meta.url).href],
  closeTimeoutMs: 1_000,
  onInternalError: (error) => say({ reported: describe(error) }),
});
if (process.env.CORE_FAULT === 'abort-in-request') {
  say({ answer: await host.request({ kind: 'invoke', id: 1, name: 'session-current', args: {} }) });
  say({ after: await host.request({ kind: 'invoke', id: 2, name: 'session-current', args: {} }) });
}
await host.close().then(
  () => say({ closed: 'ok' }),
  (error: unknown) => say({ closed: describe(error) }),
);
say({ alive: true });
