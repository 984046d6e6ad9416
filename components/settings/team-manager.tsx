"use client";

import { useState } from "react";
import { MailPlus, RotateCw, Trash2, X } from "lucide-react";
import { changeMemberRoleAction } from "@/actions/team/change-member-role";
import { inviteMemberAction } from "@/actions/team/invite-member";
import { removeMemberAction } from "@/actions/team/remove-member";
import { resendInvitationAction } from "@/actions/team/resend-invitation";
import { revokeInvitationAction } from "@/actions/team/revoke-invitation";
import { ROLE_LABELS, type AgencyRole } from "@/lib/auth/permissions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ConfirmButton } from "@/components/shared/confirm-button";
import { FormError, FormField } from "@/components/shared/form-field";
import { useAction } from "@/components/shared/use-action";

interface Clinic {
  id: string;
  name: string;
}
interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: AgencyRole;
  clinicIds: string[];
  isSelf: boolean;
}
interface InvitationRow {
  id: string;
  email: string;
  role: AgencyRole;
  expiresAt: string;
  locationIds: string[];
}

function ClinicPicker({ clinics, value, onChange, error, legend }: { clinics: Clinic[]; value: string[]; onChange: (ids: string[]) => void; error?: string; legend: string }) {
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? `${legend}-error` : undefined}>
      <legend className="mb-1 text-sm font-medium">{legend}</legend>
      {clinics.length === 0 && <p className="text-sm text-muted-foreground">This agency has no clinics yet.</p>}
      {clinics.map((clinic) => (
        <label key={clinic.id} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            className="size-4 accent-[var(--primary)]"
            checked={value.includes(clinic.id)}
            onChange={(e) => onChange(e.target.checked ? [...value, clinic.id] : value.filter((id) => id !== clinic.id))}
          />
          {clinic.name}
        </label>
      ))}
      {error && (
        <p id={`${legend}-error`} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}

function InviteForm({ slug, assignable, clinics }: { slug: string; assignable: AgencyRole[]; clinics: Clinic[] }) {
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<AgencyRole>(assignable.includes("clinic_staff") ? "clinic_staff" : assignable[0]!);
  const [locationIds, setLocationIds] = useState<string[]>([]);
  const [sentTo, setSentTo] = useState<string>();
  const invite = useAction((input: Parameters<typeof inviteMemberAction>[1]) => inviteMemberAction(slug, input), {
    onSuccess: (data) => {
      setSentTo(data.email);
      setEmail("");
      setLocationIds([]);
    },
  });
  return (
    <form
      noValidate
      aria-label="Invite someone"
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        setSentTo(undefined);
        void invite.run({ email, role, locationIds: role === "clinic_staff" ? locationIds : [] });
      }}
    >
      <div className="grid gap-4 sm:grid-cols-[1fr_200px]">
        <FormField id="invite-email" label="Email" error={invite.fieldError("email")}>
          <Input type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} placeholder="name@clinic.com" />
        </FormField>
        <FormField id="invite-role" label="Role" error={invite.fieldError("role")}>
          <NativeSelect value={role} onChange={(e) => setRole(e.target.value as AgencyRole)}>
            {assignable.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      {role === "clinic_staff" && (
        <ClinicPicker legend="Clinics they can see" clinics={clinics} value={locationIds} onChange={setLocationIds} error={invite.fieldError("locationIds")} />
      )}
      <FormError message={invite.formErrorBeside(["email", "role", "locationIds"])} />
      {sentTo && (
        <p role="status" className="text-sm text-success">
          Invitation sent to {sentTo}.
        </p>
      )}
      <div>
        <Button type="submit" disabled={invite.pending}>
          <MailPlus aria-hidden="true" /> {invite.pending ? "Sending…" : "Send invitation"}
        </Button>
      </div>
    </form>
  );
}

