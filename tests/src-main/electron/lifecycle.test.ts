import { afterEach, describe, expect, it, vi } from 'vitest';
import { gracefulQuit } from '../../../src-main/electron/lifecycle';

function quitEvent() {
  return {
    prevented: false,
    preventDefault() {
      this.prevented = true;
    },
  };
}

describe('gracefulQuit', () => {
  afterEach(() => vi.useRealTimers());

  it('holds the first quit until the desk has closed, then quits once and lets the second pass', async () => {
    let finishClose!: () => void;
    const close = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const quit = vi.fn();
    const exit = vi.fn();
    const onBeforeQuit = gracefulQuit({ close, quit, exit });
    const first = quitEvent();
    onBeforeQuit(first);
    expect(first.prevented).toBe(true);
    const impatient = quitEvent();
    onBeforeQuit(impatient); // the user clicks close again while SQLite is closing
    expect(impatient.prevented).toBe(true);
    expect(close).toHaveBeenCalledTimes(1);
    expect(quit).not.toHaveBeenCalled();
    finishClose();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    const last = quitEvent();
    onBeforeQuit(last);
    expect(last.prevented).toBe(false);
    expect(exit).not.toHaveBeenCalled();
  });

  it('exits with an error when closing fails', async () => {
    const exit = vi.fn();
    const onError = vi.fn();
    gracefulQuit({ close: () => Promise.reject(new Error('busy')), quit: vi.fn(), exit, onError })(quitEvent());
    await vi.waitFor(() => expect(exit).toHaveBeenCalledWith(1));
    expect(onError).toHaveBeenCalledOnce();
  });

  it('exits after the time limit when closing hangs', () => {
    vi.useFakeTimers();
    const exit = vi.fn();
    gracefulQuit({ close: () => new Promise(() => undefined), quit: vi.fn(), exit, timeoutMs: 5_000 })(quitEvent());
    vi.advanceTimersByTime(4_999);
    expect(exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
  });
});
