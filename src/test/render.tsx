/** Renders UI as the app does (`<StrictMode>`, a fresh QueryClient with retries off, a router on
 *  an in-memory location); `seed` fills the cache first. */
import { StrictMode, type ReactElement } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { createQueryClient } from '@/app/query-client';

export function renderWithProviders(
  ui: ReactElement,
  { path = '/', seed }: { path?: string; seed?: (client: QueryClient) => void } = {},
) {
  const queryClient = createQueryClient({ queries: { retry: false } });
  seed?.(queryClient);
  const location = memoryLocation({ path, record: true });
  const wrap = (element: ReactElement) => (
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Router hook={location.hook}>{element}</Router>
      </QueryClientProvider>
    </StrictMode>
  );
  const result = render(wrap(ui));
  return {
    ...result,
    queryClient,
    location,
    /** Renders `next` in place of the first UI, inside the same providers. */
    rerender: (next: ReactElement) => result.rerender(wrap(next)),
  };
}
