"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { signOutEverywhereAction } from "@/actions/account/sign-out-everywhere";
import { updateSecuritySettingsAction } from "@/actions/settings/update-security";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NativeSelect } from "@/components/ui/select";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { FormError, FormField } from "@/components/shared/form-field";
import { OwnerSave } from "@/components/settings/owner-save";
import { useAction } from "@/components/shared/use-action";

export function IdleTimeoutForm({ slug, current, canEdit }: { slug: string; current: number; canEdit: boolean }) {
  const [minutes, setMinutes] = useState(String(current));
  const save = useAction((input: { idleTimeoutMinutes: number }) => updateSecuritySettingsAction(slug, input));
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Idle sign-out</h2>
        </CardTitle>
        <CardDescription>
          Members are signed out after this long without activity. Clinics handling health data should use 15 minutes.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="flex flex-col gap-4 sm:max-w-xs"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run({ idleTimeoutMinutes: Number(minutes) });
          }}
        >
          <FormField id="idle-timeout" label="Sign out after" error={save.fieldError("idleTimeoutMinutes")}>
            <NativeSelect value={minutes} onChange={(e) => setMinutes(e.target.value)} disabled={!canEdit}>
              <option value="15">15 minutes</option>
              <option value="30">30 minutes</option>
            </NativeSelect>
          </FormField>
          <FormError message={save.formError} />
          <OwnerSave canEdit={canEdit} pending={save.pending} saved={Boolean(save.result?.ok)} />
        </form>
      </CardContent>
    </Card>
  );
}

export function SignOutEverywhere() {
  const router = useRouter();
  const signOut = useAction(signOutEverywhereAction, { onSuccess: () => router.replace("/login?reason=signed-out") });
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Your sessions</h2>
        </CardTitle>
        <CardDescription>Lost a phone or signed in on a shared computer? End every session of your account, this one included.</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <FormError message={signOut.formError} />
        <div>
          <ConfirmButton
            title="Sign out everywhere?"
            description="Every device signed in to your account, this one included, will need a new sign-in code."
            confirmLabel="Sign out everywhere"
            onConfirm={() => signOut.run({})}
            pending={signOut.pending}
            variant="destructive"
            size="default"
          >
            Sign out everywhere
          </ConfirmButton>
        </div>
      </CardContent>
    </Card>
  );
}
