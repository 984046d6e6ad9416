import { Logo } from "@/components/shared/logo";
import { SignOutButton } from "@/components/auth/sign-out-button";

export function PlatformShell({ children, userName }: { children: React.ReactNode; userName: string }) {
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
      </header>
      <main id="main" className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
