/**
 * mailauth's DKIM key lookup (lib/tools.js), the function its verifier uses: not in its public typings, so the part
 * this package calls is declared here. Rejects with an Error whose `code` says why (EINVALIDVAL: missing, revoked or
 * not base64; EINVALIDVER; EINVALIDSERVICE; EINVALIDHASH; EINVALIDTYPE; ESHORTKEY) or with the DNS error.
 */
declare module 'mailauth/lib/tools.js' {
  export function getPublicKey(
    type: 'DKIM' | 'ARC' | 'AS',
    name: string,
    minBitLength: number,
    resolver: (name: string, rrtype: string) => Promise<unknown>,
    options?: { strict?: boolean; hashAlgo?: string },
  ): Promise<{
    publicKey: string;
    rr: string;
    modulusLength?: number;
    keyType: string;
    flags: string[];
    testing: boolean;
    warnings: string[];
  }>;
}
