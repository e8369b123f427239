import { describe, expect, it } from 'vitest';
import { DatabaseKeyError } from '../../../src-main/electron/database-key';
import { startupFailureText } from '#shared/messages/zh-CN';
import { startupFailure } from '../../../src-main/electron/startup-failure';

describe('startupFailure', () => {
  it.each(['encryption-unavailable', 'key-unreadable', 'key-missing'] as const)('explains %s in Chinese', (code) => {
    const failure = startupFailure(new DatabaseKeyError(code));
    expect(failure).toEqual({ code, title: '信访接待台无法启动', message: startupFailureText[code] });
    expect(failure.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('treats any other error as a database that did not open, without showing its text', () => {
    const failure = startupFailure(new Error('SQLITE_NOTADB: file is not a database'));
    expect(failure.code).toBe('database-open-failed');
    expect(failure.message).not.toContain('SQLITE');
  });

  it('never offers to run unencrypted or to delete the data', () => {
    for (const text of Object.values(startupFailureText)) expect(text.replaceAll('不要删除', '')).not.toContain('删除');
    expect(startupFailureText['encryption-unavailable']).toContain('不会以不加密的方式运行');
  });
});
