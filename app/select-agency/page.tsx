import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Logo } from "@/components/shared/logo";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requireSessionPage } from "@/lib/entry/page-guards";
import { listDestinations } from "@/lib/auth/destinations";

export const metadata = { title: "Choose where to go" };

export default async function SelectAgencyPage() {
  const session = await requireSessionPage({ returnHere: false });
  const destinations = await listDestinations(session.user.id);
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-md flex-col gap-6">
        <div className="flex items-center justify-between">
          <Logo />
          <SignOutButton />
        </div>
        <Card>
          <CardHeader>
            <CardTitle>
              <h1 className="text-xl">{destinations.length ? "Where do you want to go?" : "No access yet"}</h1>
            </CardTitle>
            <CardDescription>Signed in as {session.user.email}</CardDescription>
          </CardHeader>
          <CardContent>
            {destinations.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                Your account is not a member of any agency. Ask your agency to invite you, then open the link in the email.
              </p>
            ) : (
              <ul className="flex flex-col gap-2">
                {destinations.map((d) => (
                  <li key={d.href}>
                    <Link href={d.href} className="flex items-center justify-between gap-3 rounded-md border px-4 py-3 hover:bg-accent">
                      <span>
                        <span className="block font-medium">{d.title}</span>
                        <span className="block text-sm text-muted-foreground">{d.detail}</span>
                      </span>
                      <ChevronRight aria-hidden="true" className="size-4 text-muted-foreground" />
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
