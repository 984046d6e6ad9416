import Link from "next/link";
import { Button } from "@/components/ui/button";

/** Previous / next links for a server-paginated list, with where the reader is. */
export function Pagination({
  label,
  page,
  pages,
  total,
  noun,
  href,
}: {
  label: string;
  page: number;
  pages: number;
  total: number;
  noun: string;
  href: (page: number) => string;
}) {
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-muted-foreground" aria-live="polite">
        {total.toLocaleString("en-US")} {noun} · page {Math.min(page, pages).toLocaleString("en-US")} of {pages.toLocaleString("en-US")}
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Button variant="outline" size="sm" asChild>
            <Link href={href(Math.min(page - 1, pages))} rel="prev">
              Previous
            </Link>
          </Button>
        ) : null}
        {page < pages ? (
          <Button variant="outline" size="sm" asChild>
            <Link href={href(page + 1)} rel="next">
              Next
            </Link>
          </Button>
        ) : null}
      </div>
    </nav>
  );
}

/** `base?key=value…` keeping only the filters that are set. */
export function hrefWith(base: string, params: Record<string, string | number | undefined>) {
  const query = new URLSearchParams(
    Object.entries(params)
      .filter(([, value]) => value !== undefined && value !== "")
      .map(([key, value]) => [key, String(value)]),
  );
  const text = query.toString();
  return text ? `${base}?${text}` : base;
}
