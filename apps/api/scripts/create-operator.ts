/**
 * Creates a console account (and the tenant when it does not exist yet) with a generated password, printed once on
 * stdout. The way to get the first admin of an installation:
 *
 *   pnpm -s --filter @bounce/api create-operator --tenant acme --email ops@acme.example [--role admin] [--name "Ops"]
 *
 * `--if-none` creates the account only when the tenant has no console account yet and otherwise prints nothing
 * (exit 0): set-up scripts call it on every start and the password appears exactly once, on the first.
 * Uses DATABASE_URL (or the embedded database in PGLITE_DIR when unset) and applies pending migrations first.
 * Everything but the password goes to stderr, so `PASSWORD=$(... create-operator ...)` captures just the password.
 */
import {
  countOperatorAccounts,
  createOperatorAccount,
  createTenant,
  getTenant,
  OPERATOR_ROLES,
  type OperatorRole,
} from '@bounce/db';
import { generatePassword, hashPassword } from '../src/operators/passwords.js';
import { scriptCommand, withScriptDatabase } from './script-command.js';

const USAGE =
  'usage: create-operator --tenant <id> --email <address> [--role viewer|operator|admin] [--name <name>] ' +
  '[--tenant-name <name>] [--if-none]';

const { values, fail } = scriptCommand('create-operator', USAGE, {
  tenant: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string', default: 'admin' },
  name: { type: 'string' },
  'tenant-name': { type: 'string' },
  'if-none': { type: 'boolean', default: false },
});
const tenantId = values.tenant ?? fail('--tenant is required');
const email = values.email ?? fail('--email is required');
if (!/^[^\s@]+@[^\s@]+$/.test(email)) fail(`--email ${email} is not an e-mail address`);
if (!(OPERATOR_ROLES as readonly string[]).includes(values.role)) {
  fail(`unknown role ${values.role}; use ${OPERATOR_ROLES.join(', ')}`);
}

await withScriptDatabase('create-operator', async (handle) => {
  if (!(await getTenant(handle.db, tenantId))) {
    await createTenant(handle.db, { id: tenantId, name: values['tenant-name'] ?? tenantId });
    console.error(`tenant ${tenantId} created`);
  }
  if (values['if-none'] && (await countOperatorAccounts(handle.db, tenantId)) > 0) {
    console.error(`tenant ${tenantId} already has console accounts; none created`);
  } else {
    const password = generatePassword();
    const account = await createOperatorAccount(handle.db, {
      tenantId,
      email,
      name: values.name ?? null,
      role: values.role as OperatorRole,
      passwordHash: await hashPassword(password),
    });
    console.error(
      `console account ${account.email} (${account.role}) for tenant ${tenantId}; its password is shown only now:`,
    );
    console.log(password);
  }
});
