import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";

export function UserMenu({ name, email, role }: { name: string; email: string; role: string }) {
  return (
    <div className="flex flex-col gap-2 border-t pt-3 text-sm">
      <div className="px-3">
        <p className="truncate font-medium">{name}</p>
        <p className="truncate text-xs text-muted-foreground">
          {email} · {role}
        </p>
      </div>
      <div className="flex items-center justify-between gap-2 px-1">
        <Link href="/select-agency" className="px-2 text-xs text-muted-foreground hover:underline">
          Switch
        </Link>
        <SignOutButton />
      </div>
    </div>
  );
}
