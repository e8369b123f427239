/** An error as it crosses from the desk worker to the host (Error objects lose their class and code in a clone). */
export type SerializedError = {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
};

export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return { name: error.name, message: error.message, stack: error.stack, ...(code ? { code } : {}) };
}

/** Rebuilds the error on the host side with its name and code (a storage error's SQLITE_… code among them). */
export function deserializeError(serialized: SerializedError): Error {
  const error = Object.assign(new Error(serialized.message), { name: serialized.name, code: serialized.code });
  if (serialized.stack) error.stack = `${error.name}: ${error.message}\n    (in the desk worker)\n${serialized.stack}`;
  return error;
}

/** Why the desk core's process failed, as the host reports it. */
export type DeskHostErrorCode = 'desk-core-exited' | 'desk-core-close-timeout' | 'desk-core-close-failed';

/** What the user reads (zh-CN): what happened, that saved work is safe, what to do. */
const hostErrorText: Record<DeskHostErrorCode, string> = {
  'desk-core-exited': '接待台核心进程意外停止，本次操作未完成。已保存的内容不会丢失，请重新启动本程序。',
  'desk-core-close-timeout': '接待台核心未能按时关闭，已强制结束。已保存的内容不会丢失，下次启动时自动恢复。',
  'desk-core-close-failed': '接待台核心关闭时出错。已保存的内容不会丢失，下次启动时自动恢复。',
};

/**
 * A failure of the desk core's process (core-process.ts), reported by the host, which itself goes on: the message
 * is the user's (zh-CN), `detail` the log's (how the process ended).
 */
export class DeskHostError extends Error {
  override readonly name = 'DeskHostError';
  constructor(
    readonly code: DeskHostErrorCode,
    readonly detail: string,
  ) {
    super(hostErrorText[code]);
  }
}
