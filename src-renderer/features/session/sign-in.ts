import type { Session } from '#shared/contract/api';
import { ApiError } from '#shared/contract/errors';
import type { Transport } from '#shared/contract/transport';

export interface Credentials {
  login: string;
  password: string;
}

/** A fresh desk could not reach its county server to learn its users (the page says so in Chinese). */
export class FirstLoginOffline extends Error {
  constructor() {
    super('first login needs the county server');
    this.name = 'FirstLoginOffline';
  }
}

/**
 * Signs in at this desk, enrolling it first when it must. Users and their password verifiers live in the desk's
 * own database, so login works offline; but a fresh desk that syncs with a county server has no users until it
 * has pulled them. So when the local login fails and the desk has a server address but no enrolment
 * (`not-enrolled`), the same login and password enrol the desk with the server (`sync-enrol`, which checks them
 * there), the first sync pulls the office's users, and the login is tried once more. A desk that is already
 * enrolled, or has no server, answers the first failure as it is.
 *
 * `onEnrolling` lets the page say why this login takes longer than usual.
 */
export async function signIn(
  transport: Transport,
  credentials: Credentials,
  onEnrolling?: () => void,
): Promise<Session> {
  try {
    return await transport.invoke('session-login', credentials);
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'login-failed') throw error; // every transport rethrows ApiError
    const status = await transport.invoke('sync-status', {});
    if (status.lastError !== 'not-enrolled') throw error;
    onEnrolling?.();
    await transport.invoke('sync-enrol', credentials); // a wrong password is refused here, by the server
    // The first sync pulls the users. Unreachable: the desk cannot know this user yet; that is no wrong password.
    const synced = await transport.invoke('sync-now', {});
    if (synced.state === 'offline' || synced.state === 'error') throw new FirstLoginOffline();
    return transport.invoke('session-login', credentials);
  }
}
