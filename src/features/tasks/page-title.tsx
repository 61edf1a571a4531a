/** A page's document title with the count of tasks waiting on the person, `(2) Tasks · Agent
 *  Console`, from the needs-you set (`entities/task/needs-you.ts`), which the leading tab keeps
 *  reading while hidden and shares with the others. React hoists `<title>` into the head. */
import { documentTitle } from './document-title';
import { useNeedsYou } from '@/entities/task/hooks';

export function PageTitle({ page }: { page?: string }) {
  const count = useNeedsYou().length;
  return <title>{documentTitle(page, count)}</title>;
}
