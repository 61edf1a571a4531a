/**
 * The document title of a page, with the count of tasks waiting on the person in front —
 * `(2) Tasks · Agent Console` — from the app's needs-you watcher, which keeps going in a
 * background tab. React hoists the `<title>` into the head.
 */
import { documentTitle } from './document-title';
import { useNeedsYou } from '@/entities/task/hooks';

export function PageTitle({ page }: { page?: string }) {
  const count = useNeedsYou().length;
  return <title>{documentTitle(page, count)}</title>;
}
