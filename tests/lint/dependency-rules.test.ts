import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

/**
 * The dependency rules of design.md §6 and style.md ("Layout and dependency direction") bite: each fixture under
 * tests/lint/fixtures/ is a small tree with one wrong import, cruised with the project's own configuration.
 */
const root = join(import.meta.dirname, '..', '..');
const fixtures = join(import.meta.dirname, 'fixtures');
const cruiser = join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

function cruise(fixture: string): { status: number | null; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'depcruise-'));
  try {
    cpSync(join(fixtures, fixture), dir, { recursive: true });
    cpSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
    cpSync(join(root, 'tsconfig.base.json'), join(dir, 'tsconfig.base.json'));
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
    const folders = readdirSync(dir).filter((f) => ['shared', 'src-main', 'src-renderer', 'src-server'].includes(f));
    const run = spawnSync(process.execPath, [cruiser, '--config', '.dependency-cruiser.cjs', ...folders], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: run.status, output: run.stdout + run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('dependency rules (dependency-cruiser, design.md §6)', () => {
  it.each([
    ['shared-imports-node', 'shared-is-pure'],
    ['shared-imports-electron', 'shared-no-platform-packages'],
    ['main-imports-renderer', 'main-not-renderer-or-server'],
    ['server-imports-main', 'server-not-main-or-renderer'],
    ['server-imports-desk-core', 'server-not-desk-core'],
    ['web-imports-app', 'renderer-web-not-app'],
    ['core-imports-electron', 'only-electron-folder-imports-electron'],
  ])('%s is refused by rule %s', (fixture, rule) => {
    expect(existsSync(join(fixtures, fixture))).toBe(true);
    const { status, output } = cruise(fixture);
    expect(status).not.toBe(0);
    expect(output).toContain(rule);
  });

  it('a tree that follows the rules passes', () => {
    const { status, output } = cruise('clean');
    expect(output).toContain('no dependency violations');
    expect(status).toBe(0);
  });
});

describe('shared/ is pure (style.md "Layout")', () => {
  it.each([
    ['node:fs', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n", 'Node 内置模块'],
    ['electron', "import { app } from 'electron';\nexport const a = app;\n", '平台相关的包'],
  ])('ESLint refuses an import of %s in shared/', async (_name, code, word) => {
    const eslint = new ESLint({ cwd: root });
    const [result] = await eslint.lintText(code, { filePath: join(root, 'shared', 'domain', 'lint-fixture.ts') });
    const messages = result?.messages.filter((m) => m.ruleId === 'no-restricted-imports') ?? [];
    expect(messages.map((m) => m.message).join('\n')).toContain(word);
  });

  it('the compiler refuses Node and DOM globals under shared/tsconfig.json', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'shared', 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
    );
    const dir = mkdtempSync(join(tmpdir(), 'shared-globals-'));
    const file = join(dir, 'globals.ts');
    writeFileSync(
      file,
      'export const env = process.env.HOME;\nexport const w = window.location;\nexport const b = Buffer.from("x");\n',
    );
    try {
      const program = ts.createProgram([file], {
        ...config!.options,
        composite: false,
        noEmit: true,
        emitDeclarationOnly: false,
        declaration: false,
      });
      const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(errors.some((m) => m.includes("'process'"))).toBe(true);
      expect(errors.some((m) => m.includes("'window'"))).toBe(true);
      expect(errors.some((m) => m.includes("'Buffer'"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
