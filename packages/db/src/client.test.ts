/**
 * isDatabaseUnavailable against what the real driver throws when the server refuses connections (a free port with
 * nothing listening) and when it rejects a statement, and against the SQLSTATEs of a server shutting down.
 */
import { getFreePorts } from '@bounce/test-servers';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, isDatabaseUnavailable, openDatabase } from './client.js';
import { errorOf } from './testing/error-of.js';
import { TEST_SERVER_URL } from './testing/test-database.js';

const handles: DatabaseHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

describe('isDatabaseUnavailable', () => {
  it('is true when the server refuses the connection', async () => {
    const [port] = await getFreePorts(1);
    const url = new URL(TEST_SERVER_URL);
    url.port = String(port);
    const handle = openDatabase({ url: url.toString(), maxConnections: 1 });
    handles.push(handle);
    const err = await errorOf(handle.db.execute(sql`select 1`));
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('is true for the SQLSTATEs of a server going away, as drizzle wraps them', () => {
    // What a restarting server sends the sessions it ends (57P01), and refuses new ones with (57P03).
    for (const code of ['57P01', '57P03', '08006']) {
      const driverError = Object.assign(new Error('terminating connection due to administrator command'), { code });
      expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], driverError))).toBe(true);
    }
  });

  it('is false for an error of the statement itself, and for a refused connection of another layer', async () => {
    const handle = openDatabase({ url: TEST_SERVER_URL, maxConnections: 1 });
    handles.push(handle);
    const err = await errorOf(handle.db.execute(sql`select * from no_such_table`));
    expect(isDatabaseUnavailable(err)).toBe(false);
    // e.g. an IMAP or webhook client's error that keeps the socket's error as its cause.
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(isDatabaseUnavailable(new Error('mailbox unreachable', { cause: refused }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
