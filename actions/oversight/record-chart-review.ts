"use server";

import { orgAction } from "@/lib/entry/action";
import { recordChartReview } from "@/lib/oversight/rules";
import { ZChartReviewInput } from "@/lib/oversight/schemas";

/** Records the medical director's review of a completed visit's chart. */
export const recordChartReviewAction = orgAction({
  name: "oversight.record-chart-review",
  permission: "oversight.manage",
  input: ZChartReviewInput,
  run: (input, ctx) => recordChartReview(ctx, input),
  audit: (input, data) => ({ targetType: "appointment", targetId: data.appointmentId, metadata: { reviewer: input.reviewer, chartReviewId: data.chartReviewId } }),
});
