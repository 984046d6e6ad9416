"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { CalendarCheck, ListPlus, Package, Sparkles, Users } from "lucide-react";
import { cn } from "@/lib/utils";

/** Today / Contacts / Supplies / Waitlist / Ask: big targets along the top, made for a phone at the front desk. */
export function ClinicTabs({ base }: { base: string }) {
  const pathname = usePathname();
  const tabs = [
    { href: base, label: "Today", icon: CalendarCheck, active: pathname === base },
    { href: `${base}/contacts`, label: "Contacts", icon: Users, active: pathname.startsWith(`${base}/contacts`) },
    { href: `${base}/supplies`, label: "Supplies", icon: Package, active: pathname.startsWith(`${base}/supplies`) },
    { href: `${base}/waitlist`, label: "Waitlist", icon: ListPlus, active: pathname.startsWith(`${base}/waitlist`) },
    { href: `${base}/ask`, label: "Ask", icon: Sparkles, active: pathname.startsWith(`${base}/ask`) },
  ];
  return (
    <nav aria-label="Clinic" className="mx-auto grid max-w-2xl grid-cols-5 gap-1 px-2 pb-2">
      {tabs.map(({ href, label, icon: Icon, active }) => (
        <Link
          key={href}
          href={href}
          aria-current={active ? "page" : undefined}
          className={cn(
            "flex min-h-12 flex-col items-center justify-center gap-0.5 rounded-md text-sm font-medium text-muted-foreground hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring sm:flex-row sm:gap-2",
            active && "bg-primary text-primary-foreground hover:bg-primary/90",
          )}
        >
          <Icon aria-hidden="true" className="size-5" />
          {label}
        </Link>
      ))}
    </nav>
  );
}
