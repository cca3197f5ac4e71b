import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('au/ezweb', () => {
  it('reports a refusal without server reply as the carrier filter', () => {
    const r = parseBounce(`From: <Postmaster@ezweb.ne.jp>
Subject: Mail System Error - Returned Mail

<user@ezweb.ne.jp>
Each of the following recipients was rejected by a remote mail server.
---------------------------------------------------
Received: from x by lsean.ezweb.ne.jp with SMTP id <20080907124011.12abcd8@lsean.ezweb.ne.jp>
`);
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]).toMatchObject({ recipient: 'user@ezweb.ne.jp', reason: 'filtered', detectedBy: 'ezweb' });
  });

  it('prefers the account wording and the quoted server reply', () => {
    const r = parseBounce(`From: Postmaster@ezweb.ne.jp
Subject: Mail System Error - Returned Mail

The user(s) account is disabled.

<user@ezweb.ne.jp>
`);
    expect(r.recipients[0]).toMatchObject({ reason: 'suspend', status: '5.0.921' });
  });
});
