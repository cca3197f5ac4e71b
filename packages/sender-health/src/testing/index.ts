/**
 * Test material of sender health for other packages' tests (`@bounce/sender-health/testing`; never imported by
 * production code): the scenario zones of test/zones, served by `startDnsServer({ zonesDir })` of
 * @bounce/test-servers. good.test is set up right (SPF covers 203.0.113.0/29, DKIM s2048, DMARC reject, PTR of .5 and
 * .6 forward-confirmed); notcovered.test, toomany.test, missinginclude.test, plusall.test, syntax.test break SPF;
 * bl.dnsbl.test lists 203.0.113.6; 203.0.113.7 has no PTR, .8 a mismatched one. See the zone files' comments.
 */
import { fileURLToPath } from 'node:url';

export const SENDER_HEALTH_TEST_ZONES_DIR = fileURLToPath(new URL('../../test/zones/', import.meta.url));
