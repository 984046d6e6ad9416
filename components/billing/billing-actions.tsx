"use client";

import { useState } from "react";
import { startCheckoutAction } from "@/actions/billing/start-checkout";
import { openBillingPortalAction } from "@/actions/billing/open-portal";
import { Button } from "@/components/ui/button";
import { NativeSelect } from "@/components/ui/select";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

export interface PlanChoice {
  key: "starter" | "growth" | "scale";
  name: string;
  summary: string;
  monthly: string;
  yearly: string;
}

/** Choose a plan and go to Stripe Checkout (with what is left of the free trial the first time). */
export function CheckoutForm({ slug, plans, trialDays, suggested }: { slug: string; plans: PlanChoice[]; trialDays: number | null; suggested: PlanChoice["key"] }) {
  const trial = trialDays !== null;
  const [plan, setPlan] = useState<PlanChoice["key"]>(suggested);
  const [interval, setInterval] = useState<"month" | "year">("month");
  const checkout = useAction((input: { plan: PlanChoice["key"]; interval: "month" | "year" }) => startCheckoutAction(slug, input), {
    onSuccess: (data) => window.location.assign(data.url),
  });
  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        void checkout.run({ plan, interval });
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium">Plan</legend>
        {plans.map((p) => (
          <label key={p.key} className="flex cursor-pointer items-start gap-3 rounded-md border p-3 has-[:checked]:border-primary">
            <input type="radio" name="plan" value={p.key} checked={plan === p.key} onChange={() => setPlan(p.key)} className="mt-1" />
            <span className="flex flex-col">
              <span className="font-medium">{p.name}</span>
              <span className="text-sm text-muted-foreground">
                {p.summary} · {interval === "month" ? `${p.monthly} a month` : `${p.yearly} a year`}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      {checkout.fieldError("plan") && (
        <p id="plan-error" role="alert" className="text-sm text-destructive">
          {checkout.fieldError("plan")}
        </p>
      )}
      <FormField id="billing-interval" label="Billed">
        <NativeSelect value={interval} onChange={(e) => setInterval(e.target.value === "year" ? "year" : "month")} className="sm:max-w-xs">
          <option value="month">Monthly</option>
          <option value="year">Yearly</option>
        </NativeSelect>
      </FormField>
      <FormError message={checkout.formErrorBeside(["plan"])} />
      <div>
        <Button type="submit" disabled={checkout.pending}>
          {checkout.pending ? "Opening Stripe Checkout…" : trial ? `Start ${trialDays}-day free trial` : "Subscribe"}
        </Button>
        {trial && <p className="mt-2 text-sm text-muted-foreground">No card needed for the trial; add one any time before it ends.</p>}
      </div>
    </form>
  );
}

/** Stripe's customer portal: plan, card, invoices, cancellation. */
export function PortalButton({ slug }: { slug: string }) {
  const portal = useAction(() => openBillingPortalAction(slug, {}), { onSuccess: (data) => window.location.assign(data.url) });
  return (
    <div className="flex flex-col gap-2">
      <FormError message={portal.formError} />
      <div>
        <Button type="button" variant="outline" onClick={() => void portal.run(undefined)} disabled={portal.pending}>
          {portal.pending ? "Opening the billing portal…" : "Manage plan, card or cancellation"}
        </Button>
      </div>
    </div>
  );
}
