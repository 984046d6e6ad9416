import Link from "next/link";
import { Phone } from "lucide-react";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { RiskBadge, RiskReasons } from "@/components/noshow/risk-badge";
import { formatPhone } from "@/lib/contacts/phone";
import type { AppointmentRiskView } from "@/lib/noshow/risk";

/** The appointment page's no-show risk: band, probability, the reasons, and which model said so. */
export function AppointmentRiskCard({
  risk,
  unconfirmed,
  phone,
  scoredAt,
  insightsHref,
}: {
  risk: AppointmentRiskView;
  unconfirmed: boolean;
  phone: string | null;
  scoredAt: string;
  insightsHref: string;
}) {
  const callToConfirm = unconfirmed && risk.band !== "low";
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>No-show risk</h2>
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        <div>
          <RiskBadge band={risk.band} score={risk.score} />
        </div>
        {callToConfirm && (
          <p className="flex flex-wrap items-center gap-2 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
            <Phone aria-hidden="true" className="size-4" />
            <span>
              Call to confirm
              {phone && (
                <>
                  :{" "}
                  <a className="font-medium underline" href={`tel:${phone}`}>
                    {formatPhone(phone) ?? phone}
                  </a>
                </>
              )}
            </span>
          </p>
        )}
        <RiskReasons reasons={risk.reasons} />
        <p className="text-xs text-muted-foreground">
          {risk.prior ? "Scored by the prior model (too little history yet to fit this agency's own)" : "Scored by this agency's own model"} ({risk.modelVersion}) at {scoredAt}.{" "}
          <Link className="underline" href={insightsHref}>
            How accurate is it?
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
