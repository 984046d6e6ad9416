import Link from "next/link";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Logo } from "@/components/shared/logo";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { AcceptInvitationButton } from "@/components/invitations/accept-invitation-button";
import { invitationState } from "@/lib/auth/accept-invitation";
import { unsafeFindInvitation } from "@/lib/auth/invitations";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";
import { getCurrentSession } from "@/lib/auth/session";

export const metadata = { title: "Invitation" };

const CLOSED: Record<string, { title: string; text: string }> = {
  used: { title: "Invitation already used", text: "This invitation has already been accepted. Sign in to continue." },
  expired: { title: "Invitation expired", text: "This invitation has expired. Ask the agency to send you a new one." },
  revoked: { title: "Invitation withdrawn", text: "This invitation was withdrawn. Ask the agency to send you a new one." },
};

export default async function InvitationPage({ params }: PageProps<"/invite/[id]">) {
  const { id } = await params;
  const invitation = id.length <= 64 ? await unsafeFindInvitation(id) : null;
  if (!invitation) notFound();
  const state = invitationState(invitation);
  const session = await getCurrentSession();
  const role = ROLE_LABELS[invitation.role as Role];
  const closed = CLOSED[state];

  return (
    <main id="main" className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="flex w-full max-w-md flex-col gap-6">
        <Logo />
        <Card>
          <CardHeader>
            <CardTitle>
              <h1 className="text-xl">{closed ? closed.title : `Join ${invitation.organization.name}`}</h1>
            </CardTitle>
            {!closed && (
              <CardDescription>
                You are invited as {role}. The invitation is for {invitation.email}.
              </CardDescription>
            )}
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {closed ? (
              <>
                <p className="text-sm text-muted-foreground">{closed.text}</p>
                <Button asChild variant="outline">
                  <Link href="/login">Go to sign in</Link>
                </Button>
              </>
            ) : !session ? (
              <Button asChild size="lg">
                <Link href={`/login?email=${encodeURIComponent(invitation.email)}&next=${encodeURIComponent(`/invite/${invitation.id}`)}`}>
                  Sign in as {invitation.email} to accept
                </Link>
              </Button>
            ) : session.user.email.toLowerCase() !== invitation.email.toLowerCase() ? (
              <>
                <p role="alert" className="text-sm text-destructive">
                  You are signed in as {session.user.email}, but this invitation is for {invitation.email}. Sign out, then sign in
                  with the invited address.
                </p>
                <SignOutButton variant="outline" size="default" />
              </>
            ) : (
              <AcceptInvitationButton invitationId={invitation.id} />
            )}
          </CardContent>
        </Card>
      </div>
    </main>
  );
}
