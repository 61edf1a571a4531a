/**
 * The document title of a page, with the count of tasks waiting on the person in front —
 * `(2) Tasks · Agent Console` — so a tab in the background says when someone is needed.
 * React hoists the `<title>` into the head.
 */
import { documentTitle } from './document-title';
import { useNeedsYou } from './use-needs-you';

export function PageTitle({ page }: { page?: string }) {
  const count = useNeedsYou().length;
  return <title>{documentTitle(page, count)}</title>;
}
