import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns';

/** Resolves a host name to all of its addresses. The default uses the system resolver (getaddrinfo, /etc/hosts). */
export type HostResolver = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });
