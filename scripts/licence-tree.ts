/**
 * The licences of what ships: the production dependency tree of the program (root
 * `dependencies`) and of the policy pack (policy-pack `dependencies`), read from
 * package-lock.json and following npm's node_modules resolution, never devDependencies.
 * Copyleft licences are refused there: the AGPL IAM evaluator, for one, may only be a
 * devDependency used by tests and tools.
 */

export interface LockPackage {
  name?: string;
  version?: string;
  license?: string;
  dev?: boolean;
  link?: boolean;
  resolved?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface Lockfile {
  packages: Record<string, LockPackage>;
}

/** SPDX identifiers of copyleft licences (strong, weak and network): any of them in a shipped tree fails. */
export const COPYLEFT = /^(A?GPL|LGPL|SSPL|EUPL|OSL|CPAL|MPL|EPL|CDDL|CC-BY-SA)(-|$)/i;

/** Where npm finds `dependency` for the package installed at `from` (nearest node_modules upwards). */
export function resolveInstallPath(lock: Lockfile, from: string, dependency: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ""}node_modules/${dependency}`;
    if (lock.packages[candidate]) return candidate;
    if (!base) return undefined;
    const cut = base.lastIndexOf("/node_modules/");
    base = cut >= 0 ? base.slice(0, cut) : "";
  }
}

/** Install paths of every package the given roots need at run time. */
export function productionTree(lock: Lockfile, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...roots];
  while (queue.length > 0) {
    let at = queue.shift() as string;
    const entry = lock.packages[at];
    if (!entry) continue;
    if (entry.link && entry.resolved !== undefined) at = entry.resolved;
    if (seen.has(at)) continue;
    seen.add(at);
    const pkg = lock.packages[at] ?? entry;
    for (const dependency of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies })) {
      const installed = resolveInstallPath(lock, at, dependency);
      if (installed) queue.push(installed);
    }
  }
  return seen;
}

/** True when an SPDX expression leaves a non-copyleft choice (`MIT OR GPL-3.0` does; `MIT AND GPL-3.0` does not). */
export function isCopyleft(expression: string): boolean {
  const alternatives = expression.replace(/[()]/g, " ").split(/\s+OR\s+/i);
  return alternatives.every((alternative) => alternative.split(/\s+AND\s+/i).some((licence) => COPYLEFT.test(licence.trim())));
}

export interface LicenceFinding {
  path: string;
  license: string;
}

/** Shipped packages whose licence is copyleft or not declared. */
export function licenceFindings(lock: Lockfile): LicenceFinding[] {
  const findings: LicenceFinding[] = [];
  for (const path of productionTree(lock, ["", "policy-pack"])) {
    if (path === "" || path === "policy-pack") continue;
    const license = lock.packages[path]?.license;
    if (!license || isCopyleft(license)) findings.push({ path, license: license ?? "(none declared)" });
  }
  return findings;
}
