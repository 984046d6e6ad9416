import type { Detector } from "@/lib/ops/findings";

/** Every detector the queue runs, in no particular order; each feature adds its own here. */
export const DETECTORS: Detector[] = [];
