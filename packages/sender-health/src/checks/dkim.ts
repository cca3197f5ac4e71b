/**
 * DKIM key records (RFC 6376 §3.6): does `<selector>._domainkey.<domain>` publish a usable key, of the type the
 * signature's algorithm needs (rsa-sha256 → rsa, ed25519-sha256 → ed25519, RFC 8463), and long enough (RFC 8301:
 * RSA keys under 1024 bits must not be used; 2048 is what providers expect)? The key is read by mailauth's own
 * lookup, so "valid" here means what a mailauth-based verifier accepts.
 */
/// <reference path="../types/mailauth-tools.d.ts" />
import { getPublicKey } from 'mailauth/lib/tools.js';
import type { DnsClient } from '../dns/dns-client.js';
import { errorCode } from '../dns/dns-client.js';
import { parseTagList } from '../evidence/headers.js';
import type { DkimCheck, Finding } from '../types.js';
import { statusFromFindings } from './status.js';

/** RFC 8301 §3.2: verifiers must not accept RSA keys under 1024 bits. */
export const MIN_RSA_BITS = 1024;
/** Below this an RSA key works but Google and Yahoo ask for 2048 (their 2024 sender requirements). */
export const RECOMMENDED_RSA_BITS = 2048;

function keyTypeForAlgorithm(algorithm: string | null): 'rsa' | 'ed25519' | null {
  if (!algorithm) return null;
  if (algorithm.startsWith('rsa-')) return 'rsa';
  if (algorithm.startsWith('ed25519-')) return 'ed25519';
  return null;
}

