import type { PrismaClient } from "@/lib/generated/prisma/client";
import {
  DEMO_AGENCY,
  DEMO_CLINICS,
  DEMO_USERS,
  PLATFORM_ORG,
  demoAppointments,
  demoContacts,
  DEMO_UNCONFIRMED_SOON,
  type DemoAppointment,
} from "@/scripts/demo/data";
import { demoNoShowModel, demoNoShowVisits } from "@/scripts/demo/noshow";
import type { Prisma } from "@/lib/generated/prisma/client";
import { demoAskConversation } from "@/scripts/demo/ask";
import { demoInventory } from "@/scripts/demo/inventory";
import { demoOversight } from "@/scripts/demo/oversight";
import { seedDemoCalcom } from "@/scripts/demo/calcom";
import { demoOps } from "@/scripts/demo/ops";
import { demoPrevention } from "@/scripts/demo/prevention";
import { demoLookIn } from "@/scripts/demo/platform";
import { demoWebhookInbox } from "@/scripts/demo/webhooks";

export const DEMO_CONTACTS_PER_CLINIC = 120;
export const DEMO_APPOINTMENTS_PER_CLINIC = 150;

/** Every GHL appointment of the demo: the everyday ones (±30 days) and the attendance history behind the no-show model. */
export function demoGhlAppointments(now: Date): DemoAppointment[] {
  return DEMO_CLINICS.flatMap((_, index) => {
    const contacts = demoContacts(index, DEMO_CONTACTS_PER_CLINIC, now);
    const appointments = demoAppointments(index, contacts, DEMO_APPOINTMENTS_PER_CLINIC, now);
    return [...appointments, ...demoNoShowVisits(index, contacts, appointments.slice(0, DEMO_UNCONFIRMED_SOON), now)];
  });
}

/**
 * Inserts the demo agency. Idempotent: every row has a fixed id and is inserted with
 * skipDuplicates, so a second run inserts nothing and changes nothing.
 * Returns how many rows were inserted.
 */
