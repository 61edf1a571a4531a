import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { resetRequestHealth } from '@/api/request-health';

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  // Module state of the fetch layer: a 429 in one test must not hold back the next test's reads.
  resetRequestHealth();
});
