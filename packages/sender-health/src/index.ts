export { checkDkim, MIN_RSA_BITS, RECOMMENDED_RSA_BITS } from './checks/dkim.js';
export { checkDmarc, type DmarcInput } from './checks/dmarc.js';
export { COMMON_DNSBLS, checkDnsbl, type DnsblList, dnsblListSchema } from './checks/dnsbl.js';
export { checkMx } from './checks/mx.js';
export { checkPtr } from './checks/ptr.js';
export { analyseSpfRecord, checkSpf, SPF_LOOKUP_LIMIT } from './checks/spf.js';
export { dnsClientFor, type SenderHealthConfig, senderHealthConfigSchema } from './config.js';
export { type Diagnosis, diagnose, isCauseResolved } from './diagnosis/diagnose.js';
export { type DiagnoseOptions, diagnoseSenderRejection, recheckCause } from './diagnosis/diagnose-rejection.js';
export { diagnosisFingerprint } from './diagnosis/fingerprint.js';
export { type CheckPlan, type PlanOptions, planChecks } from './diagnosis/plan.js';
export { type CheckRun, runChecks } from './diagnosis/run-checks.js';
export { createDnsClient, type DnsClient, type DnsClientOptions, type DnsOutcome } from './dns/dns-client.js';
export {
  isSenderSideVerdict,
  SENDER_EVIDENCE_HEADERS,
  type SenderEvidenceSource,
  senderEvidenceSourceOf,
  storedEvidenceSource,
} from './evidence/evidence-source.js';
export { extractEvidence, senderEvidenceFromBounce } from './evidence/extract-evidence.js';
export { identifyProvider, KNOWN_PROVIDERS } from './evidence/provider.js';
export { evidenceFromStoredBounce, type StoredBounce } from './evidence/stored-bounce.js';
export {
  checkKey,
  checkSendingSetup,
  compareSetupReports,
  type SenderCheckRequest,
  type SetupChange,
  type SetupCheckOptions,
  type SetupReport,
  senderCheckRequestSchema,
  worstStatus,
} from './setup-check.js';
export * from './types.js';
