"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

/** The supplies sub-pages as large, thumb-sized links. */
export function SuppliesNav({ base, canImport }: { base: string; canImport: boolean }) {
  const pathname = usePathname();
  const links = [
    { href: base, label: "Log use" },
    { href: `${base}/receive`, label: "Receive" },
    { href: `${base}/count`, label: "Count" },
    ...(canImport ? [{ href: `${base}/import`, label: "Import" }] : []),
  ];
  return (
    <nav aria-label="Supplies" className="-mx-1 overflow-x-auto">
      <ul className="flex gap-1 px-1">
        {links.map((link) => {
          const active = pathname === link.href;
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={cn(
                  "inline-flex h-10 items-center rounded-full border px-4 text-sm font-medium hover:bg-accent",
                  active && "border-primary bg-primary text-primary-foreground hover:bg-primary/90",
                )}
              >
                {link.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
