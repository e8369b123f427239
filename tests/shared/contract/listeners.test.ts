import { describe, expect, it, vi } from 'vitest';
import { ListenerMap, Listeners } from '#shared/contract/listeners';

describe('Listeners', () => {
  it('calls every listener in subscription order, and no more after its unsubscribe', () => {
    const listeners = new Listeners<number>();
    const calls: string[] = [];
    listeners.on((n) => calls.push(`a${n}`));
    const off = listeners.on((n) => calls.push(`b${n}`));
    listeners.emit(1);
    off();
    listeners.emit(2);
    expect(calls).toEqual(['a1', 'b1', 'a2']);
    expect(listeners.size).toBe(1);
  });

  it('keeps each subscription apart: one function subscribed twice is called twice and unsubscribed apart', () => {
    const listeners = new Listeners<string>();
    const listener = vi.fn();
    const offFirst = listeners.on(listener);
    listeners.on(listener);
    listeners.emit('x');
    expect(listener).toHaveBeenCalledTimes(2);
    offFirst();
    offFirst(); // a second call changes nothing
    listeners.emit('y');
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('does not stop at a throwing listener: the others are called, and the error goes to onError', () => {
    const reported: unknown[] = [];
    const listeners = new Listeners<number>((error) => reported.push(error));
    const failure = new Error('listener failed');
    const before = vi.fn();
    const after = vi.fn();
    listeners.on(before);
    listeners.on(() => {
      throw failure;
    });
    listeners.on(after);
    listeners.emit(7);
    expect(before).toHaveBeenCalledWith(7);
    expect(after).toHaveBeenCalledWith(7);
    expect(reported).toEqual([failure]);
  });

  it('without onError, calls every listener and then throws the error, or all of them together', () => {
    const listeners = new Listeners<number>();
    const first = new Error('first');
    const second = new Error('second');
    const after = vi.fn();
    listeners.on(() => {
      throw first;
    });
    listeners.on(after);
    expect(() => listeners.emit(1)).toThrow(first);
    expect(after).toHaveBeenCalledTimes(1);
    listeners.on(() => {
      throw second;
    });
    const thrown: unknown = (() => {
      try {
        listeners.emit(2);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(AggregateError);
    expect((thrown as AggregateError).errors).toEqual([first, second]);
    expect(after).toHaveBeenCalledTimes(2);
  });

  it('calls, during an emit, neither a listener subscribed in it nor one unsubscribed in it', () => {
    const listeners = new Listeners<number>();
    const late = vi.fn();
    const removed = vi.fn();
    let offRemoved: () => void = () => undefined;
    listeners.on(() => {
      listeners.on(late);
      offRemoved();
    });
    offRemoved = listeners.on(removed);
    listeners.emit(1);
    expect(late).not.toHaveBeenCalled();
    expect(removed).not.toHaveBeenCalled();
    listeners.emit(2);
    expect(late).toHaveBeenCalledWith(2);
  });
});

describe('ListenerMap', () => {
  type Events = { ping: number; note: string };

  it('gives each event its own listeners, and counts the subscriptions over all events', () => {
    const map = new ListenerMap<Events>();
    const ping = vi.fn();
    const note = vi.fn();
    const offPing = map.on('ping', ping);
    map.on('note', note);
    expect(map.size).toBe(2);
    map.emit('ping', 1);
    map.emit('note', 'hello');
    expect(ping.mock.calls).toEqual([[1]]);
    expect(note.mock.calls).toEqual([['hello']]);
    offPing();
    expect(map.size).toBe(1);
    map.emit('ping', 2);
    expect(ping).toHaveBeenCalledTimes(1);
  });

  it('does not stop at a throwing listener of an event, and reports its error', () => {
    const onError = vi.fn();
    const map = new ListenerMap<Events>(onError);
    const after = vi.fn();
    map.on('ping', () => {
      throw new Error('listener failed');
    });
    map.on('ping', after);
    map.emit('ping', 3);
    expect(after).toHaveBeenCalledWith(3);
    expect(onError).toHaveBeenCalledWith(new Error('listener failed'));
  });

  it('emits an event nobody listens to without effect', () => {
    expect(() => new ListenerMap<Events>().emit('note', 'unheard')).not.toThrow();
  });
});
