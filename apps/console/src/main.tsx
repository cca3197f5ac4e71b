import '@mantine/core/styles.css';
import './styles.css';
import { createTheme, MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadCurrentPage } from './app';
import { I18nProvider } from './i18n';
import { queryClient } from './query-client';
import { SessionProvider, wasSignedIn } from './session';

// Mantine's default blue on white fails WCAG contrast for small text in a few places; a darker primary shade passes.
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, defaultRadius: 'sm' });

// A browser signed in before: the page's code and data are requested now, while the session is asked for.
if (wasSignedIn()) preloadCurrentPage(window.location.pathname);

const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <SessionProvider>
            <App />
          </SessionProvider>
        </I18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
