import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_PATH, CLI_DIR, INPUTS_PATH, staleReason } from './build-state.mjs';

let dir: string;

/** A package folder with one source and a build that recorded it. */
async function built(): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(join(dir, 'src'), { recursive: true });
  await mkdir(join(dir, 'dist'));
  await writeFile(join(dir, 'src/a.ts'), 'export const a = 1;\n');
  await writeFile(join(dir, 'dist/bounce.js'), '// bundle\n');
  const info = await stat(join(dir, 'src/a.ts'));
  const files = { 'src/a.ts': [info.mtimeMs, info.size] };
  await writeFile(join(dir, 'dist/build-inputs.json'), JSON.stringify({ files }));
  return join(dir, 'src/a.ts');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bounce-build-state-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('staleReason', () => {
  it('is null for a build that matches its sources', async () => {
    await built();
    expect(staleReason(dir)).toBeNull();
  });

  it('asks for a build when there is none', async () => {
    await built();
    await rm(join(dir, 'dist/bounce.js'));
    expect(staleReason(dir)).toBe('not built yet');
    await built();
    await rm(join(dir, 'dist/build-inputs.json'));
    expect(staleReason(dir)).toBe('not built yet');
  });

  it('notices a source that was edited, touched or removed', async () => {
    const source = await built();
    await writeFile(source, 'export const a = 22;\n');
    expect(staleReason(dir)).toBe('src/a.ts changed');
    await built();
    const later = new Date(Date.now() + 5_000);
    await utimes(source, later, later);
    expect(staleReason(dir)).toBe('src/a.ts changed');
    await built();
    await rm(source);
    expect(staleReason(dir)).toBe('src/a.ts is gone');
  });

  it("lists the parser's sources among the inputs of the real build", async () => {
    const state = JSON.parse(await readFile(INPUTS_PATH, 'utf8')) as { files: Record<string, unknown> };
    const files = Object.keys(state.files);
    expect(files).toContain('src/main.ts');
    expect(files).toContain('package.json');
    expect(files.some((f) => f.includes('bounce-parser/src/parse-bounce.ts'))).toBe(true);
    expect(relative(CLI_DIR, BUNDLE_PATH)).toBe(join('dist', 'bounce.js'));
  });
});
