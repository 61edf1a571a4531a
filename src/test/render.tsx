/**
 * Renders UI the way the app does — a QueryClient and a router around it — with a fresh client
 * per test (no cache shared between tests, retries off so errors show at once) and an in-memory
 * location so tests can start on any route and read where navigation went.
 */
import type { ReactElement } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { createQueryClient } from '@/app/query-client';

export function renderWithProviders(ui: ReactElement, { path = '/' }: { path?: string } = {}) {
  const queryClient = createQueryClient({ queries: { retry: false } });
  const location = memoryLocation({ path, record: true });
  const result = render(
    <QueryClientProvider client={queryClient}>
      <Router hook={location.hook}>{ui}</Router>
    </QueryClientProvider>,
  );
  return { ...result, queryClient, location };
}
