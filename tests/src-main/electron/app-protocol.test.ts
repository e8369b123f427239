import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveAppFile } from '../../../src-main/electron/app-protocol';

const root = join('/opt', 'xinfang-desk', 'out', 'renderer');

describe('resolveAppFile', () => {
  it.each([
    ['app://desk/', 'index.html'],
    ['app://desk/index.html', 'index.html'],
    ['app://desk/assets/index-Bx1.js', join('assets', 'index-Bx1.js')],
    ['app://desk/assets/%E5%AD%97.woff2', join('assets', '字.woff2')],
    ['app://desk/cases/123', 'index.html'],
    ['app://desk/index.html?x=1#/cases', 'index.html'],
    // The URL parser resolves literal and %2E-encoded dot segments itself, and never above the root.
    ['app://desk/../secret.txt', 'secret.txt'],
    ['app://desk/assets/%2E%2E/%2E%2E/secret.txt', 'secret.txt'],
  ])('%s → %s', (url, file) => {
    expect(resolveAppFile(url, root)).toBe(join(root, file));
  });

  it.each([
    'app://desk/..%2F..%2Fsecret.txt',
    'app://desk/..%5C..%5Csecret.txt',
    'app://desk/a%00.js',
    'app://desk/%E0%A4%A',
    'app://other/index.html',
    'https://desk/index.html',
    'file:///opt/xinfang-desk/out/renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(url, root)).toBeUndefined();
  });
});
