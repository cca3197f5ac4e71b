import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from './cli-args.js';

describe('parseCliArgs', () => {
  it('parses a parse command with defaults', () => {
    expect(parseCliArgs(['parse', 'a.eml', 'folder', '-'])).toEqual({
      command: 'parse',
      paths: ['a.eml', 'folder', '-'],
      format: null,
      correlationHeaders: [],
      maxBytes: null,
      isProgressAllowed: true,
      threads: null,
    });
  });

  it('takes the format, repeated correlation headers, --max-bytes, --no-progress and --jobs', () => {
    expect(
      parseCliArgs([
        'parse',
        '--json',
        '--correlation-header',
        'X-Send-Id',
        '--correlation-header=X-Campaign',
        '--max-bytes',
        '1048576',
        '--no-progress',
        '--jobs',
        '3',
        'x.mbox',
      ]),
    ).toEqual({
      command: 'parse',
      paths: ['x.mbox'],
      format: 'json',
      correlationHeaders: ['X-Send-Id', 'X-Campaign'],
      maxBytes: 1048576,
      isProgressAllowed: false,
      threads: 3,
    });
    expect(parseCliArgs(['parse', '-j1', 'a'])).toMatchObject({ threads: 1 });
    expect(parseCliArgs(['parse', '--ndjson', 'a'])).toMatchObject({ format: 'ndjson' });
    expect(parseCliArgs(['parse', 'a', '--table'])).toMatchObject({ format: 'table' });
  });

  it('accepts paths that start with a dash after --', () => {
    expect(parseCliArgs(['parse', '--', '-odd.eml'])).toMatchObject({ paths: ['-odd.eml'] });
  });

  it('answers help and version', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['parse', '-h'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['-V'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['--version'])).toEqual({ command: 'version' });
  });

  it.each([
    [[], /missing command/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['parse'], /missing PATH/],
    [['parse', '-', '-'], /only once/],
    [['parse', '--json', '--ndjson', 'a'], /choose one output format, not --ndjson and --json/],
    [['parse', '--bogus', 'a'], /^unknown option '--bogus'$/],
    [['parse', 'a', '--correlation-header'], /argument missing/],
    [['parse', 'a', '--correlation-header', 'X Bad: name'], /is not a header name/],
    [['parse', 'a', '--max-bytes', '0'], /not a positive whole number/],
    [['parse', 'a', '--max-bytes', '12kb'], /not a positive whole number/],
    [['parse', 'a', '--jobs', '0'], /--jobs: '0' is not a positive whole number/],
    [['parse', 'a', '--jobs', '1000'], /--jobs: at most 64/],
    [['parse', 'a', '--json=yes'], /does not take an argument/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
