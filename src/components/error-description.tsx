/**
 * The body of an error panel: the server's message and what to do next. Its own module so the
 * advice texts load with the first error rather than with the first page.
 */
import { describeError } from '@/lib/error-advice';

export default function ErrorDescription({ error }: { error: unknown }) {
  const { message, advice } = describeError(error);
  return (
    <>
      <p>{message}</p>
      <p className="text-muted">{advice}</p>
    </>
  );
}
