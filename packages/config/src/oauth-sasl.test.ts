import { describe, expect, it } from 'vitest';
import { chooseOAuthMechanism, noOAuthMechanismMessage } from './oauth-sasl.js';

describe('chooseOAuthMechanism', () => {
  it('prefers OAUTHBEARER when offered, else XOAUTH2 (Microsoft 365 offers only XOAUTH2)', () => {
    expect(chooseOAuthMechanism(['PLAIN', 'XOAUTH2', 'OAUTHBEARER'])).toBe('OAUTHBEARER');
    expect(chooseOAuthMechanism(['oauthbearer'])).toBe('OAUTHBEARER');
    expect(chooseOAuthMechanism(['AUTH', 'LOGIN', 'XOAUTH2'])).toBe('XOAUTH2');
  });

  it('a server that lists mechanisms without OAuth gets no token; one that lists none is tried with XOAUTH2', () => {
    expect(chooseOAuthMechanism(['PLAIN', 'LOGIN'])).toBeNull();
    expect(chooseOAuthMechanism([])).toBeNull();
    expect(chooseOAuthMechanism(undefined)).toBe('XOAUTH2');
  });

  it('a required mechanism is used only where offered (or where nothing is listed)', () => {
    expect(chooseOAuthMechanism(['XOAUTH2', 'OAUTHBEARER'], 'XOAUTH2')).toBe('XOAUTH2');
    expect(chooseOAuthMechanism(['XOAUTH2'], 'OAUTHBEARER')).toBeNull();
    expect(chooseOAuthMechanism(undefined, 'OAUTHBEARER')).toBe('OAUTHBEARER');
  });

  it('says what the server offers instead', () => {
    expect(noOAuthMechanismMessage('POP3', ['PLAIN', 'LOGIN'])).toBe(
      'the POP3 server does not offer OAuth sign-in with OAUTHBEARER or XOAUTH2 (it offers: PLAIN LOGIN): check the host, or that OAuth is enabled for this account on the server',
    );
    expect(noOAuthMechanismMessage('SMTP', [], 'OAUTHBEARER')).toMatch(/with OAUTHBEARER \(it offers: none\)/);
  });
});
