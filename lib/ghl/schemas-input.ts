import { z } from "zod";

export const ZAddClinicsInput = z.object({
  ghlLocationIds: z.array(z.string().trim().min(1).max(64)).min(1, "Choose at least one sub-account").max(200),
});
export const ZClinicInput = z.object({ locationId: z.string().trim().min(1).max(64) });
