/**
 * Entry of the desk core's process as the app runs it (see serve.ts). Tests and benchmarks start
 * `worker-with-hooks.ts` instead, which takes a fixed clock and modules to run in the process.
 */
import { openDesk, serveDesk } from './serve';

serveDesk((data) => openDesk(data));
