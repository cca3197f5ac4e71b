import { DEFAULT_CORRELATION_HEADERS, DEFAULT_MAX_BYTES } from '@bounce/parser';
import { describe, expect, it } from 'vitest';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_OUTPUT_ERROR, EXIT_USAGE } from './exit-codes.js';
import { HELP_TEXT } from './help-text.js';

// The help text is static (so that --help does not load the parser); these keep it true to the parser's defaults.
describe('help text', () => {
  it("states the parser's defaults", () => {
    expect(HELP_TEXT).toContain(`(default: ${DEFAULT_CORRELATION_HEADERS.join(' and ')})`);
    expect(DEFAULT_MAX_BYTES).toBe(2 * 1024 * 1024);
    expect(HELP_TEXT).toContain("(default: the parser's, 2 MiB)");
  });

  it('lists every exit code', () => {
    for (const code of [EXIT_OK, EXIT_INPUT_ERROR, EXIT_USAGE, EXIT_OUTPUT_ERROR]) {
      expect(HELP_TEXT).toMatch(new RegExp(`^  ${code}  \\S`, 'm'));
    }
  });

  it('fits an 120-column terminal', () => {
    for (const line of HELP_TEXT.split('\n')) expect(line.length).toBeLessThanOrEqual(120);
  });
});
