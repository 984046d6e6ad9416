"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { finishGhlConnectAction } from "@/actions/integrations/finish-ghl-connect";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

export function FinishGhlConnect({ agencies }: { agencies: Array<{ slug: string; name: string }> }) {
  const router = useRouter();
  const [slug, setSlug] = useState(agencies.length === 1 ? agencies[0]!.slug : "");
  const finish = useAction((input: { slug: string }) => finishGhlConnectAction(input.slug, {}), {
    onSuccess: (data) => router.push(`/agency/${data.slug}/admin/settings/integrations?connected=1`),
  });
  return (
    <form
      aria-label="Choose the Sidecar account"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (slug) void finish.run({ slug });
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Your agencies</legend>
        {agencies.map((agency) => (
          <label key={agency.slug} className="flex items-center gap-2 text-sm">
            <input type="radio" name="agency" className="size-4" value={agency.slug} checked={slug === agency.slug} onChange={() => setSlug(agency.slug)} />
            <span>{agency.name}</span>
          </label>
        ))}
      </fieldset>
      <FormError message={finish.formError} />
      <div>
        <Button type="submit" disabled={finish.pending || !slug}>
          {finish.pending ? "Connecting…" : "Connect GoHighLevel"}
        </Button>
      </div>
    </form>
  );
}
