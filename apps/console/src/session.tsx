/**
 * Who is signed in. Unknown at start (GET /v1/session); signed out shows the sign-in page; a session that ends
 * while the operator works (a 401 from any call) shows the sign-in as a dialog over the page they are on, so the
 * form they were filling keeps its contents and they can submit again after signing in.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { api, onSessionLost, type Schema, setCsrfToken } from './api';

export type Session = Schema<'Session'>;

type SessionState = {
  session: Session | null;
  loading: boolean;
  /** The session ended while the app was open: the sign-in dialog is shown over the page. */
  lost: boolean;
  signedIn: (session: Session) => void;
  signOut: () => Promise<void>;
  can: (scope: 'read' | 'write' | 'admin') => boolean;
};

const SessionContext = createContext<SessionState | null>(null);

const SCOPE_RANK = { read: 1, write: 2, admin: 3 } as const;

async function fetchSession(): Promise<Session | null> {
  const result = await api.GET('/v1/session');
  if (result.response.status === 401) return null;
  if (!result.data) throw new Error(`HTTP ${result.response.status}`);
  return result.data;
}

/**
 * Who is signed in decides the first page, so the question is asked as soon as the code is evaluated, while React
 * renders the providers, not after. Used once; later checks ask again. (A `<link rel="preload">` of /v1/session
 * in index.html would start it while the scripts download, but chromium sometimes aborted the preload on a reload
 * and the console showed the sign-in to a signed-in operator.)
 */
let firstSessionRequest: Promise<Session | null> | null = fetchSession();

/**
 * Whether this browser was signed in when it last asked (not a credential: the cookie decides). main.tsx reads it
 * to request the current page's code and data while the session is asked for.
 */
const SIGNED_IN_HINT = 'bounce-console-signed-in';

export function wasSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN_HINT) === '1';
  } catch {
    return false; // storage disabled
  }
}

function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) localStorage.setItem(SIGNED_IN_HINT, '1');
    else localStorage.removeItem(SIGNED_IN_HINT);
  } catch {
    // storage disabled: only the early start is lost
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [lost, setLost] = useState(false);
  const query = useQuery({
    queryKey: ['session'],
    queryFn: () => {
      const request = firstSessionRequest ?? fetchSession();
      firstSessionRequest = null;
      return request;
    },
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const session = query.data ?? null;
  useEffect(() => setCsrfToken(session?.csrfToken ?? null), [session]);
  useEffect(() => {
    if (!query.isPending) rememberSignedIn(session !== null);
  }, [session, query.isPending]);
  useEffect(() => onSessionLost(() => setLost(true)), []);
  const signedIn = useCallback(
    (next: Session) => {
      setCsrfToken(next.csrfToken);
      queryClient.setQueryData(['session'], next);
      setLost(false);
      // Everything fetched under the old session (or none) is refetched under the new one.
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
    },
    [queryClient],
  );
  const signOut = useCallback(async () => {
    await api.DELETE('/v1/session');
    setCsrfToken(null);
    queryClient.clear();
    queryClient.setQueryData(['session'], null);
  }, [queryClient]);
  const can = useCallback(
    (scope: 'read' | 'write' | 'admin') =>
      (session?.scopes ?? []).some((s) => (SCOPE_RANK[s as keyof typeof SCOPE_RANK] ?? 0) >= SCOPE_RANK[scope]),
    [session],
  );
  return (
    <SessionContext.Provider
      value={{ session, loading: query.isPending, lost: lost && !!session, signedIn, signOut, can }}
    >
      {children}
    </SessionContext.Provider>
  );
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
