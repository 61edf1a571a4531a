/** The created-date filter as one compact control: a button saying the range (`Any time`, `Last 7
 *  days`, `3 May – 10 May 2026`) that opens presets and the two days. Escape, or a click elsewhere,
 *  closes it, and focus goes back to the button. */
import { useEffect, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/cn';
import { DATE_PRESETS, describeDateRange, presetRange } from './task-filter-params';

const FIELD =
  'h-9 w-full rounded-md border border-border bg-surface px-2.5 text-sm text-text shadow-xs focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent';

export interface DateRangeFilterProps {
  from: string;
  to: string;
  onChange: (range: { from: string; to: string }) => void;
  className?: string | undefined;
}

export function DateRangeFilter({ from, to, onChange, className }: DateRangeFilterProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const id = useId();
  const label = describeDateRange(from, to);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    trigger.current?.focus();
  };
  const choose = (range: { from: string; to: string }) => {
    onChange(range);
    close();
  };

  return (
    <div
      ref={root}
      className={cn('relative', className)}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          close();
        }
      }}
    >
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => setOpen((was) => !was)}
        className={cn(FIELD, 'flex items-center gap-2 text-left')}
      >
        <span className="text-muted">Created</span>
        <span className="min-w-0 flex-1 truncate font-medium">{label}</span>
        <span aria-hidden="true" className="text-muted">
          ▾
        </span>
      </button>
      <div
        id={`${id}-panel`}
        role="group"
        aria-label="Created between"
        className={cn(
          'absolute top-full right-0 z-30 mt-1 w-80 max-w-[calc(100vw-2rem)] space-y-3 rounded-md border border-border bg-surface p-3 shadow-lg',
          !open && 'hidden',
        )}
      >
        <div className="flex flex-wrap gap-1.5">
          {DATE_PRESETS.map(({ preset, label: name }) => {
            const range = presetRange(preset);
            const current = range.from === from && range.to === to;
            return (
              <Button
                key={preset}
                size="sm"
                variant={current ? 'primary' : 'secondary'}
                aria-pressed={current}
                onClick={() => choose(range)}
              >
                {name}
              </Button>
            );
          })}
        </div>
        <div className="grid grid-cols-2 gap-2">
          <label className="space-y-1 text-xs font-medium text-muted">
            <span className="block">From</span>
            <input
              type="date"
              className={FIELD}
              value={from}
              max={to || undefined}
              onChange={(event) => onChange({ from: event.target.value, to })}
            />
          </label>
          <label className="space-y-1 text-xs font-medium text-muted">
            <span className="block">To</span>
            <input
              type="date"
              className={FIELD}
              value={to}
              min={from || undefined}
              onChange={(event) => onChange({ from, to: event.target.value })}
            />
          </label>
        </div>
        <div className="flex justify-between gap-2">
          <Button size="sm" variant="ghost" onClick={() => choose({ from: '', to: '' })}>
            Any time
          </Button>
          <Button size="sm" onClick={close}>
            Done
          </Button>
        </div>
      </div>
    </div>
  );
}
