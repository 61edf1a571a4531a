import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import '@/api/request-health';
import { resetModuleState } from '@/lib/module-state';

// Every render and renderHook of every test runs inside <StrictMode>, as the app does.
configure({ reactStrictMode: true });

// Vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  // Every store that outlives a component (the fetch layer's 429 waits, the outbox, drafts…):
  // one test's state must not leak into the next.
  resetModuleState();
});
