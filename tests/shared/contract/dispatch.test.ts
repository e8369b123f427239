import { describe, expect, it, vi } from 'vitest';
import { wireClient } from '#shared/contract/dispatch';

describe('wireClient', () => {
  it('calls every listener of an event even when one throws, and throws its error after', () => {
    const { transport, receive } = wireClient(() => undefined);
    const failure = new Error('listener failed');
    const after = vi.fn();
    transport.on('data-changed', () => {
      throw failure;
    });
    transport.on('data-changed', after);
    expect(() => receive({ kind: 'event', event: 'data-changed', payload: { collections: ['cases'] } })).toThrow(
      failure,
    );
    expect(after).toHaveBeenCalledWith({ collections: ['cases'] });
  });

  it('stops a listener once it unsubscribes', () => {
    const { transport, receive } = wireClient(() => undefined);
    const listener = vi.fn();
    const off = transport.on('sync-status-changed', listener);
    receive({ kind: 'event', event: 'sync-status-changed', payload: { state: 'online', pending: 0 } });
    off();
    receive({ kind: 'event', event: 'sync-status-changed', payload: { state: 'offline', pending: 0 } });
    expect(listener.mock.calls).toEqual([[{ state: 'online', pending: 0 }]]);
  });
});
