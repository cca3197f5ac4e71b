/**
 * Writes src/classify/wording.compiled.ts: every family of src/classify/wording.ts compiled into regular expression
 * literals (branches grouped by leading character, see compile-alternation.ts), each with the keyword prefilter
 * derived from it (wording-prefilter.ts), then formatted by biome.
 *
 *   pnpm --filter @bounce/parser compile:wording
 *
 * Why a generated file rather than compiling at start-up: the patterns are then literals that the ReDoS checker
 * (packages/redos-check, recheck) can read and prove linear, and nothing is built at run time. A test
 * (test/compile-alternation.test.ts) fails when the file is out of date, so edit wording.ts and re-run this.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCompiledWording } from './compile-alternation.js';

const here = dirname(fileURLToPath(import.meta.url));
const target = resolve(here, '../src/classify/wording.compiled.ts');
writeFileSync(target, renderCompiledWording());
execFileSync(resolve(here, '../../../node_modules/.bin/biome'), ['format', '--write', target], { stdio: 'inherit' });
console.log(`wrote ${target}`);
