import { Link } from 'wouter';

export function NotFoundPage() {
  return (
    <section className="space-y-2">
      <title>Page not found · Agent Console</title>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-muted">
        There is nothing at this address.{' '}
        <Link href="/" className="text-accent underline underline-offset-2">
          Go to the start page
        </Link>
        .
      </p>
    </section>
  );
}
