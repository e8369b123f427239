import type { DeskStartStage } from './desk-start';

/**
 * The texts a person reads, in one place so the wording is fixed once (style.md, "Renderer state"). The React UI
 * of a later issue grows this into the full catalogue.
 */
export const messages = {
  appTitle: '信访接待台',
  starting: '信访接待台正在启动……',
  ready: {
    electron: '信访接待台已就绪',
    web: '信访接待台（网页版）已就绪',
  },
  startFailed: {
    open: '无法打开本机数据库：请确认浏览器允许本网站保存数据、磁盘仍有空间，然后刷新页面。',
    seed: '示范数据写入失败：请刷新页面重试；如仍失败，请联系县信访局技术支持。',
    worker: '接待台后台程序未能启动：请刷新页面；如仍失败，请改用新版 Chrome、Edge 或 Firefox 浏览器。',
    bridge: '接待台未能连接本机数据服务：请关闭后重新打开信访接待台；如仍失败，请联系县信访局技术支持。',
  } satisfies Record<DeskStartStage, string>,
} as const;
