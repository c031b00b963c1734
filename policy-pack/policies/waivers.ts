/**
 * Waivers: a written, expiring exception to one policy for named resources. They live in the
 * policy's own config (`{"<policy>": {"waivers": [...]}}`) because a CrossGuard policy can only
 * read its own config — so the same file works with `pulumi preview --policy-pack-config` and
 * with the gate. The waiver is judged inside the policy (not by the CLI's schema validation),
 * so an expired or reason-less waiver becomes a violation in both places instead of a config
 * error in one and a silent pass in the other.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

export interface Waiver {
  /** A Pulumi URN, or a glob (`*`, `?`) over the logical name or the URN. */
  resource: string;
  /** Why the exception is acceptable; at least MIN_REASON_LENGTH characters of real text. */
  reason: string;
  /** Last day (UTC, inclusive) the waiver applies, as YYYY-MM-DD. */
  expires: string;
}

export const MIN_REASON_LENGTH = 20;

/** Placeholders that say nothing to an auditor; a reason made only of them is rejected. */
const PLACEHOLDER_REASON = /^(?:todo|tbd|n\/?a|none|temp(?:orary)?|fix(?:me| later)?|wip|later|ok|waived?|exception|-|\.)+$/i;

export const WAIVERS_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  description: "Written, expiring exceptions: {resource: URN or name glob, reason, expires: YYYY-MM-DD}.",
  items: {
    type: "object",
    properties: {
      resource: { type: "string" },
      reason: { type: "string" },
      expires: { type: "string" },
    },
  },
  default: [],
};

export type WaiverStatus = "active" | "expired" | "invalid";

export interface WaiverVerdict {
  status: WaiverStatus;
  /** Why the waiver does not apply (expired/invalid); empty when active. */
  problem: string;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** End of the expiry day in UTC, or undefined when `expires` is not a real YYYY-MM-DD date. */
export function expiryInstant(expires: unknown): Date | undefined {
  if (typeof expires !== "string") return undefined;
  const match = DATE_PATTERN.exec(expires);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const end = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  // Date.UTC rolls 2026-02-30 over to March; a rolled date was not a real date.
  if (end.getUTCFullYear() !== year || end.getUTCMonth() !== month - 1 || end.getUTCDate() !== day) return undefined;
  return end;
}

export function judgeWaiver(waiver: Partial<Waiver>, now: Date): WaiverVerdict {
  const reason = typeof waiver.reason === "string" ? waiver.reason.trim() : "";
  if (typeof waiver.resource !== "string" || waiver.resource.trim() === "") {
    return { status: "invalid", problem: "names no resource (set `resource` to a URN or a name glob)" };
  }
  if (reason === "") return { status: "invalid", problem: "has no reason (a waiver must say why the exception is acceptable)" };
  if (reason.length < MIN_REASON_LENGTH || PLACEHOLDER_REASON.test(reason.replace(/\s+/g, ""))) {
    return { status: "invalid", problem: `has a trivial reason ${JSON.stringify(reason)} (at least ${MIN_REASON_LENGTH} characters saying why the exception is acceptable)` };
  }
  const end = expiryInstant(waiver.expires);
  if (!end) return { status: "invalid", problem: `has no valid expiry date (set \`expires\` to YYYY-MM-DD; got ${JSON.stringify(waiver.expires ?? null)})` };
  if (now.getTime() > end.getTime()) return { status: "expired", problem: `expired on ${waiver.expires}` };
  return { status: "active", problem: "" };
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`);
}

/** A waiver's `resource` matches the exact URN, or (as a glob) the logical name or the URN. */
export function waiverMatches(pattern: string, resource: { urn: string; name: string }): boolean {
  if (pattern === resource.urn) return true;
  const regex = globToRegExp(pattern);
  return regex.test(resource.name) || regex.test(resource.urn);
}

/** Reads the waivers list from a policy's config, tolerating a missing or malformed list. */
export function waiversFrom(config: { waivers?: unknown }): Partial<Waiver>[] {
  return Array.isArray(config.waivers) ? (config.waivers.filter((w) => typeof w === "object" && w !== null) as Partial<Waiver>[]) : [];
}
