/**
 * What the chat shows while a tool runs and after ("Counting appointments for 2026-03-01 to
 * 2026-03-31…"). Client-safe: no server imports.
 */
type Input = Record<string, unknown> | undefined;

const range = (input: Input) => (input?.from && input?.to ? ` for ${String(input.from)} to ${String(input.to)}` : "");
const clinics = (input: Input) => (Array.isArray(input?.clinicIds) && input.clinicIds.length ? ` at ${input.clinicIds.length} clinic${input.clinicIds.length === 1 ? "" : "s"}` : "");

export const TOOL_ACTIVITY: Record<string, { running: (input: Input) => string; done: (input: Input) => string }> = {
  listClinics: { running: () => "Listing your clinics", done: () => "Listed your clinics" },
  appointmentStats: {
    running: (i) => `Looking up show and no-show rates${range(i)}${clinics(i)}`,
    done: (i) => `Looked up show and no-show rates${range(i)}${clinics(i)}`,
  },
  appointmentsNeedingAttention: {
    running: (i) => `Finding appointments that need attention in the next ${Number(i?.days ?? 7)} days`,
    done: (i) => `Found appointments that need attention in the next ${Number(i?.days ?? 7)} days`,
  },
  findContact: { running: () => "Looking up the patient", done: () => "Looked up the patient" },
  inventoryStatus: {
    running: (i) => `Checking stock, forecasts and expiring lots for the next ${Number(i?.withinDays ?? 7)} days`,
    done: (i) => `Checked stock, forecasts and expiring lots for the next ${Number(i?.withinDays ?? 7)} days`,
  },
  syncHealth: { running: () => "Checking GoHighLevel sync health", done: () => "Checked GoHighLevel sync health" },
  queueFindings: { running: () => "Reading the needs-attention queue", done: () => "Read the needs-attention queue" },
};

export function activityLabel(tool: string, input: Input, done: boolean): string {
  const entry = TOOL_ACTIVITY[tool];
  if (!entry) return done ? "Looked something up" : "Looking something up";
  return done ? entry.done(input) : entry.running(input);
}

/** The questions the empty chat offers. */
export const SUGGESTED_QUESTIONS = [
  "Which clinics had the most no-shows last month?",
  "What will we run out of before Friday?",
  "Which upcoming appointments need attention?",
  "Is GoHighLevel syncing for every clinic?",
  "What is in the needs-attention queue?",
] as const;

export const CLINIC_SUGGESTED_QUESTIONS = [
  "Which upcoming appointments need attention?",
  "What will we run out of before Friday?",
  "How many no-shows did we have last month?",
] as const;

export interface CitationRef {
  type: string;
  id: string;
  label: string;
  href: string;
}

/** Every cited record in a tool's output (client side, for the sources under an answer). */
export function refsIn(output: unknown, limit = 12): CitationRef[] {
  const found = new Map<string, CitationRef>();
  const walk = (value: unknown) => {
    if (found.size >= limit) return;
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      const ref = (value as { ref?: CitationRef }).ref;
      if (ref && typeof ref.href === "string" && typeof ref.label === "string") found.set(`${ref.type}:${ref.id}`, ref);
      for (const [key, v] of Object.entries(value)) if (key !== "ref") walk(v);
    }
  };
  walk(output);
  return [...found.values()];
}

export type AnswerPiece = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

/**
 * An answer's text with its Markdown links. Only links to this agency's own Sidecar pages become
 * links; any other target (an outside site a crafted record might suggest) stays plain text.
 */
export function answerPieces(text: string, slug: string): AnswerPiece[] {
  const pieces: AnswerPiece[] = [];
  const pattern = /\[([^\]\n]{1,200})\]\(([^)\s]{1,500})\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const [whole, label, href] = match as unknown as [string, string, string];
    if (match.index > last) pieces.push({ kind: "text", text: text.slice(last, match.index) });
    const own = href.startsWith(`/agency/${slug}/`) || href === `/agency/${slug}`;
    pieces.push(own && !href.includes("//") ? { kind: "link", text: label, href } : { kind: "text", text: label });
    last = match.index + whole.length;
  }
  if (last < text.length) pieces.push({ kind: "text", text: text.slice(last) });
  return pieces;
}
