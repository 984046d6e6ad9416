import Link from "next/link";
import { Logo } from "@/components/shared/logo";
import { SignOutButton } from "@/components/auth/sign-out-button";

const SECTIONS = [
  { key: "agencies", href: "/platform", label: "Agencies" },
  { key: "sync", href: "/platform/sync", label: "Sync health" },
  { key: "audit", href: "/platform/audit", label: "Audit log" },
] as const;

export function PlatformShell({ children, userName, current = "agencies" }: { children: React.ReactNode; userName: string; current?: (typeof SECTIONS)[number]["key"] }) {
  return (
    <div className="min-h-dvh">
      <header className="border-b bg-card">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3 sm:px-6">
          <Logo href="/platform" />
          <div className="flex items-center gap-2 text-sm text-muted-foreground">
            <span className="hidden sm:inline">{userName} · Platform admin</span>
            <SignOutButton />
          </div>
        </div>
        <nav aria-label="Platform" className="mx-auto flex max-w-6xl gap-1 overflow-x-auto px-2 pb-2 text-sm sm:px-4">
          {SECTIONS.map((s) => (
            <Link
              key={s.key}
              href={s.href}
              aria-current={s.key === current ? "page" : undefined}
              className={`rounded-md px-3 py-1.5 whitespace-nowrap ${s.key === current ? "bg-secondary font-medium text-foreground" : "text-muted-foreground hover:bg-secondary/60"}`}
            >
              {s.label}
            </Link>
          ))}
        </nav>
      </header>
      <main id="main" className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
