/** The `Agent` combobox: our own ARIA 1.2 editable combobox (WAI-ARIA APG, decision 0005) with
 *  server-side search, more pages as the list or the arrows near its end, and a `Recent` group of
 *  the agents this browser ran last. Focus never leaves the input. */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AgentSummary } from '@/api/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { cn } from '@/lib/cn';
import { visibleText } from '@/lib/reveal-invisibles';
import { AgentOption } from './agent-option';
import { agentName, isInactive } from './agent-status';
import { agentQueries } from './agents-queries';
import { useAgentSearch } from './use-agent-search';
import { useRecentAgents } from './use-recent-agents';

/** DOM id of an option, for `aria-activedescendant`. */
const optionId = (pickerId: string, agentId: string) => `${pickerId}option-${agentId}`;

export interface AgentPickerProps {
  value: string | null;
  onChange: (agentId: string | null) => void;
  invalid?: boolean | undefined;
  'aria-describedby'?: string | undefined;
}

export function AgentPicker({
  value,
  onChange,
  invalid,
  'aria-describedby': describedBy,
}: AgentPickerProps) {
  const id = useId();
  const inputId = `${id}input`;
  const listboxId = `${id}listbox`;

  const [open, setOpen] = useState(false);
  /** What the person typed; `null` while the field shows the chosen agent's name. */
  const [text, setText] = useState<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [includeAll, setIncludeAll] = useState(false);
  const listboxRef = useRef<HTMLDivElement>(null);

  const {
    query: list,
    agents: found,
    unreadable,
    canLoadMore,
    status,
  } = useAgentSearch(text ?? '', includeAll);
  const { isFetchNextPageError, fetchNextPage } = list;
  const recent = useRecentAgents(
    text?.trim() || list.isPlaceholderData || !list.data ? undefined : found,
    open,
    includeAll,
  );
  const rest = recent.length ? found.filter((agent) => !recent.includes(agent)) : found;
  // What the arrows walk through, in the order shown.
  const agents = [...recent, ...rest];

  // The chosen agent may not be on the loaded page (a `?agent=` link, another search, a draft
  // with drafts hidden): its name then comes from the detail, which the details panel shares.
  const chosen = useQuery({ ...agentQueries.detail(value ?? ''), enabled: value !== null });
  const chosenAgent = agents.find((agent) => agent.id === value) ?? chosen.data;
  // An input cannot isolate or mark text: hidden characters are spelled out instead.
  const chosenName = chosenAgent ? visibleText(agentName(chosenAgent)) : '';

  const activeIndex = agents.findIndex((agent) => agent.id === activeId);
  const active = agents[activeIndex];

  useEffect(() => {
    // jsdom has no scrollIntoView.
    if (!open || !activeId) return;
    document.getElementById(optionId(id, activeId))?.scrollIntoView?.({ block: 'nearest' });
  }, [open, activeId, id]);

  const lastId = agents.at(-1)?.id;
  useEffect(() => {
    const root = listboxRef.current;
    const last = lastId === undefined ? null : document.getElementById(optionId(id, lastId));
    if (!open || !canLoadMore || !root || !last || typeof IntersectionObserver === 'undefined') {
      return;
    }
    // Watches the last loaded option and is re-created with each page: a new observer reports
    // at once whether its target is in view, so a short page fills the list without scrolling.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void fetchNextPage();
      },
      { root, rootMargin: '0px 0px 96px 0px' },
    );
    observer.observe(last);
    return () => observer.disconnect();
  }, [open, canLoadMore, fetchNextPage, id, lastId]);

  function close() {
    setOpen(false);
    setActiveId(null);
    if (value !== null) setText(null);
  }

  function choose(agent: AgentSummary) {
    setOpen(false);
    setActiveId(null);
    setText(null);
    onChange(agent.id);
  }

  function moveTo(index: number) {
    const agent = agents[Math.max(0, Math.min(index, agents.length - 1))];
    if (!agent) return;
    setActiveId(agent.id);
    if (agent === agents.at(-1) && canLoadMore) void fetchNextPage();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.nativeEvent.isComposing) return;
    const last = agents.length - 1;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        const down = event.key === 'ArrowDown';
        if (!open) {
          setOpen(true);
          if (event.altKey) return;
          const chosenIndex = agents.findIndex((agent) => agent.id === value);
          moveTo(chosenIndex >= 0 ? chosenIndex : down ? 0 : last);
        } else if (activeIndex < 0) {
          moveTo(down ? 0 : last);
        } else {
          moveTo(activeIndex + (down ? 1 : -1));
        }
        return;
      }
      case 'Home':
      case 'End':
        // With no active option they move the caret, as in any text field.
        if (!open || !active) return;
        event.preventDefault();
        moveTo(event.key === 'Home' ? 0 : last);
        return;
      case 'Enter':
        // Open: Enter belongs to the list, never submits the form around it.
        if (!open) return;
        event.preventDefault();
        if (active && !isInactive(active)) choose(active);
        return;
      case 'Escape':
        if (open) {
          event.preventDefault();
          close();
        } else if (text || value !== null) {
          event.preventDefault();
          setText('');
          if (value !== null) onChange(null);
        }
        return;
    }
  }

  const option = (agent: AgentSummary) => (
    <AgentOption
      key={agent.id}
      id={optionId(id, agent.id)}
      agent={agent}
      active={agent.id === activeId}
      chosen={agent.id === value}
      onChoose={choose}
    />
  );

  return (
    <div className="space-y-2">
      <label htmlFor={inputId} className="block text-sm font-medium text-text">
        Agent
      </label>
      <div className="relative">
        <input
          id={inputId}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listboxId}
          aria-activedescendant={open && active ? optionId(id, active.id) : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          spellCheck={false}
          placeholder={value !== null && chosen.isPending ? 'Loading…' : 'Search agents by name'}
          value={text ?? chosenName}
          onChange={(event) => {
            const next = event.target.value;
            setText(next);
            setOpen(true);
            setActiveId(null);
            if (next === '' && value !== null) onChange(null);
          }}
          onClick={() => setOpen(true)}
          onKeyDown={onKeyDown}
          onBlur={close}
          className={cn(
            'h-10 w-full rounded-md border bg-surface px-3 text-sm text-text placeholder:text-muted',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
            invalid ? 'border-danger' : 'border-border',
          )}
        />
        <div
          hidden={!open}
          onMouseDown={(event) => event.preventDefault()}
          className="absolute inset-x-0 top-full z-20 mt-1 overflow-hidden rounded-md border border-border bg-surface shadow-lg"
        >
          {/* The listbox itself scrolls: a scrolling popup of a combobox needs no focus of its
              own (arrows move through it), and axe recognises it only when it is the element
              `aria-controls` names. */}
          <div
            ref={listboxRef}
            id={listboxId}
            role="listbox"
            aria-label="Agents"
            className="max-h-72 overflow-y-auto"
          >
            {recent.length ? (
              <OptionGroup id={`${id}recent`} label="Recent">
                {recent.map(option)}
              </OptionGroup>
            ) : null}
            <OptionGroup id={`${id}all`} label={recent.length > 0 && 'All agents'}>
              {rest.map(option)}
              {unreadable.map((item) => (
                <li
                  key={`unreadable-${item.index}-${item.problem}`}
                  role="option"
                  aria-selected={false}
                  aria-disabled="true"
                  className="px-3 py-2 text-sm text-muted"
                >
                  An agent this console could not read ({item.problem})
                </li>
              ))}
            </OptionGroup>
          </div>
          <p role="status" className="px-3 py-2 text-sm text-muted empty:hidden">
            {status}
          </p>
        </div>
      </div>
      <label className="flex w-fit items-center gap-2 text-sm text-muted">
        <input
          type="checkbox"
          checked={includeAll}
          onChange={(event) => {
            setIncludeAll(event.target.checked);
            setActiveId(null);
          }}
          className="size-4 accent-accent"
        />
        Include drafts and archived versions
      </label>
      {list.isError ? (
        <ApiErrorAlert
          title={isFetchNextPageError ? 'Couldn’t load more agents' : 'Couldn’t load the agents'}
          error={list.error}
          onRetry={() => void (isFetchNextPageError ? fetchNextPage() : list.refetch())}
          retrying={list.isFetching}
        />
      ) : null}
    </div>
  );
}

/** A labelled group of options; with no label (nothing recent) it is no group at all. */
function OptionGroup({
  id,
  label,
  children,
}: {
  id: string;
  label: string | false;
  children: ReactNode;
}) {
  return (
    <ul role={label ? 'group' : 'none'} aria-labelledby={label ? id : undefined}>
      {label ? (
        <li role="presentation" id={id} className="px-3 pt-2 pb-1 text-xs font-medium text-muted">
          {label}
        </li>
      ) : null}
      {children}
    </ul>
  );
}
