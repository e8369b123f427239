import { apiArgs, type Api, type ApiName } from './api';
import { ApiError, fromErrorData, toErrorData, type ApiErrorData } from './errors';
import type { CoreEventName, CoreEvents } from './events';
import { ListenerMap } from './listeners';
import type { Transport, WireEvent, WireRequest, WireResponse } from './transport';

/**
 * The one place where a call enters the core: the handler name must be known and the arguments must pass the
 * contract's schema (they are untrusted until then: they may come from a compromised renderer). Every transport
 * (in-process, IPC, web worker) goes through here, so they all behave alike.
 */
export async function dispatch(api: Api, name: unknown, args: unknown): Promise<unknown> {
  if (typeof name !== 'string' || !Object.hasOwn(apiArgs, name)) throw new ApiError('unknown-handler');
  const handlerName = name as ApiName; // checked against the contract just above
  const parsed = apiArgs[handlerName].safeParse(args ?? {});
  if (!parsed.success) {
    throw new ApiError(
      'invalid-arguments',
      parsed.error.issues.map((i) => ({ code: 'invalid-arguments', field: i.path.join('.') })),
    );
  }
  const handler = api[handlerName] as (a: unknown) => Promise<unknown>; // the schema above parsed exactly its arguments
  return handler(parsed.data);
}

/**
 * Answers one wire request: a result, or a safe error object (never a stack or an internal message). An error
 * that is not an ApiError is a fault of ours: `report` gets it whole (for the log), the caller only 'internal'.
 */
export async function answer(api: Api, request: WireRequest, report?: (error: unknown) => void): Promise<WireResponse> {
  try {
    return { kind: 'result', id: request.id, ok: true, value: await dispatch(api, request.name, request.args) };
  } catch (error) {
    if (!(error instanceof ApiError)) report?.(error);
    return { kind: 'result', id: request.id, ok: false, error: toErrorData(error) };
  }
}

/** Checks the shape of an untrusted message before it is treated as a request. */
export function isWireRequest(message: unknown): message is WireRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>; // narrowed field by field below
  return m.kind === 'invoke' && typeof m.id === 'number' && Number.isSafeInteger(m.id) && typeof m.name === 'string';
}

/** Something that emits core events: the desk core. */
export interface EventSource {
  on<E extends CoreEventName>(event: E, listener: (payload: CoreEvents[E]) => void): () => void;
}

/** The transport used in-process (tests and benchmarks): the same checks as over a wire. @internal */
export function inProcessTransport(api: Api, events: EventSource, report?: (error: unknown) => void): Transport {
  return {
    async invoke(name, args) {
      // Copy like a wire would (JSON is the strictest of the wires), so no transport hands out live objects.
      const response = await answer(api, { kind: 'invoke', id: 0, name, args: copy(args) }, report);
      if (!response.ok) throw fromErrorData(response.error);
      return copy(response.value) as never; // the handler's result for this name
    },
    on: (event, listener) => events.on(event, listener),
  };
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T); // a JSON copy of a T is a T
}

/**
 * The calling side of a wire transport: numbers requests, matches responses, re-throws errors as ApiError and
 * fans events out to listeners (all of them, even when one throws: its error is thrown once all were called). `send` posts one request; feed every incoming message to `receive`.
 */
export function wireClient(send: (request: WireRequest) => void): {
  transport: Transport;
  receive: (message: WireResponse | WireEvent) => void;
} {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  const listeners = new ListenerMap<CoreEvents>();
  const transport: Transport = {
    invoke(name, args) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }); // resolved with this handler's result
        send({ kind: 'invoke', id, name, args });
      });
    },
    on: (event, listener) => listeners.on(event, listener),
  };
  const receive = (message: WireResponse | WireEvent) => {
    if (message.kind === 'event') {
      listeners.emit(message.event, message.payload as never); // the core sent this event's payload
      return;
    }
    const pending = waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(fromErrorData(message.error as ApiErrorData));
  };
  return { transport, receive };
}
