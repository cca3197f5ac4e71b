/**
 * The dependency rules (.dependency-cruiser.cjs, run over the real tree by `pnpm deps:check` in `pnpm test`) are
 * themselves tested here: on a fixture tree with one deliberate violation of each forbidden arrow the checker must
 * fail and name every rule, and on a clean fixture it must pass. Without this, a typo in a path pattern would make
 * the check pass vacuously.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(import.meta.dirname, '../node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

type Violation = { rule: { name: string }; from: string; to: string };

/** Runs the checker as `pnpm deps:check` does (its exit code) and again for the violations in JSON. */
function cruise(fixture: string): { status: number | null; violations: Violation[] } {
  const run = (outputType: 'err' | 'json') =>
    spawnSync(process.execPath, [DEPCRUISE, 'apps', 'packages', '--config', CONFIG, '--output-type', outputType], {
      cwd: join(import.meta.dirname, '../fixtures', fixture),
      encoding: 'utf8',
    });
  const { status } = run('err');
  const output = JSON.parse(run('json').stdout) as { summary: { violations: Violation[] } };
  return { status, violations: output.summary.violations };
}

const FIXTURE_MODULES = join(import.meta.dirname, '../fixtures/violations/node_modules');

// An npm package for the fixture to import (node_modules is not committed): the database library apps must not use.
beforeAll(() => {
  mkdirSync(join(FIXTURE_MODULES, 'drizzle-orm'), { recursive: true });
  writeFileSync(
    join(FIXTURE_MODULES, 'drizzle-orm/package.json'),
    JSON.stringify({ name: 'drizzle-orm', version: '0.0.0', main: 'index.js' }),
  );
  writeFileSync(join(FIXTURE_MODULES, 'drizzle-orm/index.js'), 'export const sql = String.raw;\n');
});
afterAll(() => rmSync(FIXTURE_MODULES, { recursive: true, force: true }));

describe('dependency rules', () => {
  it('fail on each deliberate violation, naming the rule and the arrow', () => {
    const { status, violations } = cruise('violations');
    expect(status).not.toBe(0);
    const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'no-app-imports-other-app: apps/api/src/main.ts → apps/fetch-worker/src/main.ts',
        'no-package-imports-app: packages/db/src/index.ts → apps/api/src/main.ts',
        'pure-parser-and-rules-no-io: packages/rules/src/decide.ts → fs',
        'pure-parser-and-rules-no-workspace-io: packages/rules/src/decide.ts → packages/db/src/index.ts',
        'no-test-helpers-in-production: packages/db/src/index.ts → packages/db/src/testing/test-database.ts',
        'no-sql-in-apps: apps/fetch-worker/src/main.ts → node_modules/drizzle-orm/index.js',
        'pure-parser-and-rules-no-io-packages: packages/rules/src/decide.ts → node_modules/drizzle-orm/index.js',
      ]),
    );
    // The type-only cycle counts too (it is how the store's apply-core/write-state cycle went unnoticed).
    expect(violations.filter((v) => v.rule.name === 'no-circular').map((v) => v.from)).toContain(
      'packages/db/src/cycle-a.ts',
    );
  }, 60_000); // two checker runs: a few seconds each on a busy machine

  it('pass on a tree that keeps to them', () => {
    expect(cruise('clean')).toEqual({ status: 0, violations: [] });
  }, 60_000);
});
