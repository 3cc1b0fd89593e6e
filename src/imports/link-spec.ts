/**
 * Reads one entry of an import row's `links`: `FRAMEWORK:refId`, optionally `=FULL` or `=PARTIAL` (either case; FULL
 * when left out). FRAMEWORK is a framework reference as everywhere else (`ISO27001` for the newest version shipped,
 * `ISO27001:2022` for that one), so `ISO27001:2022:A.5.15` names version 2022 when the catalog has it, and
 * `ISO27001:A.5.15` the newest. Pure: the catalog comes in as LinkCatalog.
 */
import { LINK_COVERAGES, type LinkCoverage } from '../controls/control-status';
import { FRAMEWORK_CODE, findFrameworkVersion } from '../catalog/framework-ref';

export interface LinkCatalog {
  frameworks: ReadonlyArray<{ id: string; code: string; version: string }>;
  requirementByRef(frameworkId: string, refId: string): { id: string } | null;
  /** A framework's refIds in document order, for naming what exists. */
  refIds(frameworkId: string): readonly string[];
}

export type LinkSpec =
  | { ok: true; requirementId: string; framework: string; refId: string; coverage: LinkCoverage }
  | { ok: false; reason: string };

const CODE = new RegExp(`^${FRAMEWORK_CODE}$`);
const EXAMPLE = 'write FRAMEWORK:refId or FRAMEWORK:refId=PARTIAL, e.g. ISO27001:A.5.15 or SOC2:CC6.1=PARTIAL';

export function parseLinkSpec(text: string, catalog: LinkCatalog): LinkSpec {
  const spec = text.trim();
  let body = spec;
  let coverage: LinkCoverage = 'FULL';
  const equals = spec.lastIndexOf('=');
  if (equals >= 0) {
    const suffix = spec.slice(equals + 1).trim().toUpperCase();
    if (!(LINK_COVERAGES as readonly string[]).includes(suffix)) {
      return { ok: false, reason: `the coverage after "=" must be FULL or PARTIAL, not "${spec.slice(equals + 1).trim()}"; ${EXAMPLE}` };
    }
    coverage = suffix as LinkCoverage;
    body = spec.slice(0, equals).trim();
  }
  const colon = body.indexOf(':');
  if (colon <= 0 || colon === body.length - 1) return { ok: false, reason: `not a link; ${EXAMPLE}` };
  const code = body.slice(0, colon).trim();
  if (!CODE.test(code)) return { ok: false, reason: `"${code}" is not a framework code; ${EXAMPLE}` };
  const rest = body.slice(colon + 1);
  // CODE:VERSION:refId when the catalog has that version; otherwise CODE:refId, the newest version.
  const second = rest.indexOf(':');
  let framework = second > 0 ? findVersion(catalog, `${code}:${rest.slice(0, second).trim()}`) : null;
  const refId = framework ? rest.slice(second + 1).trim() : rest.trim();
  framework ??= findVersion(catalog, code);
  if (!framework) {
    const known = [...new Set(catalog.frameworks.map((f) => f.code))].join(', ');
    return { ok: false, reason: `no framework "${code}" in the catalog; known: ${known || 'none'}` };
  }
  const name = `${framework.code}:${framework.version}`;
  if (refId === '') return { ok: false, reason: `no requirement given after ${name}; ${EXAMPLE}` };
  const requirement = catalog.requirementByRef(framework.id, refId);
  if (!requirement) return { ok: false, reason: `${name} has no requirement "${refId}"; ${whatExists(catalog.refIds(framework.id), refId)}` };
  return { ok: true, requirementId: requirement.id, framework: name, refId, coverage };
}

type Found = { id: string; code: string; version: string } | null;
/** Framework references already resolved, per catalog: a file names the same few thousands of times. */
const resolved = new WeakMap<LinkCatalog, Map<string, Found>>();

function findVersion(catalog: LinkCatalog, ref: string): Found {
  let known = resolved.get(catalog);
  if (!known) resolved.set(catalog, (known = new Map()));
  if (known.has(ref)) return known.get(ref)!;
  let found: Found;
  try {
    found = findFrameworkVersion([...catalog.frameworks], ref, 'links');
  } catch {
    found = null; // not a well-formed reference: not a version, so the caller reads it as part of the refId
  }
  if (known.size < 10_000) known.set(ref, found);
  return found;
}

/** A short hint at what the framework has: the same refId in other case or spacing, its siblings, or its range. */
export function whatExists(refIds: readonly string[], refId: string): string {
  const loose = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const same = refIds.find((r) => loose(r) === loose(refId));
  if (same) return `did you mean "${same}"? (refIds are matched exactly)`;
  const cut = refId.lastIndexOf('.');
  const siblings = cut > 0 ? refIds.filter((r) => r.startsWith(refId.slice(0, cut + 1))) : [];
  if (siblings.length > 0) return `under ${refId.slice(0, cut)} it has ${listed(siblings)}`;
  if (refIds.length === 0) return 'it has no requirements';
  return `it has ${refIds.length} requirements, from ${refIds[0]} to ${refIds[refIds.length - 1]}`;
}

function listed(refIds: readonly string[]): string {
  return refIds.length <= 6 ? refIds.join(', ') : `${refIds.slice(0, 3).join(', ')} … ${refIds[refIds.length - 1]} (${refIds.length})`;
}
