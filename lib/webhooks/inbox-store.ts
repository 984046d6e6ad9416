import "server-only";
import type { OrgDb } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

export type WebhookSource = "ghl" | "calcom" | "stripe";

/** Where an accepted event sits in the inbox: its clinic, and the record whose order it keeps. */
export interface InboxEntry {
  locationId: string;
  recordId: string;
}

export interface InboxWrite extends InboxEntry {
  source: WebhookSource;
  deliveryId: string;
  type: string;
  /** The verified request body, as received. */
  payload: string;
}

/**
 * Claims the delivery id and stores the raw event in one statement (INSERT … ON CONFLICT DO
 * NOTHING on the unique source + delivery id): a redelivery inserts nothing. A clinic removed
 * since the tenant lookup fails the foreign key and is reported as unknown.
 */
export async function storeInInbox(db: OrgDb, write: InboxWrite): Promise<"stored" | "duplicate" | "unknown-location"> {
  try {
    const { count } = await db.webhookInbox.createMany({ data: [{ ...write, organizationId: db.organizationId }], skipDuplicates: true });
    return count === 1 ? "stored" : "duplicate";
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2003") return "unknown-location";
    throw err;
  }
}
