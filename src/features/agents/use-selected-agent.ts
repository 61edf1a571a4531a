/**
 * Which agent the new-run form is on.
 *
 * `?agent=<id>` wins, so a link ("Run again", a URL someone shared) always opens on that agent.
 * Without it, the agent the form was last on in this browser — like the rest of the draft, it
 * survives leaving the page mid-run. Choosing writes `?agent=` with `replace`: a reload keeps the
 * choice, the URL can be shared, and Back does not walk through every agent tried on the way.
 * Clearing the choice clears the stored one too.
 */
import { useCallback, useEffect, useState } from 'react';
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

function writeLastAgent(agentId: string | null): void {
  try {
    if (agentId) localStorage.setItem(LAST_AGENT_STORAGE_KEY, agentId);
    else localStorage.removeItem(LAST_AGENT_STORAGE_KEY);
  } catch {
    // Not remembered this time; nothing else depends on it.
  }
}

export interface SelectedAgent {
  agentId: string | null;
  setAgentId: (agentId: string | null) => void;
}

export function useSelectedAgent(): SelectedAgent {
  const [params, setParams] = useSearchParams();
  const [fallback, setFallback] = useState(readLastAgent);
  const fromUrl = params.get('agent')?.trim() || null;

  const agentId = fromUrl ?? fallback;
  useEffect(() => {
    if (agentId) writeLastAgent(agentId);
  }, [agentId]);

  const setAgentId = useCallback(
    (agentId: string | null) => {
      setFallback(null);
      if (!agentId) writeLastAgent(null);
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

  return { agentId, setAgentId };
}
