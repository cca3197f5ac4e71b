/**
 * Builds the `bounce` command: apps/cli/src and the parser bundled by esbuild into ESM, dist/bounce.js (the command)
 * and dist/parse-worker.js (the body of its parser threads), with their shared code in chunks. Run by `pnpm build`,
 * by the workspace's `prepare` hook after every `pnpm install`, and by the launcher when the sources changed.
 *
 * Then builds the start-up snapshot, dist/bounce.blob (src/snapshot-main.ts), and its mark: optional, the command
 * runs without it (bin/bounce).
 *
 * Writes dist/build-inputs.json: every file the bundle was made from, with its mtime and size, so that the launcher
 * can tell a stale build from a fresh one without reading the sources (build-state.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { withBuildLock } from './build-lock.mjs';
import {
  BUNDLE_PATH,
  CLI_DIR,
  cpuFeatures,
  INPUTS_PATH,
  NODE_FLAGS,
  SNAPSHOT_MARK_PATH,
  SNAPSHOT_PATH,
  snapshotMark,
  staleReason,
} from './build-state.mjs';

/** A chunk of an earlier build this old is no longer loaded by any command still running. */
const STALE_CHUNK_MS = 3_600_000;

/**
 * Files that shape the bundle without being part of it. The lockfile stands for every dependency under
 * node_modules: they change only through `pnpm install`, which changes it (and rebuilds anyway, at `prepare`), so
 * the launcher stats one file for them instead of a few hundred at every start.
 */
const CONFIG_FILES = ['package.json', 'scripts/build.mjs', '../../pnpm-lock.yaml'];
const DEPENDENCY_RE = /(?:^|[\\/])node_modules[\\/]/;
/** Held while a build runs (build-lock.mjs): commands started meanwhile wait for it instead of building too. */
const LOCK_PATH = resolve(dirname(BUNDLE_PATH), '.build.lock');

/**
 * The launcher's rebuild: waits for a build another command started, then builds only if the bundle is still stale.
 * @returns {Promise<boolean>} whether this process built it
 */
export async function buildCliIfStale() {
  await mkdir(dirname(LOCK_PATH), { recursive: true });
  return withBuildLock(LOCK_PATH, async () => {
    if (staleReason() === null) return false;
    await buildCli();
    return true;
  });
}

