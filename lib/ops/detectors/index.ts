import type { Detector } from "@/lib/ops/findings";
import { doubleBookingDetector } from "@/lib/calcom/double-booking-detector";
import { clinicTrendsDetector } from "@/lib/ops/detectors/clinic-trends";
import { lotDetector, stockDetector } from "@/lib/ops/detectors/inventory";
import { syncHealthDetector } from "@/lib/ops/detectors/sync-health";
import { unconfirmedAppointmentsDetector } from "@/lib/ops/detectors/unconfirmed-appointments";
import { webhookInboxDetector } from "@/lib/ops/detectors/webhook-inbox";
import { unmarkedAppointmentsDetector } from "@/lib/ops/detectors/unmarked-appointments";
import { gfeExpiringDetector } from "@/lib/ops/detectors/gfe-expiring";
import { consentMissingTomorrowDetector } from "@/lib/ops/detectors/consent-missing-tomorrow";
import { chartReviewsDetector } from "@/lib/ops/detectors/chart-reviews";

/** Every detector the queue runs, in no particular order; each feature adds its own here. */
export const DETECTORS: Detector[] = [
  syncHealthDetector,
  webhookInboxDetector,
  unconfirmedAppointmentsDetector(),
  unmarkedAppointmentsDetector,
  stockDetector,
  lotDetector,
  clinicTrendsDetector,
  doubleBookingDetector,
  gfeExpiringDetector,
  consentMissingTomorrowDetector,
  chartReviewsDetector,
];
