/**
 * Queue dashboard: bull-board for every queue of the catalog, behind an admin API key or DASHBOARD_ADMIN_TOKEN.
 * Configuration: see env.ts.
 */
import { runMain } from '@bounce/runtime';
import { dashboardService } from './dashboard-process.js';

await runMain(dashboardService);
