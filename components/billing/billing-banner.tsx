import Link from "next/link";
import { Alert, AlertDescription } from "@/components/ui/alert";
import type { Entitlement } from "@/lib/billing/entitlements";

const day = (d: Date) => d.toLocaleDateString("en-US", { month: "long", day: "numeric", timeZone: "UTC" });

/**
 * The subscription's state above every agency and clinic page when it needs someone: read-only
 * (everyone, with the way back for owners), a failed payment during the grace period and a
 * trial's last days (owners).
 */
export function BillingBanner({ entitlement, billingHref, isOwner }: { entitlement: Entitlement; billingHref: string; isOwner: boolean }) {
  const link = isOwner ? (
    <Link href={billingHref} className="font-medium underline">
      Open billing
    </Link>
  ) : null;
  if (entitlement.access === "read_only") {
    return (
      <Alert variant="destructive" className="mb-4">
        <AlertDescription>
          <p>
            <strong>Read-only:</strong> {entitlement.reason}. Everything can still be viewed and exported; changes are paused
            {isOwner ? " until billing is restored. " : ". An owner can restore access in Settings → Billing."}
            {link}
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  if (!isOwner) return null;
  if (entitlement.state === "past_due" && entitlement.graceEndsAt) {
    return (
      <Alert variant="destructive" className="mb-4">
        <AlertDescription>
          <p>
            <strong>Payment failed.</strong> Update the card by {day(entitlement.graceEndsAt)} to keep full access. {link}
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  if (entitlement.state === "trialing" && entitlement.trialDaysLeft !== null && entitlement.trialDaysLeft <= 3) {
    return (
      <Alert variant="info" className="mb-4">
        <AlertDescription>
          <p>
            The free trial ends in {entitlement.trialDaysLeft === 1 ? "1 day" : `${entitlement.trialDaysLeft} days`}. {entitlement.subscribed ? "Add a card" : "Choose a plan"} to keep full access. {link}
          </p>
        </AlertDescription>
      </Alert>
    );
  }
  return null;
}
