import { readFileSync } from 'node:fs';

/** `{{NAME}}` placeholders: upper-case names only, so Postfix's own `${sender}` and `$myhostname` pass through. */
const PLACEHOLDER = /\{\{([A-Z][A-Z0-9_]*)\}\}/g;

export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

/**
 * Fills every placeholder of a config template. A placeholder without a value is an error, not an empty string:
 * a silently blank `queue_directory` would make Postfix use the system spool.
 */
export function renderTemplate(template: string, values: Record<string, string | number>): string {
  const missing = new Set<string>();
  const out = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = values[name];
    if (value === undefined) {
      missing.add(name);
      return '';
    }
    return String(value);
  });
  if (missing.size > 0) throw new TemplateError(`template placeholders without a value: ${[...missing].join(', ')}`);
  return out;
}

export function renderTemplateFile(path: string, values: Record<string, string | number>): string {
  try {
    return renderTemplate(readFileSync(path, 'utf8'), values);
  } catch (err) {
    if (err instanceof TemplateError) throw new TemplateError(`${path}: ${err.message}`);
    throw err;
  }
}
