import type { ReactNode } from 'react';
import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Router } from 'wouter';
import { memoryLocation } from 'wouter/memory-location';
import { LAST_AGENT_STORAGE_KEY, useSelectedAgent } from './use-selected-agent';

function setup(path: string) {
  const location = memoryLocation({ path, record: true });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Router hook={location.hook}>{children}</Router>
  );
  return { ...renderHook(() => useSelectedAgent(), { wrapper }), location };
}

describe('useSelectedAgent', () => {
  beforeEach(() => localStorage.clear());
  afterEach(() => vi.restoreAllMocks());

  it('takes ?agent= over the last agent used', () => {
    localStorage.setItem(LAST_AGENT_STORAGE_KEY, 'stored-agent');
    const { result } = setup('/?agent=linked-agent');
    expect(result.current.agentId).toBe('linked-agent');
  });

  it('falls back to the last agent used, else to nothing', () => {
    localStorage.setItem(LAST_AGENT_STORAGE_KEY, 'stored-agent');
    expect(setup('/').result.current.agentId).toBe('stored-agent');
    localStorage.clear();
    expect(setup('/').result.current.agentId).toBeNull();
  });

  it('writes the choice to the URL in place, keeping other parameters', () => {
    const { result, location } = setup('/?tab=files');
    act(() => result.current.setAgentId('chosen-agent'));
    expect(result.current.agentId).toBe('chosen-agent');
    expect(location.history).toEqual(['/?tab=files&agent=chosen-agent']);
  });

  it('clearing the choice removes ?agent= and the stored agent', () => {
    localStorage.setItem(LAST_AGENT_STORAGE_KEY, 'stored-agent');
    const { result, location } = setup('/?agent=linked-agent');
    act(() => result.current.setAgentId(null));
    expect(result.current.agentId).toBeNull();
    expect(location.history).toEqual(['/']);
    expect(setup('/').result.current.agentId).toBeNull();
  });

  it('opens next on the agent the form was last on, chosen or linked', () => {
    const { result } = setup('/');
    act(() => result.current.setAgentId('chosen-agent'));
    expect(setup('/').result.current.agentId).toBe('chosen-agent');
    setup('/?agent=linked-agent');
    expect(setup('/').result.current.agentId).toBe('linked-agent');
  });

  it('works without storage (private mode throws on access)', () => {
    const denied = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(denied);
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(denied);
    const { result } = setup('/?agent=linked-agent');
    expect(result.current.agentId).toBe('linked-agent');
    expect(() => act(() => result.current.setAgentId('chosen-agent'))).not.toThrow();
    expect(setup('/').result.current.agentId).toBeNull();
  });
});
