/**
 * Text PostgreSQL cannot store faithfully: NUL (refused outright) and unpaired UTF-16 surrogates (refused in jsonb,
 * silently replaced by U+FFFD in text). Inputs carrying them are refused up front, naming where they are.
 */
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnstorableText(value: string): boolean {
  return UNSTORABLE.test(value);
}

/** The path (keys and indexes) of the first string (or key) inside `value` that cannot be stored, or undefined. */
export function findUnstorableText(value: unknown): Array<string | number> | undefined {
  const stack: Array<[unknown, Array<string | number>]> = [[value, []]];
  const seen = new Set<object>(); // YAML aliases share objects: walk each one once
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (hasUnstorableText(current)) return path;
      continue;
    }
    if (current === null || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (Array.isArray(current)) current.forEach((item, i) => stack.push([item, [...path, i]]));
    else {
      for (const [key, item] of Object.entries(current)) {
        if (hasUnstorableText(key)) return path; // the key itself: point at the object that holds it
        stack.push([item, [...path, key]]);
      }
    }
  }
  return undefined;
}

/** `input.title`, `frameworks[1]`: a path as an argument name. */
export function argumentPath(root: string, path: Array<string | number>): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), root);
}
