/**
 * The role matrix, written once. Pages, actions and route handlers ask `can(role, permission)`;
 * Better Auth's organization plugin gets its access-control roles from the same table through
 * `betterAuthStatements`.
 */

export const AGENCY_ROLES = ["agency_owner", "agency_admin", "clinic_staff"] as const;
export type AgencyRole = (typeof AGENCY_ROLES)[number];
export type Role = AgencyRole | "platform_admin";

export const PERMISSIONS = {
  /** The agency dashboard and every agency-wide page. */
  "agency.view": ["agency_owner", "agency_admin"],
  /** A clinic's own pages; clinic staff only for their assigned clinics. */
  "clinic.view": ["agency_owner", "agency_admin", "clinic_staff"],
  "contacts.read": ["agency_owner", "agency_admin", "clinic_staff"],
  "contacts.write": ["agency_owner", "agency_admin", "clinic_staff"],
  "contacts.delete": ["agency_owner", "agency_admin"],
  "calendar.read": ["agency_owner", "agency_admin", "clinic_staff"],
  /** Book, reschedule and cancel: done from the agency calendar. */
  "calendar.write": ["agency_owner", "agency_admin"],
  /** Check a patient in or mark a no-show (and undo it): the front desk, for its own clinics. */
  "appointments.checkin": ["agency_owner", "agency_admin", "clinic_staff"],
  "inventory.read": ["agency_owner", "agency_admin", "clinic_staff"],
  "inventory.use": ["agency_owner", "agency_admin", "clinic_staff"],
  "inventory.manage": ["agency_owner", "agency_admin"],
  /** See, assign, snooze and resolve findings of the "needs a human today" queue; clinic staff only their clinics'. */
  "ops.work": ["agency_owner", "agency_admin", "clinic_staff"],
  /** Run the detectors on demand for the whole agency. */
  "ops.run": ["agency_owner", "agency_admin"],
  /** Ask Sidecar questions over the data the member may see (clinic staff: their clinics). */
  "ask.use": ["agency_owner", "agency_admin", "clinic_staff"],
  /** Set the agency's monthly Ask Sidecar token budget. */
  "ask.manage": ["agency_owner"],
  /** A clinic's medical-oversight rules: director, providers, GFE and consent requirements, consent templates, chart reviews. */
  "oversight.manage": ["agency_owner", "agency_admin"],
  "team.read": ["agency_owner", "agency_admin"],
  "team.manage": ["agency_owner", "agency_admin"],
  "integrations.manage": ["agency_owner"],
  /** See sync health and start a sync by hand. */
  "integrations.sync": ["agency_owner", "agency_admin"],
  "settings.security": ["agency_owner"],
  "audit.read": ["agency_owner"],
  "billing.manage": ["agency_owner"],
  "agency.delete": ["agency_owner"],
} as const satisfies Record<string, readonly AgencyRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Which of our permissions grants each of Better Auth's organization-plugin statements. */
export const BETTER_AUTH_GRANTS = {
  organization: { update: "settings.security", delete: "agency.delete" },
  member: { create: "team.manage", update: "team.manage", delete: "team.manage" },
  invitation: { create: "team.manage", cancel: "team.manage" },
} as const satisfies Record<string, Record<string, Permission>>;

type Statements = { [R in keyof typeof BETTER_AUTH_GRANTS]?: Array<keyof (typeof BETTER_AUTH_GRANTS)[R]> };

/** A role's Better Auth statements, derived from the matrix above. */
export function betterAuthStatements(role: Role): Statements {
  const statements: Record<string, string[]> = {};
  for (const [resource, actions] of Object.entries(BETTER_AUTH_GRANTS)) {
    const granted = Object.entries(actions).filter(([, permission]) => can(role, permission)).map(([action]) => action);
    if (granted.length) statements[resource] = granted;
  }
  return statements as Statements;
}

/** Roles whose members see every clinic of the agency; the others see only assigned clinics. */
export function seesAllClinics(role: Role): boolean {
  return role === "agency_owner" || role === "agency_admin";
}

/** Which roles a member may hand out: owners any agency role, admins only non-owner roles. */
export function assignableRoles(role: Role): AgencyRole[] {
  if (role === "agency_owner") return [...AGENCY_ROLES];
  if (role === "agency_admin") return ["agency_admin", "clinic_staff"];
  return [];
}

export const ROLE_LABELS: Record<Role, string> = {
  platform_admin: "Platform admin",
  agency_owner: "Owner",
  agency_admin: "Admin",
  clinic_staff: "Clinic staff",
};
