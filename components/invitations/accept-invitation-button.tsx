"use client";

import { useRouter } from "next/navigation";
import { acceptInvitationAction } from "@/actions/invitations/accept-invitation";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

export function AcceptInvitationButton({ invitationId }: { invitationId: string }) {
  const router = useRouter();
  const { run, pending, formError } = useAction(acceptInvitationAction, {
    onSuccess: (data) => router.push(data.destination),
  });
  return (
    <div className="flex flex-col gap-3">
      <FormError message={formError} />
      <Button size="lg" disabled={pending} onClick={() => run({ invitationId })}>
        {pending ? "Joining…" : "Accept the invitation"}
      </Button>
    </div>
  );
}