export async function buildCli() {
  const startedAt = Date.now();
  const result = await build({
    absWorkingDir: CLI_DIR,
    // The command, and the body of its parser threads (which need neither argv handling nor the other commands).
    entryPoints: { bounce: 'src/main.ts', 'parse-worker': 'src/parse-worker.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Each command's code in its own chunk, loaded by its dynamic import: `parse` (and its threads) never load the
    // DNS checks of `sender-check` and their dependencies (about 3 MB), nor the reverse.
    outdir: dirname(BUNDLE_PATH),
    entryNames: '[name]',
    splitting: true,
    // Beside bounce.js, so that paths relative to a module (../package.json) hold in every chunk.
    chunkNames: 'chunk-[hash]',
    write: false,
    metafile: true,
    sourcemap: 'linked',
    // Readable stack traces matter more than the few milliseconds minification would save at start-up.
    minify: false,
    legalComments: 'none',
    // CommonJS dependencies (mailauth, for sender-check) require Node's built-ins: give the ESM bundle a require.
    banner: {
      js: "import { createRequire as __bounceCreateRequire } from 'node:module'; const require = __bounceCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  await mkdir(dirname(BUNDLE_PATH), { recursive: true });
  // Write under temporary names, then rename: a command started meanwhile sees the old build or the new one, whole.
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
  // Chunks of earlier builds: removed once no command started before this build can still be loading them.
  const current = new Set(result.outputFiles.map((f) => basename(f.path)));
  for (const name of await readdir(dirname(BUNDLE_PATH))) {
    if (!name.startsWith('chunk-') || current.has(name)) continue;
    const path = join(dirname(BUNDLE_PATH), name);
    if (Date.now() - (await stat(path)).mtimeMs > STALE_CHUNK_MS) await rm(path, { force: true });
  }
  const snapshotInputs = await buildSnapshot();
  const files = {};
  const sources = [...Object.keys(result.metafile.inputs), ...snapshotInputs].filter(
    (input) => !DEPENDENCY_RE.test(input),
  );
  const configs = CONFIG_FILES.filter((file) => existsSync(resolve(CLI_DIR, file)));
  for (const input of [...sources, ...configs]) {
    const path = resolve(CLI_DIR, input);
    const info = await stat(path);
    // A file edited while the build ran may be in the bundle in its old form: record it as unknown (-1), so that
    // the next start rebuilds.
    files[relative(CLI_DIR, path)] = [info.mtimeMs >= startedAt ? -1 : info.mtimeMs, info.size];
  }
  const temporary = `${INPUTS_PATH}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify({ files }, null, 1)}\n`);
  await rename(temporary, INPUTS_PATH);
  return { path: BUNDLE_PATH, inputs: Object.keys(files).length };
}

/**
 * The start-up snapshot: src/snapshot-main.ts bundled into one CommonJS script (what `node --build-snapshot` runs),
 * run by this node with the command's V8 options (and NODE_OPTIONS, inherited), then the mark bin/bounce reads
 * (build-state.mjs snapshotMark): this node, the options, NODE_OPTIONS and the CPU's features.
 * A failure (a node without snapshots, a native handle left in the heap) is reported and leaves no blob: the command
 * then starts from the bundle, as before. Returns the inputs of the snapshot's bundle.
 */
async function buildSnapshot() {
  const entry = resolve(dirname(SNAPSHOT_PATH), 'snapshot-entry.cjs');
  await rm(SNAPSHOT_MARK_PATH, { force: true });
  const result = await build({
    absWorkingDir: CLI_DIR,
    entryPoints: ['src/snapshot-main.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: entry,
    metafile: true,
    minify: false,
    legalComments: 'none',
    // The modules see the bundle's URL, so that their relative paths (../package.json, ./parse-worker.js) hold.
    // (src/snapshot-main.ts sets it at each start; the builder's own value serves while the snapshot is made.)
    define: { 'import.meta.url': 'globalThis.__bounceBundleUrl' },
    banner: { js: `globalThis.__bounceBundleUrl = ${JSON.stringify(pathToFileURL(BUNDLE_PATH).href)};` },
    plugins: [leaveOut(/\/sender-(?:check|health)-command\.js$/)],
    logLevel: 'warning',
  });
  const temporary = `${SNAPSHOT_PATH}.${process.pid}.tmp`;
  const run = spawnSync(process.execPath, [...NODE_FLAGS, '--snapshot-blob', temporary, '--build-snapshot', entry], {
    encoding: 'utf8',
  });
  if (run.status !== 0 || !existsSync(temporary)) {
    await rm(temporary, { force: true });
    await rm(SNAPSHOT_PATH, { force: true });
    const why = run.error?.message ?? (run.stderr.trim().split('\n').at(-1) || `exit status ${run.status}`);
    process.stderr.write(`bounce build: no start-up snapshot (${why}); the command starts without it\n`);
  } else {
    await rename(temporary, SNAPSHOT_PATH);
    // Renamed into place like the rest: a command or test reading it meanwhile sees no mark or the whole one.
    const markTemporary = `${SNAPSHOT_MARK_PATH}.${process.pid}.tmp`;
    await writeFile(markTemporary, snapshotMark(process.execPath, process.env.NODE_OPTIONS, cpuFeatures()));
    await rename(markTemporary, SNAPSHOT_MARK_PATH);
  }
  return Object.keys(result.metafile.inputs);
}

/** An esbuild plugin leaving the modules whose path matches out of the bundle (they stay dynamic imports). */
function leaveOut(filter) {
  return { name: 'leave-out', setup: (b) => b.onResolve({ filter }, (args) => ({ path: args.path, external: true })) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  // `pnpm build` and `prepare` (after an install, whose changes under node_modules staleReason does not see) always
  // build, after any build already running.
  await mkdir(dirname(LOCK_PATH), { recursive: true });
  const { path, inputs } = await withBuildLock(LOCK_PATH, buildCli);
  process.stdout.write(`built ${relative(process.cwd(), path) || path} from ${inputs} files\n`);
}
