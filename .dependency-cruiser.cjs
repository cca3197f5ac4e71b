/**
 * The forbidden arrows of the workspace (ARCHITECTURE.md), checked by `pnpm deps:check` as part of `pnpm test`.
 * Paths are relative to the directory the check runs in: the repository root, or a fixture tree in the test of these
 * rules (tools/architecture), which lays out apps/ and packages/ the same way.
 */

/** Node built-ins that do I/O (files, network, processes, threads); pure libraries import none of them. */
const IO_BUILTINS =
  '^(node:)?(fs|fs/promises|net|tls|dgram|dns|dns/promises|http|https|http2|child_process|cluster|worker_threads|readline|inspector|repl|vm)$';

/** Tests, benchmarks, test helpers, dev scripts and the test-only packages: they may reach anything they exercise. */
const NOT_PRODUCTION =
  '(^packages/(e2e|test-servers)/|\\.test\\.ts$|/bench/|/scripts/|/testing/|/test/|/e2e/|\\.config\\.ts$)';

module.exports = {
  forbidden: [
    {
      name: 'no-package-imports-app',
      comment: 'Packages are libraries; apps are processes at the edge. Move what several processes need to a package.',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-other-app',
      comment: 'Apps are leaves: nothing imports an app. Shared code lives in a package.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'pure-parser-and-rules-no-io',
      comment:
        'The parser and the rules are pure: bytes and state in, verdicts and decisions out. I/O lives at the edges.',
      severity: 'error',
      from: { path: '^packages/(bounce-parser|rules|events)/src/', pathNot: NOT_PRODUCTION },
      to: { dependencyTypes: ['core'], path: IO_BUILTINS },
    },
    {
      name: 'pure-parser-and-rules-no-io-packages',
      comment: 'The parser depends on nothing; the rules only on the parser and zod (no database, queue or network).',
      severity: 'error',
      from: { path: '^packages/(bounce-parser|rules|events)/src/', pathNot: NOT_PRODUCTION },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '(^|/)node_modules/zod/',
      },
    },
    {
      name: 'pure-parser-and-rules-no-workspace-io',
      comment:
        'The rules may use the parser and the event registry (pure too); neither uses another workspace package (db, queue, config...).',
      severity: 'error',
      from: { path: '^packages/(bounce-parser|rules|events)/src/', pathNot: NOT_PRODUCTION },
      to: { path: '^packages/', pathNot: '^packages/(bounce-parser|rules|events)/src/' },
    },
    {
      name: 'no-sql-in-apps',
      comment: 'Apps never write SQL against the tables of @bounce/db: each concept has its functions there.',
      severity: 'error',
      from: { path: '^apps/', pathNot: NOT_PRODUCTION },
      to: { path: 'node_modules/drizzle-orm/' },
    },
    {
      name: 'no-test-helpers-in-production',
      comment: 'Test helpers sit behind a `testing` subpath and are imported by tests only.',
      severity: 'error',
      from: { path: '^(apps|packages)/', pathNot: NOT_PRODUCTION },
      to: { path: '/testing/' },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycles, type-only ones included: a cycle means two modules are one concept or a third is missing.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default', 'node'],
      mainFields: ['module', 'main', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
