import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('lotus notes', () => {
  it('reads the failure reasons section', () => {
    const r = parseBounce(`From: POSTMASTER@gw.example.com
Subject: Undeliverable message

------- Failure Reasons  --------

User  not listed in public Name & Address Book
user@example.com

------- Returned Message --------
Message-ID: <n1@example.com>
Subject: hi
`);
    expect(r.recipients[0]).toMatchObject({
      recipient: 'user@example.com',
      reason: 'userunknown',
      status: '5.0.911',
      detectedBy: 'notes',
    });
    expect(r.original.messageId).toBe('<n1@example.com>');
  });

  it('holds a reason no rule recognises for review', () => {
    const r = parseBounce(`From: POSTMASTER@gw.example.com
Subject: Undeliverable message

------- Failure Reasons  --------

Something only this server says
user@example.com

------- Returned Message --------
`);
    expect(r.recipients[0]).toMatchObject({ reason: 'onhold', class: 'unknown' });
  });

  it('reads a reason line that names the user and its address as one recipient with that reason', () => {
    const r = parseBounce(`From: Postmaster@mail.example.org
Subject: DELIVERY FAILURE: Quarterly report

------- Failure Reasons --------

User pmorgan (pmorgan@example.org) not listed in public Name & Address Book
pmorgan@example.org

------- Returned Message --------
Subject: Quarterly report
`);
    expect(r.recipients).toHaveLength(1);
    expect(r.recipients[0]).toMatchObject({ recipient: 'pmorgan@example.org', reason: 'userunknown', class: 'hard' });
  });
});
