import Link from "next/link";
import { SeverityBadge } from "@/components/ops/severity-badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";

/** The clinic's own open findings on its Today tab: nothing of other clinics, no agency-wide links. */
export function ClinicFindings({ findings, suppliesHref }: { findings: Array<{ id: string; kind: string; severity: string; title: string; reason: string }>; suppliesHref: string }) {
  if (findings.length === 0) return null;
  return (
    <Card>
      <CardHeader className="pb-2">
        <CardTitle><h2 id="clinic-findings-heading" className="text-base">Needs attention ({findings.length})</h2></CardTitle>
      </CardHeader>
      <CardContent>
        <ul aria-labelledby="clinic-findings-heading" className="flex flex-col divide-y">
          {findings.map((f) => (
            <li key={f.id} className="flex flex-col gap-1 py-3">
              <div className="flex items-center gap-2">
                <SeverityBadge severity={f.severity} />
                <span className="text-sm font-medium">{f.title}</span>
              </div>
              <p className="text-sm text-muted-foreground">{f.reason}</p>
              {f.kind.startsWith("inventory.") && (
                <Link className="self-start text-sm underline" href={suppliesHref}>Open supplies</Link>
              )}
            </li>
          ))}
        </ul>
      </CardContent>
    </Card>
  );
}
