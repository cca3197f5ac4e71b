import { describe, expect, it } from 'vitest';
import { parseBounce } from '../parse-bounce.js';

describe('fml', () => {
  it('reports a post refused to a non-member as rejected', () => {
    const r = parseBounce(`From: list-admin@example.org
Subject: You s@example.org are not member (list ML)

You are not a member of this mailing list <list@example.org>.
`);
    expect(r.recipients[0]).toMatchObject({ recipient: 'list@example.org', reason: 'rejected', detectedBy: 'fml' });
  });
});
