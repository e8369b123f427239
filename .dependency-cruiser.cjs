/**
 * Dependency rules (design.md §6, style.md "Layout and dependency direction").
 * `npm run lint` fails on any violation; tests/lint/dependency-rules.test.ts proves each rule bites.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const platformPackages =
  '^(electron|react|react-dom|dexie|better-sqlite3|better-sqlite3-multiple-ciphers|fastify|pg|@electric-sql/pglite|antd|zustand)($|/)';

module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is used by main, renderer, server and the web worker: no platform packages, no Node built-ins.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'shared-no-platform-packages',
      severity: 'error',
      from: { path: '^shared/' },
      // Matched on the module name, so it bites even before the package is installed.
      to: { path: platformPackages },
    },
    {
      name: 'shared-imports-no-app',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(src-main|src-renderer|src-server)/' },
    },
    {
      name: 'main-not-renderer-or-server',
      severity: 'error',
      from: { path: '^src-main/' },
      to: { path: '^(src-renderer|src-server)/' },
    },
    {
      name: 'renderer-not-main-or-server',
      severity: 'error',
      from: { path: '^src-renderer/' },
      to: { path: '^(src-main|src-server)/' },
    },
    {
      name: 'server-not-main-or-renderer',
      severity: 'error',
      from: { path: '^src-server/' },
      to: { path: '^(src-main|src-renderer)/' },
    },
    {
      name: 'server-not-desk-core',
      comment:
        'shared/core/ is the desk (RxDB, handlers); the county server shares only the formats and rules around it, even through another shared/ module.',
      severity: 'error',
      from: { path: '^src-server/' },
      to: { path: '^shared/core/', reachable: true },
    },
    {
      name: 'renderer-web-not-app',
      comment:
        "web/ is the web edition's transport and worker; app/ picks it (app/transport.ts), so imports go app → web only.",
      severity: 'error',
      from: { path: '^src-renderer/web/' },
      to: { path: '^src-renderer/(app|features)/' },
    },
    {
      name: 'only-electron-folder-imports-electron',
      comment: 'Only src-main/electron/ may import electron (style.md); the desk core stays platform-neutral.',
      severity: 'error',
      from: { pathNot: '^src-main/electron/' },
      to: { path: '^electron($|/)' },
    },
    {
      name: 'no-circular',
      comment: 'Type-only cycles (a generated table typed by the module that reads it) do not exist at run time.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    combinedDependencies: true,
  },
};
