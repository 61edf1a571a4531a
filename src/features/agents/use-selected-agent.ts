/**
 * Which agent the new-run form is on.
 *
 * `?agent=<id>` wins, so a link ("Run again", a URL someone shared) always opens on that agent.
 * Without it, the last agent this browser ran a task with, so the everyday case starts one step
 * shorter. Choosing writes `?agent=` with `replace`: a reload keeps the choice, the URL can be
 * shared, and Back does not walk through every agent tried on the way.
 *
 * The stored agent is read once, when the form mounts: it is a starting point, not a value to
 * follow. Clearing the choice therefore clears it, rather than falling back to the stored one.
 */
import { useCallback, useState } from 'react';
import { useSearchParams } from 'wouter';

export const LAST_AGENT_STORAGE_KEY = 'agent-console:last-agent';

// Storage throws in some private modes and when blocked by policy; remembering is a convenience
// and must never break the form.
function readLastAgent(): string | null {
  try {
    return localStorage.getItem(LAST_AGENT_STORAGE_KEY) || null;
  } catch {
    return null;
  }
}

function writeLastAgent(agentId: string): void {
  try {
    localStorage.setItem(LAST_AGENT_STORAGE_KEY, agentId);
  } catch {
    // Not remembered this time; nothing else depends on it.
  }
}

export interface SelectedAgent {
  agentId: string | null;
  setAgentId: (agentId: string | null) => void;
  /** Stores the last agent used; call it after a run was accepted. */
  remember: (agentId: string) => void;
}

export function useSelectedAgent(): SelectedAgent {
  const [params, setParams] = useSearchParams();
  const [fallback, setFallback] = useState(readLastAgent);
  const fromUrl = params.get('agent')?.trim() || null;

  const setAgentId = useCallback(
    (agentId: string | null) => {
      setFallback(null);
      setParams(
        (previous) => {
          // Keep whatever else the URL carries.
          const next = new URLSearchParams(previous);
          if (agentId) next.set('agent', agentId);
          else next.delete('agent');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  return { agentId: fromUrl ?? fallback, setAgentId, remember: writeLastAgent };
}
