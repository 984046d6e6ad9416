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
  capped = false,
  hasNext = page < pages,
}: {
  label: string;
  page: number;
  pages: number;
  total: number;
  noun: string;
  href: (page: number) => string;
  /** The count stopped at `total`: there are more, and the last page is not known. */
  capped?: boolean;
  hasNext?: boolean;
}) {
  const of = capped ? `${pages.toLocaleString("en-US")}+` : pages.toLocaleString("en-US");
  return (
    <nav aria-label={label} className="flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="text-muted-foreground" aria-live="polite">
        {total.toLocaleString("en-US")}
        {capped ? "+" : ""} {noun} · page {(capped ? page : Math.min(page, pages)).toLocaleString("en-US")} of {of}
      </span>
      <div className="flex gap-2">
        {page > 1 ? (
          <Button variant="outline" size="sm" asChild>
            <Link href={href(capped ? page - 1 : Math.min(page - 1, pages))} rel="prev">
              Previous
            </Link>
          </Button>
        ) : null}
        {hasNext ? (
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
