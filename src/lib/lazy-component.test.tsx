import { Suspense } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from 'react-error-boundary';
import { isModuleLoadError, lazyComponent } from './lazy-component';

describe('lazyComponent', () => {
  it('turns a failed import into a retryable error instead of a permanent one', async () => {
    const user = userEvent.setup();
    const load = vi
      .fn<() => Promise<(props: { who: string }) => string>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce(({ who }) => `Hello, ${who}`);
    const Greeting = lazyComponent(load);
    vi.spyOn(console, 'error').mockImplementation(() => {});

    render(
      <ErrorBoundary
        fallbackRender={({ error, resetErrorBoundary }) => (
          <button
            type="button"
            onClick={() => {
              if (isModuleLoadError(error)) error.retry();
              resetErrorBoundary();
            }}
          >
            {isModuleLoadError(error) ? 'Not loaded: try again' : 'Broken'}
          </button>
        )}
      >
        <Suspense fallback={<p>Loading…</p>}>
          <Greeting who="Ada" />
        </Suspense>
      </ErrorBoundary>,
    );

    await user.click(await screen.findByRole('button', { name: 'Not loaded: try again' }));
    expect(await screen.findByText('Hello, Ada')).toBeInTheDocument();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
