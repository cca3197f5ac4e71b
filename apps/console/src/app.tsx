/**
 * The shell: sign-in when signed out; otherwise the navigation, the header (language, sign out) and the page of the
 * current route. Pages are loaded on demand so the first page only loads its own code.
 */
import { AppShell, Burger, Button, Center, Group, Loader, Modal, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { QueryClient } from '@tanstack/react-query';
import { type ComponentType, lazy, Suspense } from 'react';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { LanguageSelect } from './components/language-select';
import { useI18n } from './i18n';
import { SignInForm, SignInPage } from './pages/sign-in';
import { queryClient } from './query-client';
import { useSession } from './session';

/** A page's code, loaded on demand (the first page only loads its own code). */
function page<T extends ComponentType>(
  importPage: () => Promise<{ default: T; prefetch?: (client: QueryClient) => void }>,
) {
  // A page may export `prefetch`: its data is requested as soon as its code is there, before React renders it.
  // One load per page, whoever asks first (preloadCurrentPage at start-up, or React rendering the route).
  let loading: ReturnType<typeof importPage> | null = null;
  const load = () => {
    loading ??= importPage().then(
      (module) => {
        module.prefetch?.(queryClient);
        return module;
      },
      (error: unknown) => {
        loading = null; // asked again, the chunk is requested again
        throw error;
      },
    );
    return loading;
  };
  return Object.assign(lazy(load), { preload: load });
}

export const BASE = '/console';

const OverviewPage = page(() => import('./pages/overview'));
const AddressesPage = page(() => import('./pages/addresses'));
const ContactsPage = page(() => import('./pages/contacts'));
const SuppressionsPage = page(() => import('./pages/suppressions'));
const ManualPage = page(() => import('./pages/manual'));
const MailboxesPage = page(() => import('./pages/mailboxes'));
const RulesPage = page(() => import('./pages/rules'));
const NotificationsPage = page(() => import('./pages/notifications'));
const AccountsPage = page(() => import('./pages/accounts'));
const ActivityPage = page(() => import('./pages/activity'));
const SenderHealthPage = page(() => import('./pages/sender-health'));

/** Each route's page, by the path's first segment ('' is the overview). */
const PAGES_BY_SEGMENT: Record<string, { preload: () => Promise<unknown> }> = {
  '': OverviewPage,
  addresses: AddressesPage,
  contacts: ContactsPage,
  suppressions: SuppressionsPage,
  manual: ManualPage,
  mailboxes: MailboxesPage,
  rules: RulesPage,
  notifications: NotificationsPage,
  activity: ActivityPage,
  accounts: AccountsPage,
  'sender-health': SenderHealthPage,
};

/**
 * Start-up of a browser that was signed in before (session.tsx keeps the hint): the current page's code and data
 * are requested at once, alongside the session question, instead of after its answer. (If the session has ended,
 * the data requests answer 401 and the sign-in page shows; signing in fetches everything again.)
 */
export function preloadCurrentPage(pathname: string): void {
  if (!pathname.startsWith(`${BASE}/`) && pathname !== BASE) return;
  const segment = pathname.slice(BASE.length).split('/')[1] ?? '';
  void PAGES_BY_SEGMENT[segment]?.preload().catch(() => {
    // A failed chunk load is retried (and its error shown) when React renders the route.
  });
}

const NAV = [
  { path: '/', key: 'overview' },
  { path: '/addresses', key: 'addresses' },
  { path: '/contacts', key: 'contacts' },
  { path: '/suppressions', key: 'suppressions' },
  { path: '/manual', key: 'manual' },
  { path: '/mailboxes', key: 'mailboxes' },
  { path: '/rules', key: 'rules' },
  { path: '/notifications', key: 'notifications' },
  { path: '/sender-health', key: 'senderHealth' },
  { path: '/activity', key: 'activity' },
  // Accounts are managed by admins only (the API's admin scope); others do not see the entry.
  { path: '/accounts', key: 'accounts', scope: 'admin' },
] as const satisfies readonly { path: string; key: string; scope?: 'admin' }[];

function PageLoader() {
  const { t } = useI18n();
  return (
    <Center py="xl">
      <Loader aria-label={t.common.loading} />
    </Center>
  );
}

function Shell() {
  const { t } = useI18n();
  const { session, signOut, lost, can } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const [location] = useLocation();
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <a href="#main" className="skip-link">
          {t.skipToContent}
        </a>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t.nav.menu} />
            <Title order={1} size="h4">
              {t.appName}
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="md" c="dimmed">
              {session?.account?.email} · {session?.tenantName}
            </Text>
            <LanguageSelect />
            <Button variant="subtle" size="xs" onClick={() => void signOut()}>
              {t.signIn.signOut}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t.nav.menu}>
        {NAV.filter((item) => !('scope' in item) || can(item.scope)).map((item) => (
          <NavLink
            key={item.path}
            component={Link}
            href={item.path}
            label={t.nav[item.key]}
            variant="filled"
            active={item.path === '/' ? location === '/' : location.startsWith(item.path)}
            aria-current={(item.path === '/' ? location === '/' : location.startsWith(item.path)) ? 'page' : undefined}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <Suspense fallback={<PageLoader />}>
          <Switch>
            <Route path="/" component={OverviewPage} />
            <Route path="/addresses" component={AddressesPage} />
            <Route path="/addresses/:address" component={AddressesPage} />
            <Route path="/contacts" component={ContactsPage} />
            <Route path="/contacts/:externalId" component={ContactsPage} />
            <Route path="/suppressions" component={SuppressionsPage} />
            <Route path="/manual" component={ManualPage} />
            <Route path="/mailboxes" component={MailboxesPage} />
            <Route path="/rules" component={RulesPage} />
            <Route path="/notifications" component={NotificationsPage} />
            <Route path="/activity" component={ActivityPage} />
            <Route path="/accounts" component={AccountsPage} />
            <Route path="/sender-health" component={SenderHealthPage} />
            <Route>
              <Text>404</Text>
            </Route>
          </Switch>
        </Suspense>
      </AppShell.Main>
      <Modal opened={lost} onClose={() => {}} withCloseButton={false} title={t.signIn.title} centered>
        <Text size="sm" mb="sm" role="status">
          {t.signIn.sessionEnded}
        </Text>
        <SignInForm />
      </Modal>
    </AppShell>
  );
}

export function App() {
  const { session, loading } = useSession();
  if (loading) return <PageLoader />;
  return <Router base={BASE}>{session ? <Shell /> : <SignInPage />}</Router>;
}
