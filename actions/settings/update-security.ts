"use server";

import { orgAction } from "@/lib/entry/action";
import { updateSecuritySettings, ZSecuritySettingsInput } from "@/lib/orgs/settings";

export const updateSecuritySettingsAction = orgAction({
  name: "settings.security",
  permission: "settings.security",
  input: ZSecuritySettingsInput,
  run: (input, ctx) => updateSecuritySettings(ctx, input),
  audit: (_input, data) => ({ targetType: "organization", metadata: { idleTimeoutMinutes: data } }),
});
