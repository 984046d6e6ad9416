import type { Prisma } from "@/lib/generated/prisma/client";
import { DEMO_AGENCY, DEMO_CLINICS } from "@/scripts/demo/data";

/**
 * The webhook inbox's demo: this morning's GHL updates for each clinic, applied, and one for
 * the Denver clinic that failed on every attempt (its contact had been merged away in GHL), so
 * Settings → Integrations shows a failed webhook and the queue a "could not be applied" finding.
 */
export function demoWebhookInbox(now: Date): Prisma.WebhookInboxCreateManyInput[] {
  const organizationId = DEMO_AGENCY.id;
  const rows: Prisma.WebhookInboxCreateManyInput[] = [];
  const minutes = (m: number) => new Date(now.getTime() - m * 60_000);
  for (const [c, clinic] of DEMO_CLINICS.entries()) {
    for (let i = 1; i <= 6; i++) {
      const n = String(i).padStart(4, "0");
      const contactId = `demo-contact-${clinic.id.slice(4)}-${n}`;
      const type = i % 3 === 0 ? "ContactTagUpdate" : "ContactUpdate";
      const receivedAt = minutes(240 - i * 30 - c * 7);
      const payload = { type, locationId: clinic.ghlLocationId, id: contactId, webhookId: `demo-wh-${clinic.id.slice(4)}-${n}`, timestamp: receivedAt.toISOString() };
      rows.push({
        id: `inbox_demo_${clinic.id.slice(4)}_${n}`, organizationId, locationId: clinic.id, source: "ghl", deliveryId: payload.webhookId, type, recordId: contactId,
        payload: JSON.stringify(payload), status: "done", attempts: 1, receivedAt, availableAt: receivedAt, processedAt: new Date(receivedAt.getTime() + 180),
      });
    }
  }
  const denver = DEMO_CLINICS[1]!;
  const failedAt = minutes(95);
  const contactId = `demo-contact-${denver.id.slice(4)}-0042`;
  const payload = { type: "ContactUpdate", locationId: denver.ghlLocationId, id: contactId, webhookId: "demo-wh-denver-merged", timestamp: minutes(140).toISOString(), firstName: "Jordan", dateUpdated: minutes(140).toISOString() };
  rows.push({
    id: "inbox_demo_denver_merged", organizationId, locationId: denver.id, source: "ghl", deliveryId: payload.webhookId, type: "ContactUpdate", recordId: contactId,
    payload: JSON.stringify(payload), status: "dead", attempts: 8, receivedAt: minutes(140), availableAt: failedAt, processedAt: failedAt,
    lastError: "4f1c9a2e: GHL GET /contacts/demo-contact-denver-0042 answered 404: Contact not found (merged into another contact)",
  });
  return rows;
}
