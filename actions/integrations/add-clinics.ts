"use server";

import { orgAction } from "@/lib/entry/action";
import { addClinics } from "@/lib/ghl/connect";
import { ZAddClinicsInput } from "@/lib/ghl/schemas-input";

export const addClinicsAction = orgAction({
  name: "ghl.add-clinics",
  permission: "integrations.manage",
  input: ZAddClinicsInput,
  run: ({ ghlLocationIds }, ctx) => addClinics(ctx, ghlLocationIds),
  audit: ({ ghlLocationIds }, data) => ({ targetType: "ghl", metadata: { ghlLocationIds, added: data.added } }),
});
