"use server";

import { orgAction } from "@/lib/entry/action";
import { saveOversight } from "@/lib/oversight/rules";
import { ZOversightInput } from "@/lib/oversight/schemas";

/** A clinic's medical director, providers, state, chart-review requirement and what each service needs. */
export const saveOversightAction = orgAction({
  name: "oversight.save",
  permission: "oversight.manage",
  input: ZOversightInput,
  run: (input, ctx) => saveOversight(ctx, input),
  audit: (input, data) => ({
    targetType: "clinic",
    targetId: data.locationId,
    metadata: { state: input.state, medicalDirector: input.medicalDirector, providers: input.providers.length, chartReviewPercent: input.chartReviewPercent, chartReviewMinimum: input.chartReviewMinimum, rules: data.rules },
  }),
});
