export const CLI_DIR: string;
export const BUNDLE_PATH: string;
export const INPUTS_PATH: string;
export const SNAPSHOT_PATH: string;
export const SNAPSHOT_MARK_PATH: string;
export const NODE_FLAGS: readonly string[];
/** Why dist/bounce.js must be (re)built, or null when it matches its sources. */
export function staleReason(cliDir?: string): string | null;
export const CPU_FEATURES_PATH: string;
/** The snapshot's mark: node path, V8 options, NODE_OPTIONS, CPU features, one a line. */
export function snapshotMark(nodePath: string, nodeOptions: string | undefined, cpuFeatures: string): string;
/** This machine's CPU features as bin/bounce reads them, or ''. */
export function cpuFeatures(): string;