function MemberRoleEditor({ slug, member, assignable, clinics }: { slug: string; member: MemberRow; assignable: AgencyRole[]; clinics: Clinic[] }) {
  const [role, setRole] = useState<AgencyRole>(member.role);
  const [locationIds, setLocationIds] = useState(member.clinicIds);
  const [editingClinics, setEditingClinics] = useState(false);
  const change = useAction((input: Parameters<typeof changeMemberRoleAction>[1]) => changeMemberRoleAction(slug, input), {
    onSuccess: () => setEditingClinics(false),
  });
  const options = assignable.includes(member.role) ? assignable : [member.role, ...assignable];
  const dirty = role !== member.role || (role === "clinic_staff" && [...locationIds].sort().join() !== [...member.clinicIds].sort().join());
  return (
    <div className="flex flex-col gap-2">
      <NativeSelect aria-label={`Role of ${member.name}`} value={role} onChange={(e) => setRole(e.target.value as AgencyRole)} className="h-9 max-w-44">
        {options.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </NativeSelect>
      {role === "clinic_staff" && (editingClinics || role !== member.role) ? (
        <ClinicPicker legend={`Clinics of ${member.name}`} clinics={clinics} value={locationIds} onChange={setLocationIds} error={change.fieldError("locationIds")} />
      ) : (
        role === "clinic_staff" && (
          <button type="button" className="self-start text-xs text-primary hover:underline" onClick={() => setEditingClinics(true)}>
            Edit clinics
          </button>
        )
      )}
      {dirty && (
        <Button size="sm" variant="secondary" disabled={change.pending} onClick={() => void change.run({ memberId: member.id, role, locationIds: role === "clinic_staff" ? locationIds : [] })}>
          {change.pending ? "Saving…" : "Save"}
        </Button>
      )}
      <FormError message={change.formError} />
    </div>
  );
}

export function TeamManager(props: {
  slug: string;
  currentRole: AgencyRole;
  canManage: boolean;
  assignable: AgencyRole[];
  clinics: Clinic[];
  members: MemberRow[];
  invitations: InvitationRow[];
}) {
  const { slug, canManage, assignable, clinics, members, invitations, currentRole } = props;
  const clinicName = (id: string) => clinics.find((c) => c.id === id)?.name ?? "Unknown clinic";
  const remove = useAction((input: { memberId: string }) => removeMemberAction(slug, input));
  const resend = useAction((input: { invitationId: string }) => resendInvitationAction(slug, input));
  const revoke = useAction((input: { invitationId: string }) => revokeInvitationAction(slug, input));
  const canEdit = (member: MemberRow) => canManage && !member.isSelf && (member.role !== "agency_owner" || currentRole === "agency_owner");

  return (
    <div className="flex flex-col gap-6">
      {canManage && (
        <Card>
          <CardHeader>
            <CardTitle>
              <h2>Invite someone</h2>
            </CardTitle>
            <CardDescription>They get an email with a link that works once and expires in 7 days.</CardDescription>
          </CardHeader>
          <CardContent>
            <InviteForm slug={slug} assignable={assignable} clinics={clinics} />
          </CardContent>
        </Card>
      )}
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Members</h2>
          </CardTitle>
          <CardDescription>{members.length} people can sign in to this agency.</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <FormError message={remove.formError} />
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Person</TableHead>
                <TableHead scope="col">Role</TableHead>
                <TableHead scope="col">Clinics</TableHead>
                {canManage && <TableHead scope="col"><span className="sr-only">Actions</span></TableHead>}
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.map((member) => (
                <TableRow key={member.id}>
                  <TableCell>
                    <div className="font-medium">
                      {member.name} {member.isSelf && <Badge variant="secondary">You</Badge>}
                    </div>
                    <div className="text-xs text-muted-foreground">{member.email}</div>
                  </TableCell>
                  <TableCell>
                    {canEdit(member) ? <MemberRoleEditor slug={slug} member={member} assignable={assignable} clinics={clinics} /> : ROLE_LABELS[member.role]}
                  </TableCell>
                  <TableCell className="text-sm text-muted-foreground">
                    {member.role === "clinic_staff" ? member.clinicIds.map(clinicName).join(", ") || "None" : "All clinics"}
                  </TableCell>
                  {canManage && (
                    <TableCell className="text-right">
                      {canEdit(member) && (
                        <ConfirmButton
                          title={`Remove ${member.name}?`}
                          description={`${member.email} will lose access to this agency at once. You can invite them again later.`}
                          confirmLabel="Remove"
                          onConfirm={() => remove.run({ memberId: member.id })}
                          pending={remove.pending}
                        >
                          <Trash2 aria-hidden="true" /> <span className="sr-only sm:not-sr-only">Remove</span>
                        </ConfirmButton>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>Pending invitations</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="flex flex-col gap-3">
          <FormError message={resend.formError ?? revoke.formError} />
          {resend.result?.ok && <p role="status" className="text-sm text-success">Invitation sent again.</p>}
          {invitations.length === 0 ? (
            <p className="text-sm text-muted-foreground">No pending invitations.</p>
          ) : (
            <ul className="flex flex-col divide-y">
              {invitations.map((invitation) => (
                <li key={invitation.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div>
                    <p className="font-medium">{invitation.email}</p>
                    <p className="text-xs text-muted-foreground">
                      {ROLE_LABELS[invitation.role]}
                      {invitation.role === "clinic_staff" && ` · ${invitation.locationIds.map(clinicName).join(", ")}`} · expires{" "}
                      {new Date(invitation.expiresAt).toLocaleDateString("en-US", { month: "short", day: "numeric" })}
                    </p>
                  </div>
                  {canManage && assignable.includes(invitation.role) && (
                    <div className="flex gap-2">
                      <Button size="sm" variant="outline" disabled={resend.pending} onClick={() => void resend.run({ invitationId: invitation.id })}>
                        <RotateCw aria-hidden="true" /> Resend
                      </Button>
                      <ConfirmButton
                        title={`Withdraw the invitation to ${invitation.email}?`}
                        description="The link in their email will stop working."
                        confirmLabel="Withdraw"
                        onConfirm={() => revoke.run({ invitationId: invitation.id })}
                        pending={revoke.pending}
                      >
                        <X aria-hidden="true" /> Revoke
                      </ConfirmButton>
                    </div>
                  )}
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
