/** Which agent the New run form is on: `?agent=<id>` wins, else the one last chosen in this
 *  browser; choosing writes `?agent=` with `replace`. */
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'wouter';
import { isRecord, stored } from '@/lib/stored';

export const LAST_AGENT_STORAGE_KEY = 'agent-console:last-agent';

const lastAgent = stored<{ agentId: string }>({
  key: LAST_AGENT_STORAGE_KEY,
  version: 1,
  parse: (data) =>
    typeof data.agentId === 'string' && data.agentId ? { agentId: data.agentId } : undefined,
  // Earlier versions stored the id as bare text.
  migrate: (data, raw) => (raw && !isRecord(data) ? { agentId: raw } : undefined),
  maxChars: 1_000,
});

function readLastAgent(): string | null {
  return lastAgent.read()?.agentId ?? null;
}

/** Remembering is a convenience: where storage refuses, nothing else depends on it. */
function writeLastAgent(agentId: string | null): void {
  lastAgent.write(agentId ? { agentId } : undefined);
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
