/**
 * The one API client of the console: same origin, session cookie, the session's CSRF token on every state-changing
 * request. A 401 on any call but the sign-in itself means the session ended: listeners (the SessionProvider) show
 * the sign-in over the current page, so nothing typed is lost.
 */
import { ApiProblemError, createApiClient, type Schema, unwrap } from '@bounce/api-client';

export type { Schema };
export { ApiProblemError, unwrap };

let csrfToken: string | null = null;
const sessionLostListeners = new Set<() => void>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function onSessionLost(listener: () => void): () => void {
  sessionLostListeners.add(listener);
  return () => sessionLostListeners.delete(listener);
}

export const api = createApiClient({
  csrfToken: () => csrfToken,
  onProblem: (problem, response) => {
    const isSignIn = new URL(response.url).pathname === '/v1/session';
    if (problem.status === 401 && !isSignIn) for (const listener of sessionLostListeners) listener();
  },
});

/** The message to show for a failed call: the problem's detail, else its title, else the error's message. */
export function problemMessage(error: unknown): string {
  if (error instanceof ApiProblemError) return error.problem.detail || error.problem.title;
  return error instanceof Error ? error.message : String(error);
}

/** Field errors of a failed call (validation problems point at fields), for forms to show next to the field. */
export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiProblemError ? error.fieldErrors : {};
}
