"use server";

import { orgAction } from "@/lib/entry/action";
import { publishConsentTemplate } from "@/lib/oversight/rules";
import { ZConsentTemplateInput } from "@/lib/oversight/schemas";

/** Publishes the next version of a clinic's consent form; patients who signed an earlier one are asked again. */
export const publishConsentTemplateAction = orgAction({
  name: "oversight.publish-consent",
  permission: "oversight.manage",
  input: ZConsentTemplateInput,
  run: (input, ctx) => publishConsentTemplate(ctx, input),
  audit: (input, data) => ({ targetType: "consent_template", targetId: data.templateId, metadata: { locationId: input.locationId, key: data.key, version: data.version } }),
});
