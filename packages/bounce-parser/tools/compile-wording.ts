/**
 * Writes src/classify/wording.compiled.ts: every family of src/classify/wording.ts compiled into one regular
 * expression literal (branches grouped by leading character, see compile-alternation.ts).
 *
 *   pnpm --filter @bounce/parser compile:wording
 *
 * Why a generated file rather than compiling at start-up: the patterns are then literals that the ReDoS checker
 * (packages/redos-check, recheck) can read and prove linear, and nothing is built at run time. A test
 * (test/wording-compiled.test.ts) fails when the file is out of date, so edit wording.ts and re-run this.
 */
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderCompiledWording } from './compile-alternation.js';

const target = resolve(dirname(fileURLToPath(import.meta.url)), '../src/classify/wording.compiled.ts');
writeFileSync(target, renderCompiledWording());
console.log(`wrote ${target}`);
