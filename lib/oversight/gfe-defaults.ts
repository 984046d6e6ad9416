/**
 * How long a good-faith exam (GFE) is treated as valid when a clinic has not set its own
 * period, by US state. INFORMATIONAL ONLY, NOT LEGAL ADVICE: most states set no validity period
 * in statute or board rule, and the common practice of 12 months is a protocol choice of the
 * medical director. Each clinic can and should set its own period per service; the settings
 * page shows this table with its sources and the date it was last reviewed.
 */

export const GFE_DEFAULTS_LAST_REVIEWED = "2026-12-03";

export const GFE_DEFAULTS_DISCLAIMER =
  "Informational only, not legal advice. Most states set no validity period for a good-faith exam; 12 months is a common protocol choice. Confirm the period with your medical director and counsel, and set it per service.";

export interface GfeStateDefault {
  state: string;
  name: string;
  validityDays: number;
  note: string;
  sources: Array<{ label: string; url: string }>;
}

const COMMON_PRACTICE = "No validity period set in statute or board rule was identified; 12 months is common practice.";

const STATES: Array<[string, string]> = [
  ["AL", "Alabama"], ["AK", "Alaska"], ["AZ", "Arizona"], ["AR", "Arkansas"], ["CA", "California"], ["CO", "Colorado"], ["CT", "Connecticut"],
  ["DE", "Delaware"], ["DC", "District of Columbia"], ["FL", "Florida"], ["GA", "Georgia"], ["HI", "Hawaii"], ["ID", "Idaho"], ["IL", "Illinois"],
  ["IN", "Indiana"], ["IA", "Iowa"], ["KS", "Kansas"], ["KY", "Kentucky"], ["LA", "Louisiana"], ["ME", "Maine"], ["MD", "Maryland"],
  ["MA", "Massachusetts"], ["MI", "Michigan"], ["MN", "Minnesota"], ["MS", "Mississippi"], ["MO", "Missouri"], ["MT", "Montana"], ["NE", "Nebraska"],
  ["NV", "Nevada"], ["NH", "New Hampshire"], ["NJ", "New Jersey"], ["NM", "New Mexico"], ["NY", "New York"], ["NC", "North Carolina"],
  ["ND", "North Dakota"], ["OH", "Ohio"], ["OK", "Oklahoma"], ["OR", "Oregon"], ["PA", "Pennsylvania"], ["RI", "Rhode Island"],
  ["SC", "South Carolina"], ["SD", "South Dakota"], ["TN", "Tennessee"], ["TX", "Texas"], ["UT", "Utah"], ["VT", "Vermont"], ["VA", "Virginia"],
  ["WA", "Washington"], ["WV", "West Virginia"], ["WI", "Wisconsin"], ["WY", "Wyoming"],
];

const SPECIFIC: Record<string, Pick<GfeStateDefault, "note" | "sources">> = {
  TX: {
    note: "HB 3749 (89th Legislature, 2025) regulates elective IV hydration therapy: who may administer and under which orders, after an assessment by a physician, NP or PA. It sets no exam validity period; 12 months is used here.",
    sources: [{ label: "Texas Legislature Online: HB 3749 (89R)", url: "https://capitol.texas.gov/BillLookup/History.aspx?LegSess=89R&Bill=HB3749" }],
  },
};

export const GFE_STATE_DEFAULTS: readonly GfeStateDefault[] = STATES.map(([state, name]) => ({
  state,
  name,
  validityDays: 365,
  note: SPECIFIC[state]?.note ?? COMMON_PRACTICE,
  sources: SPECIFIC[state]?.sources ?? [],
}));

/** Used when a clinic has no state set and a service no period of its own. */
export const FALLBACK_GFE_VALIDITY_DAYS = 365;

export function stateDefault(state: string | null | undefined): GfeStateDefault | null {
  return GFE_STATE_DEFAULTS.find((row) => row.state === state) ?? null;
}

export const US_STATE_CODES = STATES.map(([code]) => code) as [string, ...string[]];
