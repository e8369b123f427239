import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { demoLogins, DEMO_PASSWORD } from '#shared/demo/county';
import { startLocalCounty } from '../src-server/local-county';
import { electronBinary } from './electron-binary';

/**
 * `npm start`, the README's one run command: the desktop app where an Electron binary can
 * start; elsewhere (build machines cannot download one) the embedded county server on PGlite with the demo county,
 * serving the web edition from the same address, so a newcomer is at the intake form within a minute.
 *
 * Environment: DATA_DIR (default ./data/server, the same county as `npm run server`), HOST (127.0.0.1), PORT (8787).
 */
const root = resolve(import.meta.dirname, '..');

function startDesktop(): void {
  const child = spawn(join(root, 'node_modules', '.bin', 'electron-vite'), ['dev'], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** The newest modification time under the given files and folders (what the web edition is built from). */
function newest(paths: readonly string[]): number {
  let latest = 0;
  const visit = (path: string) => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) return;
    if (info.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry));
    else latest = Math.max(latest, info.mtimeMs);
  };
  for (const path of paths) visit(join(root, path));
  return latest;
}

/** Builds dist/web when it is missing or older than its sources; a fresh one is used as it is (seconds saved). */
async function ensureWebEdition(): Promise<string> {
  const outDir = join(root, 'dist', 'web');
  const built = statSync(join(outDir, 'index.html'), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (built > newest(['src-renderer', 'shared', 'vite.config.ts', 'package-lock.json'])) return outDir;
  console.log('正在构建网页版（首次约需半分钟）/ building the web edition …');
  const { build } = await import('vite'); // only when needed: loading vite takes a moment
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

async function startWeb(): Promise<void> {
  const webDir = await ensureWebEdition();
  const dataDir = resolve(process.env['DATA_DIR'] ?? join(root, 'data', 'server'));
  const county = await startLocalCounty({
    dataDir,
    webDir,
    host: process.env['HOST'] ?? '127.0.0.1',
    port: Number(process.env['PORT'] ?? 8787),
    logger: pino({ level: process.env['LOG_LEVEL'] ?? 'warn' }),
  });
  const width = Math.max(...demoLogins.map((l) => l.login.length));
  console.log(
    [
      '',
      `  信访接待台已启动，请用浏览器打开 / open the desk at:  ${county.url}/`,
      `  县级服务器数据 / county server data: ${dataDir}${county.seeded ? '（新建示范县 / demo county created）' : ''}`,
      `  演示账号，密码均为 ${DEMO_PASSWORD} / demo logins, password ${DEMO_PASSWORD}:`,
      ...demoLogins.map((l) => `    ${l.login.padEnd(width)}  ${l.name}`),
      '  按 Ctrl+C 停止 / press Ctrl+C to stop',
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void county.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(): Promise<void> {
  if (electronBinary()) {
    startDesktop();
    return;
  }
  console.log(
    '本机无法启动 Electron 桌面版，改为启动内置县级服务器和网页版 / No Electron binary here: starting the county server (PGlite) with the web edition instead.',
  );
  await startWeb();
}

main().catch((error: unknown) => {
  const code = (error as { code?: unknown }).code; // Node's system errors carry one
  if (code === 'EADDRINUSE')
    console.error(`端口已被占用，请设置 PORT=其他端口 / port in use, set PORT: ${String(error)}`);
  else console.error(error);
  process.exit(1);
});
