"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { updateAskBudgetAction } from "@/actions/ask/update-budget";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { OwnerSave } from "@/components/settings/owner-save";
import { useAction } from "@/components/shared/use-action";

interface BudgetStatus {
  budget: number;
  used: number;
  questions: number;
  resetsOn: string;
}

/** The agency's monthly Ask Sidecar token budget: this month's use, and the limit an owner sets. */
export function AskBudgetForm({ slug, status, canEdit }: { slug: string; status: BudgetStatus; canEdit: boolean }) {
  const router = useRouter();
  const [tokens, setTokens] = useState(String(status.budget));
  const save = useAction((input: { monthlyTokens: string }) => updateAskBudgetAction(slug, input), { onSuccess: () => router.refresh() });
  const share = status.budget > 0 ? Math.min(100, Math.round((status.used / status.budget) * 100)) : 100;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Ask Sidecar budget</h2>
        </CardTitle>
        <CardDescription>
          Tokens the agency may spend on Ask Sidecar each month. This month: {status.used.toLocaleString("en-US")} of {status.budget.toLocaleString("en-US")} tokens ({share}
          %) over {status.questions.toLocaleString("en-US")} {status.questions === 1 ? "question" : "questions"}; it starts again on {status.resetsOn}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          className="flex flex-col gap-4 sm:max-w-xs"
          onSubmit={(e) => {
            e.preventDefault();
            void save.run({ monthlyTokens: tokens });
          }}
        >
          <FormField id="ask-budget" label="Tokens per month" hint="0 switches Ask Sidecar off." error={save.fieldError("monthlyTokens")}>
            <Input inputMode="numeric" value={tokens} onChange={(e) => setTokens(e.target.value)} disabled={!canEdit} />
          </FormField>
          <FormError message={save.formErrorBeside(["monthlyTokens"])} />
          <OwnerSave canEdit={canEdit} pending={save.pending} saved={Boolean(save.result?.ok)} />
        </form>
      </CardContent>
    </Card>
  );
}
