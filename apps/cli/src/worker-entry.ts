/** What a Worker starts to run a module, from the bundle or from the TypeScript sources. */
export type WorkerEntry = { url: URL; argv: string[] };

/**
 * The module itself when it is JavaScript (the bundle); else ts-worker-entry.mjs, given the module's URL as its
 * last argument, which loads it through tsx (the tests run the sources).
 */
export function workerEntry(module: URL): WorkerEntry {
  if (!module.pathname.endsWith('.ts')) return { url: module, argv: [] };
  return { url: new URL('./ts-worker-entry.mjs', import.meta.url), argv: [module.href] };
}
