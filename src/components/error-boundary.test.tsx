import { Suspense } from 'react';
import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { lazyComponent } from '@/lib/lazy-component';
import { renderWithProviders } from '@/test/render';
import { PanelErrorBoundary } from './error-boundary';

describe('PanelErrorBoundary', () => {
  it('loads a page whose code could not be fetched offline by itself when the connection returns', async () => {
    const load = vi
      .fn<() => Promise<() => string>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
      .mockResolvedValue(() => 'The Tasks page');
    const Page = lazyComponent(load);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderWithProviders(
      <PanelErrorBoundary label="This page">
        <Suspense fallback={<p>Loading…</p>}>
          <Page />
        </Suspense>
      </PanelErrorBoundary>,
    );
    expect(await screen.findByText('This page could not be loaded')).toBeVisible();

    // Back online: no Try again needed.
    window.dispatchEvent(new Event('online'));
    expect(await screen.findByText('The Tasks page')).toBeVisible();
    expect(load).toHaveBeenCalledTimes(2);
  });
});