export async function checkDkim(
  dns: DnsClient,
  domain: string,
  selector: string,
  signatureAlgorithm: string | null = null,
): Promise<DkimCheck> {
  const name = `${selector}._domainkey.${domain}`;
  const txt = await dns.txt(name);
  const record = txt.status === 'found' ? (txt.values.find((v) => /\bp\s*=/.test(v)) ?? txt.values[0] ?? null) : null;
  const tags = record ? parseTagList(record) : new Map<string, string>();
  const base: Omit<DkimCheck, 'status' | 'findings'> = {
    check: 'dkim',
    domain,
    selector,
    name,
    record,
    present: record !== null,
    revoked: record !== null && tags.has('p') && (tags.get('p') ?? '').replace(/\s+/g, '') === '',
    keyType: null,
    bits: null,
    signatureAlgorithm,
    algorithmMatches: null,
    testing: false,
  };
  if (txt.status === 'error') {
    return {
      ...base,
      status: 'error',
      findings: [
        {
          code: 'dkim-dns-error',
          severity: 'warn',
          text: {
            en: `The DKIM key ${name} could not be read (${txt.code})`,
            de: `Der DKIM-Schlüssel ${name} war nicht lesbar (${txt.code})`,
          },
        },
      ],
    };
  }
  if (!record) {
    return {
      ...base,
      status: 'fail',
      findings: [
        {
          code: 'dkim-key-missing',
          severity: 'fail',
          text: {
            en: `No DKIM key at ${name}: signatures with selector ${selector} cannot be verified`,
            de: `Kein DKIM-Schlüssel unter ${name}: Signaturen mit Selektor ${selector} sind nicht prüfbar`,
          },
          fix: {
            en: `Publish the public key of selector ${selector} as TXT at ${name}, or sign with a selector that is published.`,
            de: `Öffentlichen Schlüssel des Selektors ${selector} als TXT unter ${name} veröffentlichen oder mit einem veröffentlichten Selektor signieren.`,
          },
        },
      ],
    };
  }
  if (base.revoked) {
    return {
      ...base,
      status: 'fail',
      findings: [
        {
          code: 'dkim-key-revoked',
          severity: 'fail',
          text: {
            en: `The DKIM key ${name} is revoked (empty p=)`,
            de: `Der DKIM-Schlüssel ${name} ist widerrufen (leeres p=)`,
          },
          fix: {
            en: `Sign with a current selector instead of ${selector}.`,
            de: `Mit einem aktuellen Selektor statt ${selector} signieren.`,
          },
        },
      ],
    };
  }
  let key: Awaited<ReturnType<typeof getPublicKey>>;
  try {
    // Minimum length 1: the length is judged below, so a short key is reported with its size.
    key = await getPublicKey('DKIM', name, 1, (n, t) => dns.resolve(n, t));
  } catch (err) {
    return {
      ...base,
      status: 'fail',
      findings: [
        {
          code: 'dkim-key-invalid',
          severity: 'fail',
          text: {
            en: `The DKIM key ${name} is unusable: ${(err as Error).message} (${errorCode(err)})`,
            de: `Der DKIM-Schlüssel ${name} ist unbrauchbar: ${(err as Error).message} (${errorCode(err)})`,
          },
          fix: {
            en: `Republish the public key of selector ${selector}.`,
            de: `Öffentlichen Schlüssel des Selektors ${selector} neu veröffentlichen.`,
          },
        },
      ],
    };
  }
  const keyType: DkimCheck['keyType'] = key.keyType === 'rsa' || key.keyType === 'ed25519' ? key.keyType : null;
  const bits = keyType === 'ed25519' ? 256 : (key.modulusLength ?? null);
  const wanted = keyTypeForAlgorithm(signatureAlgorithm);
  const algorithmMatches = signatureAlgorithm === null ? null : wanted !== null && wanted === keyType;
  const checked = { ...base, keyType, bits, algorithmMatches, testing: key.testing };
  const findings: Finding[] = [];
  if (algorithmMatches === false) {
    findings.push({
      code: 'dkim-algorithm-mismatch',
      severity: 'fail',
      text: {
        en: `The signature uses ${signatureAlgorithm} but the key at ${name} is ${keyType}: the signature cannot verify`,
        de: `Die Signatur verwendet ${signatureAlgorithm}, der Schlüssel unter ${name} ist aber ${keyType}: die Signatur kann nicht gültig sein`,
      },
      fix: {
        en: `Sign with the private key that belongs to selector ${selector}, or publish the matching ${wanted ?? 'key'} under another selector.`,
        de: `Mit dem privaten Schlüssel signieren, der zu Selektor ${selector} gehört, oder den passenden ${wanted ?? 'Schlüssel'} unter einem anderen Selektor veröffentlichen.`,
      },
    });
  }
  if (keyType === 'rsa' && bits !== null && bits < MIN_RSA_BITS) {
    findings.push({
      code: 'dkim-key-too-short',
      severity: 'fail',
      text: {
        en: `The DKIM key ${name} has only ${bits} bits: receivers ignore RSA keys under ${MIN_RSA_BITS} bits`,
        de: `Der DKIM-Schlüssel ${name} hat nur ${bits} Bit: Empfänger ignorieren RSA-Schlüssel unter ${MIN_RSA_BITS} Bit`,
      },
      fix: {
        en: `Create a ${RECOMMENDED_RSA_BITS}-bit key under a new selector.`,
        de: `Einen ${RECOMMENDED_RSA_BITS}-Bit-Schlüssel unter neuem Selektor erzeugen.`,
      },
    });
  } else if (keyType === 'rsa' && bits !== null && bits < RECOMMENDED_RSA_BITS) {
    findings.push({
      code: 'dkim-key-short',
      severity: 'warn',
      text: {
        en: `The DKIM key ${name} has ${bits} bits; ${RECOMMENDED_RSA_BITS} are recommended`,
        de: `Der DKIM-Schlüssel ${name} hat ${bits} Bit; empfohlen sind ${RECOMMENDED_RSA_BITS}`,
      },
    });
  }
  if (key.testing) {
    findings.push({
      code: 'dkim-key-testing',
      severity: 'warn',
      text: {
        en: `The DKIM key ${name} is in testing mode (t=y): receivers may ignore its results`,
        de: `Der DKIM-Schlüssel ${name} ist im Testmodus (t=y): Empfänger dürfen das Ergebnis ignorieren`,
      },
    });
  }
  const status = statusFromFindings(findings);
  if (status === 'pass') {
    findings.push({
      code: 'dkim-key-ok',
      severity: 'info',
      text: {
        en: `DKIM key ${name} is published (${keyType}, ${bits} bits)`,
        de: `DKIM-Schlüssel ${name} ist veröffentlicht (${keyType}, ${bits} Bit)`,
      },
    });
  }
  return { ...checked, status, findings };
}
