/** The one renderer of agent Markdown (messages, answers), lazily loaded. The text is untrusted:
 *  no raw HTML, unsafe links emptied, links without opener, images as links, headings demoted,
 *  hidden characters spelled out, every block `dir="auto"`. */
import type { ComponentProps } from 'react';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { cn } from '@/lib/cn';
import { visibleText } from '@/lib/reveal-invisibles';

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/** Parents whose children are inline (phrasing) content in mdast. */
const PHRASING_PARENTS: ReadonlySet<string> = new Set([
  'paragraph',
  'heading',
  'emphasis',
  'strong',
  'delete',
  'link',
  'linkReference',
  'tableCell',
]);

/** A remark plugin: every `html` node becomes text (inline) or a paragraph of text (block). */
function htmlAsText() {
  const walk = (node: MdNode) => {
    const children = node.children;
    if (!children) return;
    node.children = children.map((child) => {
      if (child.type !== 'html') {
        walk(child);
        return child;
      }
      const text: MdNode = { type: 'text', value: child.value ?? '' };
      return PHRASING_PARENTS.has(node.type) ? text : { type: 'paragraph', children: [text] };
    });
  };
  return (tree: MdNode) => walk(tree);
}

/** A remark plugin: hidden and direction-changing characters in the text are spelled out
 *  (`[U+202E]`, see `lib/reveal-invisibles.ts`), so a message cannot disguise what it says. */
function revealHidden() {
  const walk = (node: MdNode) => {
    if (typeof node.value === 'string' && ['text', 'inlineCode', 'code'].includes(node.type)) {
      node.value = visibleText(node.value);
    }
    node.children?.forEach(walk);
  };
  return (tree: MdNode) => walk(tree);
}

const LINK = 'text-accent underline underline-offset-2 [overflow-wrap:anywhere]';

function NewTabLink({
  href,
  children,
}: {
  href: string;
  children: ComponentProps<'a'>['children'];
}) {
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className={LINK}>
      {children}
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

const COMPONENTS: Components = {
  a: ({ href, children }) =>
    href ? <NewTabLink href={href}>{children}</NewTabLink> : <span>{children}</span>,
  img: ({ src, alt }) => {
    const label = alt?.trim() ? `Image: ${alt}` : 'Image';
    return typeof src === 'string' && src !== '' ? (
      <NewTabLink href={src}>{label}</NewTabLink>
    ) : (
      <span>{label}</span>
    );
  },
  p: ({ node: _node, ...props }) => <p dir="auto" {...props} />,
  li: ({ node: _node, ...props }) => <li dir="auto" {...props} />,
  blockquote: ({ node: _node, ...props }) => <blockquote dir="auto" {...props} />,
  td: ({ node: _node, ...props }) => <td dir="auto" {...props} />,
  th: ({ node: _node, ...props }) => <th dir="auto" {...props} />,
  h1: ({ node: _node, ...props }) => <p dir="auto" className="font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <p dir="auto" className="font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <p dir="auto" className="font-semibold" {...props} />,
  h4: ({ node: _node, ...props }) => <p dir="auto" className="font-semibold" {...props} />,
  h5: ({ node: _node, ...props }) => <p dir="auto" className="font-semibold" {...props} />,
  h6: ({ node: _node, ...props }) => <p dir="auto" className="font-semibold" {...props} />,
  pre: ({ node: _node, ...props }) => <pre dir="auto" {...props} />,
  // A wide table scrolls inside the message; focusable so keyboard users can scroll it.
  table: ({ node: _node, ...props }) => (
    <div tabIndex={0} className="max-w-full overflow-x-auto">
      <table {...props} />
    </div>
  ),
};

const nested = (level: 3 | 4 | 5 | 6) =>
  function Heading({ node: _node, ...props }: ComponentProps<'h3'> & { node?: unknown }) {
    const Tag = `h${level}` as const;
    const size = level === 3 ? 'text-lg' : level === 4 ? 'text-base' : 'text-sm';
    return <Tag dir="auto" className={`${size} mt-4 font-semibold first:mt-0`} {...props} />;
  };

const NESTED_HEADINGS: Components = {
  ...COMPONENTS,
  h1: nested(3),
  h2: nested(4),
  h3: nested(5),
  h4: nested(6),
  h5: nested(6),
  h6: nested(6),
};

const PROSE = cn(
  'space-y-2 text-sm [overflow-wrap:anywhere]',
  '[&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5',
  '[&_blockquote]:border-l-2 [&_blockquote]:border-border [&_blockquote]:pl-3 [&_blockquote]:text-muted',
  '[&_code]:rounded [&_code]:bg-surface-muted [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs',
  '[&_pre]:whitespace-pre-wrap [&_pre]:rounded-md [&_pre]:bg-surface-muted [&_pre]:p-2',
  '[&_pre_code]:bg-transparent [&_pre_code]:p-0',
  '[&_table]:border-collapse [&_td]:border [&_td]:border-border [&_td]:px-2 [&_td]:py-1',
  '[&_th]:border [&_th]:border-border [&_th]:px-2 [&_th]:py-1 [&_th]:text-left',
  '[&_hr]:border-border',
);

export interface SafeMarkdownProps {
  text: string;
  /** `bold` (a message) or `nested` under the page's headings (an answer). */
  headings?: 'bold' | 'nested';
  className?: string;
}

export function SafeMarkdown({ text, headings = 'bold', className }: SafeMarkdownProps) {
  return (
    <div className={cn(PROSE, className)}>
      <Markdown
        remarkPlugins={[remarkGfm, htmlAsText, revealHidden]}
        skipHtml
        components={headings === 'nested' ? NESTED_HEADINGS : COMPONENTS}
      >
        {text}
      </Markdown>
    </div>
  );
}
