/**
 * Whether dist/bounce.js is older than its sources. Kept free of dependencies because the launcher (bin/launch.mjs)
 * runs it at every start: it stats the files the last build read (esbuild's list, saved as dist/build-inputs.json),
 * about a hundred stat calls, well under a millisecond.
 *
 * A new source file can only enter the bundle through an import in a file that is already listed, which then has
 * changed too: so checking the listed files is enough.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CLI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_PATH = resolve(CLI_DIR, 'dist/bounce.js');
export const INPUTS_PATH = resolve(CLI_DIR, 'dist/build-inputs.json');
/** The start-up snapshot (src/snapshot-main.ts), and what bin/bounce checks before using it: see build.mjs. */
export const SNAPSHOT_PATH = resolve(CLI_DIR, 'dist/bounce.blob');
export const SNAPSHOT_MARK_PATH = resolve(CLI_DIR, 'dist/bounce.blob.node');
/**
 * V8 options of the command, the same in bin/bounce (which explains them): a snapshot only loads in a node started
 * with the options it was built with, so the blob is built with these and bin/bounce reads them from its mark.
 */
export const NODE_FLAGS = [
  '--no-regexp-tier-up',
  '--min-semi-space-size=16',
  '--max-inlined-bytecode-size-cumulative=460',
];

/** Where Linux lists the CPU's features on one line (the boot CPU's, as the kernel found them). */
export const CPU_FEATURES_PATH = '/sys/devices/system/cpu/modalias';

/**
 * The snapshot's mark, the lines bin/bounce compares before starting from the blob: the node that built it, the V8
 * options it was built with (the command's, then NODE_OPTIONS as it was), and the CPU's features (empty where the
 * kernel does not list them). A blob loads only in a node started alike on a CPU alike, else node exits with 14.
 * @param {string} nodePath
 * @param {string | undefined} nodeOptions
 * @param {string} cpuFeatures
 */
export function snapshotMark(nodePath, nodeOptions, cpuFeatures) {
  return `${nodePath}\n${NODE_FLAGS.join(' ')}\n${nodeOptions ?? ''}\n${cpuFeatures}\n`;
}

/** This machine's CPU features as bin/bounce reads them (the first line of CPU_FEATURES_PATH), or ''. */
export function cpuFeatures() {
  try {
    return readFileSync(CPU_FEATURES_PATH, 'utf8').split('\n')[0]?.trim() ?? '';
  } catch {
    return '';
  }
}

/**
 * @param {string} [cliDir] the package folder (tests point it elsewhere)
 * @returns {string | null} why a (re)build is needed, or null when dist/bounce.js matches its sources.
 */
export function staleReason(cliDir = CLI_DIR) {
  /** @type {{ files: Record<string, [number, number]> }} */
  let state;
  try {
    state = JSON.parse(readFileSync(resolve(cliDir, 'dist/build-inputs.json'), 'utf8'));
    statSync(resolve(cliDir, 'dist/bounce.js'));
  } catch {
    return 'not built yet';
  }
  // Joined by hand: path.resolve, which normalises every path, took more time than the stat calls themselves.
  const prefix = `${cliDir}/`;
  for (const [file, [mtimeMs, size]] of Object.entries(state.files)) {
    let info;
    try {
      info = statSync(prefix + file);
    } catch {
      return `${file} is gone`;
    }
    if (info.mtimeMs !== mtimeMs || info.size !== size) return `${file} changed`;
  }
  return null;
}
