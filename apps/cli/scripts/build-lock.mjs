/**
 * One build of the `bounce` command at a time per checkout. Every command started while the bundle is stale runs
 * the launcher's rebuild, and several start at once (test files run in parallel, scripts, a user's second shell):
 * concurrent builds wrote the same dist/snapshot-entry.cjs, removed the snapshot's mark while another build had just
 * written it, and listed each other's temporary chunk files (ENOENT on a `.tmp` renamed meanwhile). The lock is a
 * file created exclusively (O_EXCL) holding the builder's pid; the others wait for it, then check again whether a
 * build is still needed (build.mjs buildCliIfStale).
 *
 * A builder killed mid-build (Ctrl-C) leaves its lock behind: a lock whose process is gone, or older than any build
 * takes (a pid reused after a reboot), is taken over.
 */
import { readFile, rm, stat, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** A build takes seconds (about 5 s on a loaded 2-core machine): a lock this old was left by a build that died. */
export const ABANDONED_LOCK_MS = 600_000;
const POLL_MS = 100;

/**
 * Runs `work` holding the lock at `lockPath` (whose folder must exist), and releases it afterwards, even on failure.
 * @template T
 * @param {string} lockPath
 * @param {() => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function withBuildLock(lockPath, work) {
  while (!(await tryLock(lockPath))) await sleep(POLL_MS);
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

/** @param {string} lockPath */
async function tryLock(lockPath) {
  try {
    await writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
    return true;
  } catch (err) {
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'EEXIST') throw err;
  }
  if (await isAbandoned(lockPath)) await rm(lockPath, { force: true });
  return false;
}

/** @param {string} lockPath */
async function isAbandoned(lockPath) {
  let pid;
  let mtimeMs;
  try {
    pid = Number.parseInt(await readFile(lockPath, 'utf8'), 10);
    ({ mtimeMs } = await stat(lockPath));
  } catch {
    // Released meanwhile (or not written yet: its holder is between creating and filling it): not abandoned.
    return false;
  }
  if (Date.now() - mtimeMs > ABANDONED_LOCK_MS) return true;
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: the process exists (another user's); only ESRCH says it is gone.
    return /** @type {NodeJS.ErrnoException} */ (err).code === 'ESRCH';
  }
}
