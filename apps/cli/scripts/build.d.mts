/** Builds dist/bounce.js and dist/build-inputs.json. */
export function buildCli(): Promise<{ path: string; inputs: number }>;
/** Waits for a build already running, then builds only if the bundle is still stale; true when this process built. */
export function buildCliIfStale(): Promise<boolean>;