export async function seedDemoData(db: PrismaClient, now = new Date()): Promise<number> {
  const trialEndsAt = new Date(now.getTime() + 14 * 86_400_000);
  const inserted = await db.$transaction(async (tx) => {
    const counts: number[] = [];
    counts.push(
      (
        await tx.organization.createMany({
          data: [
            { ...PLATFORM_ORG, type: "platform", subscriptionStatus: "active" },
            // createdAt is the seed's "now": the GHL sandbox regenerates the same records from it.
            { ...DEMO_AGENCY, type: "agency", subscriptionStatus: "trialing", trialEndsAt, billingPlan: "starter", billingInterval: "month", createdAt: now },
          ],
          skipDuplicates: true,
        })
      ).count,
    );
    counts.push(
      (
        await tx.user.createMany({
          data: DEMO_USERS.map(({ id, name, email }) => ({ id, name, email, emailVerified: true })),
          skipDuplicates: true,
        })
      ).count,
    );
    counts.push(
      (
        await tx.location.createMany({
          data: DEMO_CLINICS.map((clinic) => ({ ...clinic, organizationId: DEMO_AGENCY.id })),
          skipDuplicates: true,
        })
      ).count,
    );
    counts.push(
      (
        await tx.member.createMany({
          data: DEMO_USERS.map((user) => ({
            id: `mem_${user.id.slice(4)}`,
            organizationId: user.organizationId,
            userId: user.id,
            role: user.role,
          })),
          skipDuplicates: true,
        })
      ).count,
    );
    counts.push(
      (
        await tx.memberLocation.createMany({
          data: DEMO_USERS.flatMap((user) =>
            (user.clinicIds ?? []).map((locationId) => ({
              memberId: `mem_${user.id.slice(4)}`,
              locationId,
              organizationId: user.organizationId,
            })),
          ),
          skipDuplicates: true,
        })
      ).count,
    );
    const allAppointments: DemoAppointment[] = [];
    const allContacts: ReturnType<typeof demoContacts> = [];
    const visitHistory: DemoAppointment[] = [];
    for (const [index] of DEMO_CLINICS.entries()) {
      const contacts = demoContacts(index, DEMO_CONTACTS_PER_CLINIC, now);
      allContacts.push(...contacts);
      counts.push(
        (
          await tx.contact.createMany({
            data: contacts.map((contact) => ({
              ...contact,
              organizationId: DEMO_AGENCY.id,
              ghlUpdatedAt: contact.dateAdded,
            })),
            skipDuplicates: true,
          })
        ).count,
      );
      const appointments = demoAppointments(index, contacts, DEMO_APPOINTMENTS_PER_CLINIC, now);
      allAppointments.push(...appointments);
      const history = demoNoShowVisits(index, contacts, appointments.slice(0, DEMO_UNCONFIRMED_SOON), now);
      visitHistory.push(...history);
      counts.push(
        (
          await tx.appointment.createMany({
            data: [...appointments, ...history].map((appointment) => ({
              ...appointment,
              organizationId: DEMO_AGENCY.id,
              provider: "ghl" as const,
              calendarId: `demo-calendar-${appointment.locationId.slice(4)}`,
              externalUpdatedAt: appointment.startTime < now ? appointment.startTime : now,
            })),
            skipDuplicates: true,
          })
        ).count,
      );
    }
    // The agency's first no-show model and its scores, as the nightly run would have left them.
    const noShow = demoNoShowModel([...allAppointments, ...visitHistory], now);
    counts.push(
      (
        await tx.noShowModel.createMany({
          data: [{ ...noShow.model, params: noShow.model.params as unknown as Prisma.InputJsonValue, evaluation: (noShow.model.evaluation ?? undefined) as unknown as Prisma.InputJsonValue }],
          skipDuplicates: true,
        })
      ).count,
    );
    counts.push(
      (
        await tx.appointmentRisk.createMany({
          data: noShow.risks.map((r) => ({ ...r, reasons: r.reasons as Prisma.InputJsonValue, features: r.features as unknown as Prisma.InputJsonValue })),
          skipDuplicates: true,
        })
      ).count,
    );
    const inventory = demoInventory(now);
    counts.push((await tx.inventoryItem.createMany({ data: inventory.items, skipDuplicates: true })).count);
    counts.push((await tx.inventoryLot.createMany({ data: inventory.lots, skipDuplicates: true })).count);
    counts.push((await tx.inventoryTransaction.createMany({ data: inventory.transactions, skipDuplicates: true })).count);
    counts.push(await seedDemoCalcom(tx, now));
    const ops = demoOps();
    counts.push((await tx.service.createMany({ data: ops.services, skipDuplicates: true })).count, (await tx.serviceSupply.createMany({ data: ops.supplies, skipDuplicates: true })).count);
    counts.push((await tx.lotRecall.createMany({ data: ops.recalls, skipDuplicates: true })).count);
    const ask = demoAskConversation(allAppointments, now);
    counts.push((await tx.askConversation.createMany({ data: [ask.conversation], skipDuplicates: true })).count);
    counts.push((await tx.askMessage.createMany({ data: ask.messages, skipDuplicates: true })).count);
    counts.push((await tx.askUsage.createMany({ data: [ask.usage], skipDuplicates: true })).count);
    counts.push((await tx.webhookInbox.createMany({ data: demoWebhookInbox(now), skipDuplicates: true })).count);
    const oversight = demoOversight(allAppointments, now);
    counts.push(
      (await tx.clinicOversight.createMany({ data: oversight.oversight, skipDuplicates: true })).count,
      (await tx.consentTemplate.createMany({ data: oversight.templates, skipDuplicates: true })).count,
      (await tx.serviceRule.createMany({ data: oversight.rules, skipDuplicates: true })).count,
      (await tx.gfeRecord.createMany({ data: oversight.gfes, skipDuplicates: true })).count,
      (await tx.signedConsent.createMany({ data: oversight.consents, skipDuplicates: true })).count,
      (await tx.chartReview.createMany({ data: oversight.chartReviews, skipDuplicates: true })).count,
    );
    const prevention = demoPrevention(allAppointments, allContacts, now);
    counts.push((await tx.preventionPolicy.createMany({ data: prevention.policies, skipDuplicates: true })).count);
    counts.push((await tx.confirmationRequest.createMany({ data: prevention.requests as Prisma.ConfirmationRequestCreateManyInput[], skipDuplicates: true })).count);
    counts.push((await tx.preventionMessage.createMany({ data: prevention.messages as Prisma.PreventionMessageCreateManyInput[], skipDuplicates: true })).count);
    counts.push((await tx.waitlistEntry.createMany({ data: prevention.entries as Prisma.WaitlistEntryCreateManyInput[], skipDuplicates: true })).count);
    counts.push((await tx.slotOpening.createMany({ data: prevention.openings as Prisma.SlotOpeningCreateManyInput[], skipDuplicates: true })).count);
    counts.push((await tx.waitlistOffer.createMany({ data: prevention.offers as Prisma.WaitlistOfferCreateManyInput[], skipDuplicates: true })).count);
    const lookIn = demoLookIn(now);
    counts.push((await tx.impersonation.createMany({ data: [lookIn.impersonation], skipDuplicates: true })).count);
    counts.push((await tx.auditLog.createMany({ data: lookIn.audit, skipDuplicates: true })).count);
    return counts.reduce((sum, n) => sum + n, 0);
  }, { timeout: 60_000 });
  return inserted;
}

export async function isDatabaseEmpty(db: PrismaClient): Promise<boolean> {
  return (await db.organization.count()) === 0;
}
