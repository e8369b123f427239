import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { HostToWorker, WorkerToHost } from './protocol';

/**
 * The desk core's process as the host sees it. The core runs in a process of its own, not a worker thread: a
 * native fault in it (better-sqlite3 aborts the whole process when a worker thread is terminated while it raises
 * an error, `v8::ToLocalChecked Empty MaybeLocal`) would otherwise take the host — Electron's main process — with
 * it, and a hung core can be killed without that risk. Two implementations: Node's `child_process.fork` here
 * (tests, scripts, benchmarks) and Electron's `utilityProcess` in the app (src-main/electron/desk-process.ts),
 * because the app's RunAsNode fuse is off and `fork` needs it.
 */
export interface CoreProcess {
  post(message: HostToWorker): void;
  onMessage(listener: (message: WorkerToHost) => void): void;
  /** Called once when the process has ended, however it ended ("code 1", "signal SIGKILL"). */
  onExit(listener: (how: string) => void): void;
  /** Ends the process at once; nothing it is doing can take the host down. */
  kill(): void;
}

/** Starts the core's process from the entry file (`worker.ts` in the sources, `worker.js` in a build). */
export type SpawnCore = (entry: string) => CoreProcess;

/**
 * The entry next to this module: the TypeScript source under tsx/vitest, the built `worker.js` in a build (the
 * electron-vite config emits it next to the main bundle).
 */
export function coreEntry(here: string = import.meta.url): string {
  return fileURLToPath(new URL(here.endsWith('.ts') ? './worker.ts' : './worker.js', here));
}

/** Node's child process: structured-clone messages over its IPC channel; TypeScript entries run through tsx. */
export const forkNodeCore: SpawnCore = (entry) => {
  const child = fork(entry, [], {
    execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  // An 'error' with no listener would be thrown in the host: a process that could not start ends like one that
  // exited; a message that could not be sent goes to its callback (the exit that follows reports the death).
  const exitListeners: ((how: string) => void)[] = [];
  let ended = false;
  const end = (how: string) => {
    if (ended) return;
    ended = true;
    for (const listener of exitListeners) listener(how);
  };
  child.once('exit', (code, signal) => end(signal ? `signal ${signal}` : `code ${code ?? 0}`));
  child.on('error', (error) => {
    if (child.pid === undefined) end(`not started: ${error.message}`);
  });
  return {
    post: (message) => {
      if (child.connected) child.send(message, () => undefined);
    },
    onMessage: (listener) => void child.on('message', (message) => listener(message as WorkerToHost)), // the worker sends only WorkerToHost
    onExit: (listener) => void exitListeners.push(listener),
    kill: () => void child.kill('SIGKILL'),
  };
};
