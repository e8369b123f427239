import { DatabaseKeyError, type DatabaseKeyErrorCode } from './database-key';

/**
 * What the person at the desk reads when the app cannot start: before any window exists, so main shows it in a
 * native dialog. The texts say what to do, never the technical cause (that goes to the log).
 */

export type StartupFailureCode = DatabaseKeyErrorCode | 'database-open-failed';

const title = '信访接待台无法启动';

export const startupFailureText = {
  'encryption-unavailable':
    '本机没有可用的系统密钥存储，无法安全保存数据库密钥。为保护信访人的个人信息，程序不会以不加密的方式运行。\n\n' +
    '请联系系统管理员：在 Linux 上需要启用系统钥匙环（如 GNOME 密钥环或 KWallet）后再启动。',
  'key-unreadable':
    '数据库密钥文件已损坏，或是由其他电脑、其他系统账户生成的，无法读取。\n\n' +
    '请不要删除数据文件夹，并联系系统管理员：用原电脑、原系统账户启动，或从县级服务器重新同步本机数据。',
  'key-missing':
    '找到了本机的信访数据，但数据库密钥文件不见了，数据无法打开。\n\n' +
    '请不要删除数据文件夹，并联系系统管理员恢复密钥文件（database.key）。',
  'database-open-failed':
    '本机数据库无法打开，可能是文件已损坏，或者另一个程序正在使用它。\n\n' +
    '请关闭其他可能占用数据的程序后重试；如仍不行，请联系系统管理员。',
} as const satisfies Record<StartupFailureCode, string>;

/** The dialog for a failure during startup; anything that is not a key problem is a database that did not open. */
export function startupFailure(error: unknown): { code: StartupFailureCode; title: string; message: string } {
  const code: StartupFailureCode = error instanceof DatabaseKeyError ? error.code : 'database-open-failed';
  return { code, title, message: startupFailureText[code] };
}
