import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Logo } from "@/components/shared/logo";

export const metadata = { title: "GoHighLevel not connected" };

const REASONS: Record<string, string> = {
  invalid_state: "The connection link was already used, has expired, or was started by someone else. Start again from Settings → Integrations.",
  ghl_refused: "GoHighLevel did not accept the connection. Please try again.",
  ghl_wrong_install: "Sidecar must be installed for your whole agency, not for a single sub-account. Start again and choose the agency.",
  ghl_not_configured: "GoHighLevel is not configured on this server.",
  not_found: "Only an owner of the agency can connect GoHighLevel.",
  company_taken:
    "This GoHighLevel agency is connected to another Sidecar account, so it was not connected here. If it is yours, its owner can install the app again from GoHighLevel's Marketplace while signed in to Sidecar.",
  other_company: "This Sidecar account is connected to another GoHighLevel agency. Disconnect it in Settings → Integrations first, then connect again.",
  rate_limited: "Too many connection attempts in a short time. Wait a few minutes, then start again from Settings → Integrations.",
};

export default async function GhlConnectFailedPage({ searchParams }: PageProps<"/integrations/ghl/failed">) {
  const { reason } = await searchParams;
  const text = (typeof reason === "string" && REASONS[reason]) || "Something went wrong while connecting GoHighLevel. Please try again.";
  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-md flex-col gap-6">
        <Logo />
        <Card>
          <CardHeader>
            <CardTitle>
              <h1 className="text-xl">GoHighLevel was not connected</h1>
            </CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            <p role="alert" className="text-sm text-muted-foreground">
              {text}
            </p>
            <Button asChild>
              <Link href="/select-agency">Back to Sidecar</Link>
            </Button>
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
