import type { StartupFailureCode } from '#shared/contract/host-errors';
import { messages, startupFailureText } from '#shared/messages/zh-CN';
import { DatabaseKeyError } from './database-key';

/**
 * What the person at the desk reads when the app cannot start: before any window exists, so main shows it in a
 * native dialog. The texts (the catalogue's) say what to do, never the technical cause (that goes to the log).
 */
export function startupFailure(error: unknown): { code: StartupFailureCode; title: string; message: string } {
  const code: StartupFailureCode = error instanceof DatabaseKeyError ? error.code : 'database-open-failed';
  return { code, title: messages.startupFailureTitle, message: startupFailureText[code] };
}
