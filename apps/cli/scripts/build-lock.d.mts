/** A lock older than this was left by a build that died. */
export const ABANDONED_LOCK_MS: number;
/** Runs `work` holding the build lock at `lockPath`, waiting for its holder first; releases it afterwards. */
export function withBuildLock<T>(lockPath: string, work: () => Promise<T>): Promise<T>;
