/** The app's one query cache (main.tsx provides it; app.tsx prefetches a page's data into it). */
import { QueryClient } from '@tanstack/react-query';
import { ApiProblemError } from './api';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A problem answer (4xx) will not change by asking again; a network error might.
      retry: (count, error) => !(error instanceof ApiProblemError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});
