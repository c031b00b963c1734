/**
 * Lambda runtime deprecation dates (AWS Lambda Developer Guide, "Lambda runtimes": deprecation and block-create dates). A runtime is
 * unacceptable from the earliest of its deprecation date and the date AWS blocks creating
 * functions with it. Config can add or move dates without a pack release.
 */
export interface RuntimeDates {
  /** End of security patches (AWS "deprecation date"). */
  deprecated?: string;
  /** AWS refuses to create functions with the runtime from this date. */
  createBlocked?: string;
}

export const RUNTIME_DEPRECATIONS: Readonly<Record<string, RuntimeDates>> = {
  "nodejs16.x": { deprecated: "2024-06-12" },
  "nodejs18.x": { deprecated: "2025-09-01", createBlocked: "2025-10-01" },
  "nodejs20.x": { createBlocked: "2026-08-31" },
  "nodejs22.x": { deprecated: "2027-04-30" },
  "nodejs24.x": { deprecated: "2028-04-30" },
};

/** The first date (YYYY-MM-DD) the runtime stops being acceptable, or undefined if none known. */
export function retirementDate(runtime: string, extra: Record<string, string> = {}): string | undefined {
  const dates = [RUNTIME_DEPRECATIONS[runtime]?.deprecated, RUNTIME_DEPRECATIONS[runtime]?.createBlocked, extra[runtime]].filter(
    (d): d is string => typeof d === "string",
  );
  return dates.sort()[0];
}
