import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { setSessionUser } from './auth/session.ts';
import './styles.css';
import { createVigilClient, isFinalError, isUnauthorized, TRPCProvider } from './trpc.ts';

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error) => {
      // A session that expired while the app was open: back to the sign-in form.
      if (isUnauthorized(error)) setSessionUser(queryClient, null);
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => !isFinalError(error) && failures < 2,
    },
    mutations: { retry: false },
  },
});
const trpcClient = createVigilClient();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <App />
      </TRPCProvider>
    </QueryClientProvider>
  </StrictMode>,
);
