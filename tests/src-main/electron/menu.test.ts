import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../src-main/electron/menu';

const roles = (template: ReturnType<typeof menuTemplate>) =>
  JSON.stringify(template)
    .match(/"role":"\w+"/g)
    ?.map((r) => r.slice(8, -1)) ?? [];

describe('menuTemplate', () => {
  it('offers editing, zoom and quit, labelled in Chinese', () => {
    const template = menuTemplate({ platform: 'win32', devTools: false });
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图']);
    expect(roles(template)).toEqual(expect.arrayContaining(['quit', 'copy', 'paste', 'zoomIn']));
  });

  it('keeps reload and the developer tools out of an installed app', () => {
    expect(roles(menuTemplate({ platform: 'win32', devTools: false }))).not.toContain('toggleDevTools');
    expect(roles(menuTemplate({ platform: 'win32', devTools: true }))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });

  it('puts the application menu first on macOS', () => {
    expect(menuTemplate({ platform: 'darwin', devTools: false })[0]?.label).toBe('信访接待台');
  });
});
