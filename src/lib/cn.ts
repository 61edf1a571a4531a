/**
 * `cn()`: joins class names (clsx) and lets later Tailwind utilities win over earlier
 * conflicting ones (tailwind-merge), so a caller's `className`, passed last, can override a
 * primitive's defaults — `cn('p-2 text-sm', 'p-4')` → `text-sm p-4`.
 *
 * tailwind-merge's default configuration knows every Tailwind utility and costs ~6.5 KB gzip of
 * the first page's 100 KB budget. This console only ever overrides a small vocabulary (spacing,
 * sizing, layout, colour tokens, borders, type), so the merge engine (~2 KB) runs on a config
 * of just those groups. A class outside them is kept as-is — the same as plain clsx — so the
 * worst case of a missing group is two classes side by side, never a lost class. Add a group
 * here when a component starts overriding something new.
 */
import { clsx, type ClassValue } from 'clsx';
import { createTailwindMerge, validators } from 'tailwind-merge';

const { isArbitraryValue, isFraction, isNumber, isTshirtSize } = validators;

/** The colour tokens of tailwind.config.ts (plus CSS keywords), so `text-sm` (a size) and
 *  `text-muted` (a colour) land in different groups. */
const COLORS = [
  'surface',
  'surface-muted',
  'border',
  'text',
  'muted',
  'accent',
  'accent-foreground',
  'danger',
  'warning',
  'success',
  'status-pending',
  'status-queued',
  'status-running',
  'status-waiting',
  'status-review',
  'status-completed',
  'status-failed',
  'status-stopped',
  'transparent',
  'current',
  'inherit',
  'white',
  'black',
  isArbitraryValue,
];
const SPACING = [isNumber, 'px', isArbitraryValue];
const SIZING = [...SPACING, isFraction, 'auto', 'full', 'screen', 'min', 'max', 'fit'];

const merge = createTailwindMerge(() => ({
  cacheSize: 500,
  theme: {},
  classGroups: {
    display: ['block', 'inline-block', 'inline', 'flex', 'inline-flex', 'grid', 'hidden'],
    position: ['static', 'fixed', 'absolute', 'relative', 'sticky'],
    p: [{ p: SPACING }],
    px: [{ px: SPACING }],
    py: [{ py: SPACING }],
    pt: [{ pt: SPACING }],
    pr: [{ pr: SPACING }],
    pb: [{ pb: SPACING }],
    pl: [{ pl: SPACING }],
    m: [{ m: ['auto', ...SPACING] }],
    mx: [{ mx: ['auto', ...SPACING] }],
    my: [{ my: ['auto', ...SPACING] }],
    mt: [{ mt: ['auto', ...SPACING] }],
    mr: [{ mr: ['auto', ...SPACING] }],
    mb: [{ mb: ['auto', ...SPACING] }],
    ml: [{ ml: ['auto', ...SPACING] }],
    gap: [{ gap: SPACING }],
    'gap-x': [{ 'gap-x': SPACING }],
    'gap-y': [{ 'gap-y': SPACING }],
    w: [{ w: SIZING }],
    h: [{ h: [...SIZING, 'dvh'] }],
    size: [{ size: SIZING }],
    'min-w': [{ 'min-w': SIZING }],
    'max-w': [{ 'max-w': [...SIZING, 'none', isTshirtSize] }],
    flex: [{ flex: [isNumber, 'auto', 'initial', 'none'] }],
    grow: [{ grow: ['', isNumber] }],
    shrink: [{ shrink: ['', isNumber] }],
    'align-items': [{ items: ['start', 'end', 'center', 'baseline', 'stretch'] }],
    'justify-content': [{ justify: ['start', 'end', 'center', 'between', 'around', 'evenly'] }],
    rounded: [{ rounded: ['', 'none', 'full', isTshirtSize, isArbitraryValue] }],
    'border-w': [{ border: ['', isNumber, isArbitraryValue] }],
    'border-color': [{ border: COLORS }],
    'bg-color': [{ bg: COLORS }],
    'text-color': [{ text: COLORS }],
    'font-size': [{ text: ['base', isTshirtSize] }],
    'text-alignment': [{ text: ['left', 'center', 'right', 'justify', 'start', 'end'] }],
    'font-weight': [{ font: ['normal', 'medium', 'semibold', 'bold'] }],
    whitespace: [{ whitespace: ['normal', 'nowrap', 'pre', 'pre-line', 'pre-wrap'] }],
    opacity: [{ opacity: [isNumber] }],
  },
  conflictingClassGroups: {
    p: ['px', 'py', 'pt', 'pr', 'pb', 'pl'],
    px: ['pr', 'pl'],
    py: ['pt', 'pb'],
    m: ['mx', 'my', 'mt', 'mr', 'mb', 'ml'],
    mx: ['mr', 'ml'],
    my: ['mt', 'mb'],
    gap: ['gap-x', 'gap-y'],
    size: ['w', 'h'],
  },
  conflictingClassGroupModifiers: {},
  orderSensitiveModifiers: [],
}));

export function cn(...inputs: ClassValue[]): string {
  return merge(clsx(inputs));
}
