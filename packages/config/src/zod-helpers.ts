import { z } from 'zod';

/** "true"/"1"/"yes" → true, "false"/"0"/"no"/"" → false; anything else is an error naming the accepted values. */
export const envBoolean = (defaultValue: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { message: 'expected true or false' })
    .optional()
    .transform((v) => (v === undefined || v === '' ? defaultValue : v === 'true' || v === '1' || v === 'yes'));

/** Integer environment variable with bounds and a default. */
export const envInt = (defaultValue: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.coerce.number().int().min(min).max(max).default(defaultValue);

/** Duration in milliseconds, accepting "1500", "30s", "20m", "2h". */
export const envDuration = (defaultMs: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return defaultMs;
      const m = /^(\d+)(ms|s|m|h)?$/.exec(v.trim());
      if (!m) {
        ctx.addIssue({ code: 'custom', message: 'expected a duration like 1500, 30s, 20m or 2h' });
        return z.NEVER;
      }
      const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 'ms'] ?? 1;
      return Number(m[1]) * unit;
    });

/** Comma-separated list ("a, b,c" → ["a", "b", "c"]); unset or empty is an empty list. */
export const envList = () =>
  z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

/**
 * Comma-separated `host:port` list ("10.0.0.1:26379, redis-b:26379" → [{ host, port }]); unset or empty is an empty
 * list. An entry without a port, or with one outside 1-65535, is an error naming it.
 */
export const envHostPortList = () =>
  envList().transform((entries, ctx) => {
    const nodes: { host: string; port: number }[] = [];
    for (const entry of entries) {
      const m = /^(\[[0-9a-f:.]+\]|[^\s:[\]]+):(\d{1,5})$/i.exec(entry);
      const port = Number(m?.[2]);
      if (!m || port < 1 || port > 65535) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not host:port` });
        return z.NEVER;
      }
      nodes.push({ host: m[1]!.replace(/^\[|\]$/g, ''), port });
    }
    return nodes;
  });
