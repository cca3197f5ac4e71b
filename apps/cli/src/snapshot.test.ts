/**
 * The start-up snapshot (snapshot-main.ts): built with the bundle, it gives the output of the bundle, and bin/bounce
 * starts from it only when the node that built it runs it, and only for the commands it holds.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpuFeatures, NODE_FLAGS, SNAPSHOT_MARK_PATH, SNAPSHOT_PATH, snapshotMark } from '../scripts/build-state.mjs';

const CLI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = resolve(CLI_DIR, '../..');
const BIN = join(REPO_ROOT, 'node_modules/.bin/bounce');
const CORPUS_DIR = resolve(REPO_ROOT, '../shared/corpus/dev/emails');

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bounce-snapshot-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the start-up snapshot', { timeout: 60_000 }, () => {
  it('is built with the bundle, marked with its node and options, and parses as the bundle does', async () => {
    // The launcher rebuilds a stale bundle (and the blob with it) before anything is compared.
    expect(spawnSync(BIN, ['--version'], { encoding: 'utf8' }).status).toBe(0);
    expect(existsSync(SNAPSHOT_PATH)).toBe(true);
    expect(readFileSync(SNAPSHOT_MARK_PATH, 'utf8')).toBe(
      snapshotMark(process.execPath, process.env.NODE_OPTIONS, cpuFeatures()),
    );
    const folder = join(dir, 'folder');
    await mkdir(folder);
    const names = (await readdir(CORPUS_DIR)).filter((n) => n.endsWith('.eml')).slice(0, 40);
    for (const name of names) await copyFile(join(CORPUS_DIR, name), join(folder, name));
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(BIN, ['parse', '--ndjson', folder], { encoding: 'utf8', env: { ...process.env, ...env } });
    const fromSnapshot = run({});
    const fromBundle = run({ BOUNCE_NO_SNAPSHOT: '1' });
    expect(fromSnapshot.status).toBe(0);
    expect(fromSnapshot.stdout.split('\n')).toHaveLength(names.length + 1);
    expect(fromSnapshot.stdout).toBe(fromBundle.stdout);
    expect(fromSnapshot.stderr).toBe(fromBundle.stderr);
  });

  it('is left alone where node would refuse it (exit 14): other V8 options in NODE_OPTIONS', () => {
    // The real blob, which this node loads only with the options it was built with: a V8 option more in NODE_OPTIONS
    // (as another CPU's features) makes node exit with 14 before running anything.
    const [, builtWith = ''] = readFileSync(SNAPSHOT_MARK_PATH, 'utf8').split('\n');
    const env = { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=4099`.trim() };
    const direct = spawnSync(
      process.execPath,
      ['--snapshot-blob', SNAPSHOT_PATH, ...builtWith.split(' ').filter(Boolean), CLI_DIR, '--version'],
      { encoding: 'utf8', env },
    );
    expect(direct.status).toBe(14);
    expect(direct.stdout).toBe('');
    // The command sees the mismatch in the mark and runs the launcher: one answer, nothing on stderr.
    const command = spawnSync(BIN, ['--version'], { encoding: 'utf8', env });
    const bundle = spawnSync(BIN, ['--version'], { encoding: 'utf8', env: { ...env, BOUNCE_NO_SNAPSHOT: '1' } });
    expect(command.status).toBe(0);
    expect(command.stdout).toBe(bundle.stdout);
    expect(command.stdout).toMatch(/^bounce \S+\n$/);
    expect(command.stderr).toBe('');
  });

  it('is left alone for another node, CPU or NODE_OPTIONS, without a mark, and for the commands it does not hold', async () => {
    // A copy of bin/bounce beside a launcher that names itself and a blob that no node would load.
    const cli = join(dir, 'cli');
    await mkdir(join(cli, 'bin'), { recursive: true });
    await mkdir(join(cli, 'dist'));
    await copyFile(join(CLI_DIR, 'bin/bounce'), join(cli, 'bin/bounce'));
    await writeFile(
      join(cli, 'bin/launch.mjs'),
      "process.stdout.write(['launcher', ...process.argv.slice(2)].join(' '));\n",
    );
    await writeFile(join(cli, 'dist/bounce.blob'), 'not a snapshot');
    const start = (...args: string[]) => spawnSync('sh', [join(cli, 'bin/bounce'), ...args], { encoding: 'utf8' });
    expect(start('parse', 'x').stdout).toBe('launcher parse x');
    const mark = (text: string) => writeFile(join(cli, 'dist/bounce.blob.node'), text);
    const here = { node: process.execPath, options: process.env.NODE_OPTIONS, cpu: cpuFeatures() };
    await mark(snapshotMark(join(dir, 'other-node'), here.options, here.cpu));
    expect(start('parse', 'x').stdout).toBe('launcher parse x');
    // Built on another CPU (node_modules built on one host and run on another), or under other NODE_OPTIONS.
    await mark(snapshotMark(here.node, here.options, 'cpu:type:x86,ven0000fam0006mod0055:feature:,0000'));
    expect(start('parse', 'x').stdout).toBe('launcher parse x');
    await mark(snapshotMark(here.node, `${here.options ?? ''} --max-old-space-size=4099`, here.cpu));
    expect(start('parse', 'x').stdout).toBe('launcher parse x');
    // A mark of an older build, without those lines.
    await mark(`${here.node}\n${NODE_FLAGS.join(' ')}\n`);
    expect(start('parse', 'x').stdout).toBe('launcher parse x');
    await mark(snapshotMark(here.node, here.options, here.cpu));
    expect(start('sender-check', '--help').stdout).toBe('launcher sender-check --help');
    // The real node and a matching mark: the blob is used (and this one fails to load, as it should).
    const blob = start('parse', 'x');
    expect(blob.stdout).toBe('');
    expect(blob.status).not.toBe(0);
  });
});
