import { apiErrorText, deskHostErrorText } from '#shared/messages/zh-CN';
import type { ApiErrorCode } from '#shared/contract/errors';
import type { DeskHostErrorCode } from '#shared/contract/host-errors';

/** The Chinese text for any error the desk (or the desktop host) returns; an unexpected error gets the generic text, never a stack. */
export function errorText(error: unknown): string {
  const code =
    typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined; // narrowed by the checks before it
  if (typeof code !== 'string') return apiErrorText.internal;
  if (code in apiErrorText) return apiErrorText[code as ApiErrorCode];
  // The desktop host's own failures (the desk core's process stopped) reach a call as its error.
  if (code in deskHostErrorText) return deskHostErrorText[code as DeskHostErrorCode];
  return apiErrorText.internal;
}
