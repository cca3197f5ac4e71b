/** Builds dist/bounce.js and dist/build-inputs.json. */
export function buildCli(): Promise<{ path: string; inputs: number }>;
