import { utilityProcess, type UtilityProcess } from 'electron';
import type { CoreProcess, SpawnCore } from '../desk-host/core-process';
import type { HostToWorker, WorkerToHost } from '../desk-host/protocol';

/**
 * The desk core's process in the app: an Electron utility process (desk-host/core-process.ts says why a process
 * and not a thread). Node's `fork` cannot serve here: it runs the app binary as Node, which the RunAsNode fuse
 * forbids (electron-builder.yml). Messages posted before the process has spawned wait for it.
 */
export const spawnUtilityCore: SpawnCore = (entry) => {
  const child = utilityProcess.fork(entry, [], { serviceName: '信访接待台核心', stdio: 'inherit' });
  // Emitted on a fatal V8 error in the core, before its 'exit': without a listener it would be thrown in main.
  child.on('error', (type, location) => console.error(`desk core: ${type} at ${location}`));
  let queued: HostToWorker[] | undefined = [];
  child.once('spawn', () => {
    for (const message of queued ?? []) child.postMessage(message);
    queued = undefined;
  });
  return {
    post: (message) => (queued ? queued.push(message) : child.postMessage(message)),
    onMessage: (listener) => void child.on('message', (message) => listener(message as WorkerToHost)), // the core posts only WorkerToHost
    onExit: (listener) => void child.once('exit', (code) => listener(`code ${code}`)),
    kill: () => kill(child),
  } satisfies CoreProcess;
};

/** SIGKILL: `UtilityProcess.kill` sends SIGTERM, which a core spinning in native code may never act on. */
function kill(child: UtilityProcess): void {
  if (child.pid === undefined) child.kill();
  else process.kill(child.pid, 'SIGKILL');
}
