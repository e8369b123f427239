import { describe, expect, it } from 'vitest';
import { SerialQueue } from '#shared/core/serial';

/** A promise and the functions that settle it, so a test decides when a task ends. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('SerialQueue', () => {
  it('starts a task only once the one queued before it has settled, in the order queued', async () => {
    const queue = new SerialQueue();
    const log: string[] = [];
    const first = deferred();
    const a = queue.run(async () => {
      log.push('a starts');
      await first.promise;
      log.push('a ends');
      return 'a';
    });
    const b = queue.run(async () => {
      log.push('b starts');
      return 'b';
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(log).toEqual(['a starts']);
    first.resolve();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('rejects a failed task to its caller and still runs the next', async () => {
    const queue = new SerialQueue();
    const failed = queue.run(() => Promise.reject(new Error('task failed')));
    const next = queue.run(async () => 'next ran');
    await expect(failed).rejects.toThrow('task failed');
    await expect(next).resolves.toBe('next ran');
  });

  it('idle waits for the tasks queued so far, not for later ones, and never rejects', async () => {
    const queue = new SerialQueue();
    const first = deferred();
    const later = deferred();
    let firstDone = false;
    void queue
      .run(async () => {
        await first.promise;
        firstDone = true;
        throw new Error('failed task');
      })
      .catch(() => undefined);
    const idle = queue.idle();
    void queue.run(() => later.promise);
    first.resolve();
    await idle;
    expect(firstDone).toBe(true);
    later.resolve();
    await queue.idle();
  });
});
