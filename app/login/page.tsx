import { redirect } from "next/navigation";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Logo } from "@/components/shared/logo";
import { LoginForm } from "@/components/auth/login-form";
import { getCurrentSession } from "@/lib/auth/session";
import { safeNextPath } from "@/lib/auth/safe-next";
import { env } from "@/lib/env";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const next = safeNextPath(typeof params.next === "string" ? params.next : null) ?? "/auth/continue";
  if (await getCurrentSession()) redirect(`/auth/continue?next=${encodeURIComponent(next)}`);
  const email = typeof params.email === "string" ? params.email : undefined;
  const reason = typeof params.reason === "string" ? params.reason : undefined;
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center bg-background px-4 py-10">
      <div className="flex w-full max-w-sm flex-col gap-6">
        <div className="flex justify-center">
          <Logo />
        </div>
        <Card>
          <CardHeader>
            <CardTitle>
              <h1 className="text-xl">Sign in to Sidecar</h1>
            </CardTitle>
            <CardDescription>No password: we email you a one-time code.</CardDescription>
          </CardHeader>
          <CardContent>
            {reason === "signed-out" && (
              <p role="status" className="mb-4 rounded-md bg-secondary px-3 py-2 text-sm text-secondary-foreground">
                You were signed out. Sign in again to continue.
              </p>
            )}
            <LoginForm next={next} initialEmail={email} githubEnabled={Boolean(env.GITHUB_CLIENT_ID)} />
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
