import Link from "next/link";
import { cookies } from "next/headers";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Logo } from "@/components/shared/logo";
import { FinishGhlConnect } from "@/components/integrations/finish-ghl-connect";
import { requireSessionPage } from "@/lib/entry/page-guards";
import { listManagedAgencies } from "@/lib/auth/destinations";
import { PENDING_INSTALL_COOKIE, readPendingInstall } from "@/lib/ghl/connect";

export const metadata = { title: "Finish connecting GoHighLevel" };
export const dynamic = "force-dynamic";

/**
 * Where an install started from GHL's Marketplace lands when its GHL agency is not yet
 * connected to Sidecar: the signed-in person chooses which of the agencies they own it joins.
 */
export default async function FinishGhlConnectPage() {
  const session = await requireSessionPage();
  const pending = readPendingInstall(session.user.id, (await cookies()).get(PENDING_INSTALL_COOKIE)?.value);
  const agencies = pending ? await listManagedAgencies(session.user.id) : [];
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-md flex-col gap-6">
        <Logo />
        <Card>
          <CardHeader>
            <CardTitle>
              <h1 className="text-xl">Finish connecting GoHighLevel</h1>
            </CardTitle>
            {pending && (
              <CardDescription>
                You installed Sidecar from GoHighLevel&apos;s Marketplace for the agency <span className="font-mono break-all">{pending.companyId}</span>. Choose the Sidecar account it belongs to.
              </CardDescription>
            )}
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {!pending ? (
              <p role="alert" className="text-sm text-muted-foreground">
                This install has expired (it lasts 10 minutes) or was started while signed in as someone else. Install Sidecar again from GoHighLevel&apos;s Marketplace, or connect from Settings → Integrations.
              </p>
            ) : agencies.length === 0 ? (
              <p role="alert" className="text-sm text-muted-foreground">
                Only an owner of a Sidecar agency can connect GoHighLevel, and you are not the owner of one. Ask your agency&apos;s owner to install the app.
              </p>
            ) : (
              <FinishGhlConnect agencies={agencies} />
            )}
            <Button asChild variant="outline">
              <Link href="/select-agency">Back to Sidecar</Link>
            </Button>
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
