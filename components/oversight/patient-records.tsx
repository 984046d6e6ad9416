import { FileText } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ConsentForm, GfeForm } from "@/components/oversight/patient-records-forms";

export interface PatientRecordsProps {
  slug: string;
  locationId: string;
  contactId: string;
  today: string;
  canWrite: boolean;
  gfes: Array<{ id: string; provider: string; examinedOn: string; expiresOn: string; href: string | null }>;
  consents: Array<{ id: string; label: string; signedOn: string; witness: string | null; current: boolean | null; href: string | null }>;
  photoConsent: { signedOn: string; href: string | null } | null;
  templates: Array<{ key: string; title: string; version: number }>;
  services: Array<{ ghlCalendarId: string; name: string }>;
}

function FileLink({ href, label }: { href: string | null; label: string }) {
  if (!href) return null;
  return (
    <a href={href} className="inline-flex items-center gap-1 text-sm underline underline-offset-2" target="_blank" rel="noreferrer">
      <FileText aria-hidden="true" className="size-3.5" /> {label}
    </a>
  );
}

/** The patient's good-faith exams, signed consents and photo consent, with forms to add them. */
export function PatientRecords(props: PatientRecordsProps) {
  const { gfes, consents, photoConsent, today } = props;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>Medical paperwork</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-6 md:grid-cols-2">
        <section aria-labelledby="gfe-heading" className="flex flex-col gap-3">
          <h3 id="gfe-heading" className="font-medium">
            Good-faith exams
          </h3>
          {gfes.length === 0 ? (
            <p className="text-sm text-muted-foreground">No good-faith exam on file.</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {gfes.map((g) => (
                <li key={g.id} className="flex flex-col gap-1 rounded-md border p-3 text-sm">
                  <span>
                    {g.provider} · examined {g.examinedOn} · valid through {g.expiresOn}{" "}
                    {g.expiresOn < today ? <Badge variant="destructive">Expired</Badge> : <Badge variant="success">Valid</Badge>}
                  </span>
                  <FileLink href={g.href} label="Exam document" />
                </li>
              ))}
            </ul>
          )}
          {props.canWrite && <GfeForm slug={props.slug} locationId={props.locationId} contactId={props.contactId} today={today} services={props.services} />}
        </section>
        <section aria-labelledby="consent-heading" className="flex flex-col gap-3">
          <h3 id="consent-heading" className="font-medium">
            Consents
          </h3>
          <p className="text-sm">
            Photo consent: {photoConsent ? <>signed {photoConsent.signedOn} <FileLink href={photoConsent.href} label="Signed form" /></> : <span className="text-muted-foreground">not signed</span>}
          </p>
          {consents.length === 0 ? (
            <p className="text-sm text-muted-foreground">No treatment consent signed.</p>
          ) : (
            <ul className="flex flex-col gap-2">
              {consents.map((c) => (
                <li key={c.id} className="flex flex-col gap-1 rounded-md border p-3 text-sm">
                  <span>
                    {c.label} · signed {c.signedOn}
                    {c.witness ? ` · witness ${c.witness}` : ""} {c.current === false && <Badge variant="destructive">Earlier version</Badge>}
                  </span>
                  <FileLink href={c.href} label="Signed form" />
                </li>
              ))}
            </ul>
          )}
          {props.canWrite && <ConsentForm slug={props.slug} locationId={props.locationId} contactId={props.contactId} today={today} templates={props.templates} />}
        </section>
      </CardContent>
    </Card>
  );
}
