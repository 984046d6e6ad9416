import Link from "next/link";

/** Previous / next links that keep the other URL parameters. */
export function Pagination({ page, pageCount, total, params }: { page: number; pageCount: number; total: number; params: Record<string, string | undefined> }) {
  const href = (to: number) => {
    const search = new URLSearchParams(Object.entries({ ...params, page: String(to) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `?${search.toString()}`;
  };
  const linkClass = "inline-flex h-9 items-center rounded-md border px-3 text-sm hover:bg-accent";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
      <p className="text-muted-foreground">
        Page {page} of {pageCount} · {total.toLocaleString("en-US")} items
      </p>
      <div className="flex gap-2">
        {page > 1 && (
          <Link className={linkClass} href={href(page - 1)} rel="prev">
            Previous
          </Link>
        )}
        {page < pageCount && (
          <Link className={linkClass} href={href(page + 1)} rel="next">
            Next
          </Link>
        )}
      </div>
    </nav>
  );
}
