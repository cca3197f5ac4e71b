export const CLI_DIR: string;
export const BUNDLE_PATH: string;
export const INPUTS_PATH: string;
export const SNAPSHOT_PATH: string;
export const SNAPSHOT_MARK_PATH: string;
export const NODE_FLAGS: readonly string[];
/** Why dist/bounce.js must be (re)built, or null when it matches its sources. */
export function staleReason(cliDir?: string): string | null;
