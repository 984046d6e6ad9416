import "server-only";
import { prisma } from "@/lib/db/client";
import { createOrgClient, type OrgDb } from "@/lib/db/org-client";

export type { OrgDb, OrgTransaction } from "@/lib/db/org-client";

/** The org-scoped client for one organization: the way feature code reaches tenant data. */
export function forOrg(organizationId: string): OrgDb {
  return createOrgClient(prisma, organizationId);
}
