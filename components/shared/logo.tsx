import Link from "next/link";

export function Logo({ href = "/" }: { href?: string }) {
  return (
    <Link href={href} className="flex items-center gap-2 font-semibold tracking-tight">
      <span aria-hidden="true" className="grid size-8 place-items-center rounded-md bg-primary text-primary-foreground">
        S
      </span>
      <span>Sidecar</span>
    </Link>
  );
}
