/** Readable reasons for failed reads, shared by the input listing (main thread) and the parser threads. */

const ERRNO_REASONS: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a component of the path is not a directory',
  ELOOP: 'too many levels of symbolic links',
  EISDIR: 'is a directory',
  ENAMETOOLONG: 'file name too long',
  EIO: 'input/output error',
};

export type ReadFailure = { code: string; reason: string };

export function describeReadError(err: unknown): ReadFailure {
  const code = (err as NodeJS.ErrnoException)?.code ?? 'EUNKNOWN';
  const reason = ERRNO_REASONS[code] ?? (err instanceof Error ? err.message : String(err));
  return { code, reason };
}
