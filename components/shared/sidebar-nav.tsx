"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";
import { Menu, X } from "lucide-react";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { NAV_ICONS, type NavIconName } from "@/components/shared/nav-icons";

export interface NavItem {
  href: string;
  label: string;
  icon: NavIconName;
  /** Match only this exact path (for section roots such as the dashboard). */
  exact?: boolean;
}

function isActive(pathname: string, item: NavItem) {
  return item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
}

function NavLinks({ items, pathname, onNavigate }: { items: NavItem[]; pathname: string; onNavigate?: () => void }) {
  return (
    <ul className="flex flex-col gap-1">
      {items.map((item) => {
        const Icon = NAV_ICONS[item.icon];
        const active = isActive(pathname, item);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium text-muted-foreground hover:bg-accent hover:text-accent-foreground",
                active && "bg-accent text-accent-foreground",
              )}
            >
              <Icon aria-hidden="true" className="size-4" />
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** Sidebar on wide screens; a menu button that opens the same links on a phone. */
export function SidebarNav({
  items,
  label,
  header,
  footer,
}: {
  items: NavItem[];
  label: string;
  header: React.ReactNode;
  footer?: React.ReactNode;
}) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && setOpen(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [open]);

  return (
    <>
      <div className="flex items-center justify-between border-b bg-card px-4 py-3 lg:hidden">
        {header}
        <Button
          variant="ghost"
          size="icon"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((value) => !value)}
        >
          {open ? <X aria-hidden="true" /> : <Menu aria-hidden="true" />}
          <span className="sr-only">{open ? "Close menu" : "Open menu"}</span>
        </Button>
      </div>
      {open && (
        <nav id="mobile-nav" aria-label={label} className="border-b bg-card px-3 py-3 lg:hidden">
          <NavLinks items={items} pathname={pathname} onNavigate={() => setOpen(false)} />
          {footer && <div className="mt-3">{footer}</div>}
        </nav>
      )}
      <div className="hidden w-60 shrink-0 border-r bg-card lg:block">
        <aside className="sticky top-0 flex h-dvh flex-col gap-6 px-3 py-4">
          <div className="px-3">{header}</div>
          <nav aria-label={label} className="flex-1 overflow-y-auto">
            <NavLinks items={items} pathname={pathname} />
          </nav>
          {footer}
        </aside>
      </div>
    </>
  );
}
