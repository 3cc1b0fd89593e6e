/**
 * How mapping-collection references are matched to requirements: case-insensitively, with runs of whitespace as one
 * space, and tolerant of zero padding in every number (`AC-02` is `AC-2`, `ac-02.03` is `ac-2.3`, `A.05.15` is
 * `A.5.15`). A reference is compared with both a requirement's OSCAL `id` and its label (refId).
 */
export function normalizeControlRef(ref: string): string {
  return ref
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, ''));
}

export interface ResolvableRequirement {
  refId: string;
  /** The OSCAL `id` the requirement was imported with, when it came from an OSCAL catalog. */
  oscalId?: string | null;
}

/**
 * A lookup by OSCAL id or label for one framework's requirements. An exact (case-insensitive) match wins over a
 * normalized one; a normalized key that two requirements share matches neither (it is ambiguous, so unmatched).
 */
export function requirementLookup<R extends ResolvableRequirement>(requirements: Iterable<R>): (ref: string) => R | undefined {
  const exact = new Map<string, R | null>();
  const loose = new Map<string, R | null>();
  const put = (map: Map<string, R | null>, key: string, requirement: R) => {
    const found = map.get(key);
    if (found === undefined) map.set(key, requirement);
    else if (found !== requirement) map.set(key, null);
  };
  for (const requirement of requirements) {
    for (const name of [requirement.refId, requirement.oscalId]) {
      if (!name) continue;
      put(exact, name.trim().toLowerCase(), requirement);
      put(loose, normalizeControlRef(name), requirement);
    }
  }
  return (ref) => exact.get(ref.trim().toLowerCase()) ?? loose.get(normalizeControlRef(ref)) ?? undefined;
}
