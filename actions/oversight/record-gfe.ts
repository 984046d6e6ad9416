"use server";

import { orgAction } from "@/lib/entry/action";
import { recordGfe } from "@/lib/oversight/patients";
import { ZGfeInput } from "@/lib/oversight/schemas";

/** Records a patient's good-faith exam (with its document, when there is one). */
export const recordGfeAction = orgAction({
  name: "oversight.record-gfe",
  permission: "contacts.write",
  input: ZGfeInput,
  run: (input, ctx) => recordGfe(ctx, input),
  audit: (input, data) => ({ targetType: "gfe", targetId: data.gfeId, metadata: { contactId: input.contactId, examinedOn: input.examinedOn, expiresOn: data.expiresOn, file: input.fileId !== null } }),
});
