/** A message box for errors and notices: icon, title, body, optional actions (e.g. Retry). `danger`
 *  is `role="alert"` (announced at once), the other tones `role="status"`. */
import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/cn';
import { Icon, type IconName } from './icon';

const TONES = {
  danger: { box: 'border-danger/40 bg-danger/5', icon: 'text-danger', name: 'alert-triangle' },
  warning: { box: 'border-warning/40 bg-warning/5', icon: 'text-warning', name: 'alert-triangle' },
  info: { box: 'border-accent/40 bg-accent/5', icon: 'text-accent', name: 'info' },
} as const satisfies Record<string, { box: string; icon: string; name: IconName }>;

const LAYOUTS = {
  box: 'rounded-lg border',
  /** Full width across the top of the page: a rule underneath, no corners. */
  banner: 'border-b',
} as const;

export interface AlertProps extends Omit<ComponentProps<'div'>, 'title'> {
  tone?: keyof typeof TONES;
  layout?: keyof typeof LAYOUTS;
  title?: ReactNode;
  /** Buttons shown under the text. */
  actions?: ReactNode;
}

export function Alert({
  tone = 'danger',
  layout = 'box',
  title,
  actions,
  className,
  children,
  role,
  ...props
}: AlertProps) {
  const style = TONES[tone];
  return (
    <div
      role={role ?? (tone === 'danger' ? 'alert' : 'status')}
      className={cn('flex gap-3 p-4 text-sm text-text', LAYOUTS[layout], style.box, className)}
      {...props}
    >
      <Icon name={style.name} size="lg" className={cn('mt-0.5', style.icon)} />
      <div className="min-w-0 flex-1 space-y-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className="text-text [overflow-wrap:anywhere]">{children}</div> : null}
        {actions ? <div className="flex flex-wrap gap-2 pt-2">{actions}</div> : null}
      </div>
    </div>
  );
}
