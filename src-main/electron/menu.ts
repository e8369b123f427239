import type { MenuItemConstructorOptions } from 'electron';

/**
 * A minimal menu: editing shortcuts (macOS needs menu items for copy and paste), zoom for reading, and the
 * developer tools only in development. No item loads a page or opens a link.
 */
export function menuTemplate(options: { platform: NodeJS.Platform; devTools: boolean }): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  template.push(
    mac
      ? {
          label: '信访接待台',
          submenu: [{ role: 'hide', label: '隐藏' }, { type: 'separator' }, { role: 'quit', label: '退出信访接待台' }],
        }
      : { label: '文件', submenu: [{ role: 'quit', label: '退出' }] },
  );
  template.push(
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
        ...(options.devTools
          ? [
              { type: 'separator' as const },
              { role: 'reload' as const, label: '重新加载' },
              { role: 'toggleDevTools' as const, label: '开发者工具' },
            ]
          : []),
      ],
    },
  );
  return template;
}
