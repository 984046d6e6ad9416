import type { Detector } from "@/lib/ops/findings";
import { doubleBookingDetector } from "@/lib/calcom/double-booking-detector";

/** Every detector the queue runs, in no particular order; each feature adds its own here. */
export const DETECTORS: Detector[] = [doubleBookingDetector];
