import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { useTaskFilters } from './use-task-filters';

function setup(path: string) {
  const location = memoryLocation({ path, record: true });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Router hook={location.hook}>{children}</Router>
  );
  return { location, ...renderHook(() => useTaskFilters(), { wrapper }) };
}

describe('useTaskFilters', () => {
  it('keeps the same filters object while the filters in the URL are the same', () => {
    const { result, location } = setup('/tasks?status=failed,running&q=march');
    const first = result.current.filters;
    act(() => location.navigate('/tasks?q=march&status=running%2Cfailed&tab=trace'));
    expect(result.current.filters).toBe(first);
    act(() => location.navigate('/tasks?q=april&status=running,failed'));
    expect(result.current.filters).not.toBe(first);
    expect(result.current.filters.q).toBe('april');
  });

  it('replaces the history entry on every change and keeps other parameters', () => {
    const { result, location } = setup('/tasks/abc?tab=trace');
    act(() => result.current.setStatuses(['failed', 'queued']));
    act(() => result.current.setAgentId('agent-1'));
    expect(location.history).toEqual(['/tasks/abc?tab=trace&status=queued,failed&agent=agent-1']);
    expect(result.current.search).toBe('?status=queued,failed&agent=agent-1');
    expect(result.current.active).toBe(true);
    act(() => result.current.clearAll());
    expect(location.history).toEqual(['/tasks/abc?tab=trace']);
    expect(result.current.active).toBe(false);
  });
});
