import { ListenerMap } from '../contract/listeners';
import type { CoreEvents } from '../contract/events';

/** The core's event fan-out: listeners get payloads only, `on` returns the unsubscribe. */
export class CoreEmitter extends ListenerMap<CoreEvents> {
  constructor() {
    super(() => undefined); // a failing listener must not stop the write that caused the event
  }
}
