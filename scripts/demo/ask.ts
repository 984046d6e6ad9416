import { minimiseOutcomes } from "@/lib/ai/minimise";
import { DEMO_AGENCY, DEMO_CLINICS, type DemoAppointment } from "@/scripts/demo/data";

/**
 * A conversation the demo owner already had with Ask Sidecar, so the page shows a cited answer
 * the first time it opens: last month's no-shows per clinic, computed from the demo appointments
 * and minimised exactly as the tool does it.
 */
export function demoAskConversation(appointments: DemoAppointment[], now: Date) {
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth();
  const fromDate = new Date(Date.UTC(y, m - 1, 1));
  const toDate = new Date(Date.UTC(y, m, 0));
  const range = { from: fromDate.toISOString().slice(0, 10), to: toDate.toISOString().slice(0, 10) };
  const end = new Date(Date.UTC(y, m, 1));
  const rows = DEMO_CLINICS.map((clinic) => {
    const mine = appointments.filter((a) => a.locationId === clinic.id && a.startTime >= fromDate && a.startTime < end);
    const count = (status: string) => mine.filter((a) => a.status === status).length;
    const showed = count("showed");
    const noshow = count("noshow");
    const cancelled = count("cancelled");
    return { id: clinic.id, name: clinic.name, total: mine.length, showed, noshow, cancelled, open: mine.length - showed - noshow - cancelled };
  });
  const output = minimiseOutcomes(rows, range, { slug: DEMO_AGENCY.slug, role: "agency_owner", question: "", now });
  const ranked = [...output.clinics].sort((a, b) => b.noShows - a.noShows);
  const top = ranked[0]!;
  const answer = [
    `[${top.clinic}](${top.ref.href}) had the most no-shows last month: ${top.noShows} of ${top.showed + top.noShows} visits that were marked (${top.noShowRatePct ?? 0}%).`,
    ...ranked.slice(1).map((c) => `- [${c.clinic}](${c.ref.href}): ${c.noShows} no-shows (${c.noShowRatePct ?? 0}%), ${c.cancelled} cancelled`),
  ].join("\n");
  const question = "Which clinics had the most no-shows last month?";
  const conversationId = "ask_demo_noshows";
  const at = new Date(now.getTime() - 26 * 3_600_000);
  return {
    conversation: { id: conversationId, organizationId: DEMO_AGENCY.id, userId: "usr_agency_owner", title: question, createdAt: at, updatedAt: at },
    messages: [
      { id: "ask_demo_q1", organizationId: DEMO_AGENCY.id, conversationId, role: "user", parts: [{ type: "text", text: question }], createdAt: at },
      {
        id: "ask_demo_a1",
        organizationId: DEMO_AGENCY.id,
        conversationId,
        role: "assistant",
        parts: [
          { type: "step-start" },
          { type: "tool-appointmentStats", toolCallId: "demo-call-1", state: "output-available", input: range, output },
          { type: "step-start" },
          { type: "text", text: answer, state: "done" },
        ],
        createdAt: new Date(at.getTime() + 2_000),
      },
    ],
    usage: { organizationId: DEMO_AGENCY.id, month: now.toISOString().slice(0, 7), inputTokens: 3_412, outputTokens: 286, questions: 1 },
  };
}
