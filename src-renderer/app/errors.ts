import { apiErrorText } from '#shared/messages/zh-CN';
import type { ApiErrorCode } from '#shared/contract/errors';

/** The Chinese text for any error the desk returns; an unexpected error gets the generic text, never a stack. */
export function errorText(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined; // narrowed by the checks before it
  return typeof code === 'string' && code in apiErrorText ? apiErrorText[code as ApiErrorCode] : apiErrorText.internal;
}
