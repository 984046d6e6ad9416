"use client";

import { recordChartReviewAction } from "@/actions/oversight/record-chart-review";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";
import { useHydrated } from "@/components/shared/use-hydrated";

/** "Chart reviewed by …" for a completed visit; the queue counts these against the clinic's requirement. */
export function ChartReviewForm({ slug, appointmentId, reviewer, reviewed }: { slug: string; appointmentId: string; reviewer: string | null; reviewed: { by: string; on: string } | null }) {
  const ready = useHydrated();
  const { run, pending, fieldError, formErrorBeside } = useAction((input: { appointmentId: string; reviewer: string }) => recordChartReviewAction(slug, input));
  if (reviewed) return <p className="text-sm">Chart reviewed by {reviewed.by} on {reviewed.on}.</p>;
  return (
    <form
      noValidate
      data-ready={ready || undefined}
      aria-label="Record a chart review"
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        void run({ appointmentId, reviewer: String(new FormData(event.currentTarget).get("reviewer") ?? "") });
      }}
    >
      <FormField id="chart-reviewer" label="Reviewed by" error={fieldError("reviewer")}>
        <Input name="reviewer" defaultValue={reviewer ?? ""} autoComplete="off" />
      </FormField>
      <Button type="submit" disabled={pending || !ready}>
        {pending ? "Saving…" : "Record chart review"}
      </Button>
      <FormError message={formErrorBeside(["reviewer"])} />
    </form>
  );
}
