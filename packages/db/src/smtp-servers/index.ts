export {
  deleteTenantSmtpServer,
  getTenantSmtpServer,
  loadTenantSmtpServerForConnection,
  putTenantSmtpServer,
  type TenantSmtpServer,
  type TenantSmtpServerInput,
  type TenantSmtpServerPatch,
  type TenantSmtpServerWithSecret,
  tenantSmtpSecretContext,
  tenantSmtpServerPatchSchema,
  tenantSmtpServerSchema,
  updateTenantSmtpServer,
} from './smtp-server-store.js';
