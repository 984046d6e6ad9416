import Link from "next/link";
import { Button } from "@/components/ui/button";
import { homeDestination } from "@/lib/auth/destinations";
import { getCurrentSession } from "@/lib/auth/session";

export default async function NotFound() {
  const session = await getCurrentSession().catch(() => null);
  const home = session ? await homeDestination(session.user.id).catch(() => null) : null;
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 p-6 text-center">
      <p className="text-sm font-medium text-primary">404</p>
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <p className="text-muted-foreground">The page you asked for does not exist, or you do not have access to it.</p>
      <Button asChild>
        {home ? <Link href={home.href}>Back to {home.title}</Link> : <Link href="/">Back to the home page</Link>}
      </Button>
    </main>
  );
}
