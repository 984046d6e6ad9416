"use server";

import { orgAction } from "@/lib/entry/action";
import { recordConsent } from "@/lib/oversight/patients";
import { ZSignedConsentInput } from "@/lib/oversight/schemas";

/** Records a signed consent (treatment, at the template's current version, or photo) with the signed form. */
export const recordConsentAction = orgAction({
  name: "oversight.record-consent",
  permission: "contacts.write",
  input: ZSignedConsentInput,
  run: (input, ctx) => recordConsent(ctx, input),
  audit: (input, data) => ({ targetType: "signed_consent", targetId: data.consentId, metadata: { contactId: input.contactId, kind: input.kind, consentKey: input.consentKey, version: data.version, fileId: input.fileId } }),
});
