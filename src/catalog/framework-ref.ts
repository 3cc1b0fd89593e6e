import { BadUserInputError, NotFoundError } from '../common/errors/domain-error';

/** A framework reference as clients write it: `CODE` (the newest version shipped) or `CODE:VERSION`. */
export interface FrameworkRef {
  code: string;
  version?: string;
}

/** What a framework code and a version look like, shared with the mapping files' JSON Schemas. */
export const FRAMEWORK_CODE = '[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*';
export const FRAMEWORK_VERSION = '[0-9A-Za-z][0-9A-Za-z.-]{0,39}';

const REF = new RegExp(`^(${FRAMEWORK_CODE})(?::(${FRAMEWORK_VERSION}))?$`);

export function parseFrameworkRef(value: string, field: string): FrameworkRef {
  const match = value.length <= 90 ? REF.exec(value.trim()) : null;
  if (!match) {
    throw new BadUserInputError(
      field,
      `"${value.slice(0, 90)}" is not a framework reference; write CODE or CODE:VERSION, e.g. ISO27001 or ISO27001:2022`,
    );
  }
  return { code: match[1], version: match[2] };
}

/** Orders versions so that "2025" > "2019" and "1.10" > "1.9". */
export function compareVersions(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** `CODE` → the newest version among `frameworks`; `CODE:VERSION` → that version; null when there is none. */
export function findFrameworkVersion<F extends { code: string; version: string }>(frameworks: F[], ref: string, field: string): F | null {
  const { code, version } = parseFrameworkRef(ref, field);
  const candidates = frameworks.filter((f) => f.code === code);
  if (version !== undefined) return candidates.find((f) => f.version === version) ?? null;
  return [...candidates].sort((a, b) => compareVersions(b.version, a.version))[0] ?? null;
}

/** Like findFrameworkVersion, but a reference to nothing is NOT_FOUND, naming what exists. */
export function resolveFrameworkVersion<F extends { code: string; version: string }>(frameworks: F[], ref: string, field: string): F {
  const framework = findFrameworkVersion(frameworks, ref, field);
  if (framework) return framework;
  const known = frameworks.map((f) => `${f.code}:${f.version}`).join(', ');
  throw new NotFoundError(field, `no framework "${ref}" in the catalog; known: ${known || 'none (is the catalog loaded?)'}`);
}
