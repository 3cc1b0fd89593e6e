/**
 * Checks an OSCAL document against the JSON Schema of its kind (src/oscal/schemas/, derived from NIST's metaschema at
 * v1.2.2), after guards that keep a hostile document from costing more than it should: nesting depth and value count
 * are measured iteratively before ajv (whose generated validators recurse) sees the document, and text PostgreSQL
 * cannot store (NUL, lone surrogates; the rule of common/validation/clean-text.ts) is refused in the same pass. The answer names the JSON path of the first problem.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { hasUnstorableText } from '../common/validation/clean-text';
import { describeSchemaError } from '../mappings/mapping-files.reader';
import { jsonPath, OscalDocumentError, type OscalProblem } from './oscal-error';
import catalogSchema from './schemas/oscal-catalog.schema.json';
import commonSchema from './schemas/oscal-common.schema.json';
import mappingSchema from './schemas/oscal-mapping.schema.json';

export const OSCAL_KINDS = ['catalog', 'mapping-collection'] as const;
export type OscalKind = (typeof OSCAL_KINDS)[number];

/**
 * Deepest nesting of arrays and objects accepted. The SP 800-53 rev5 catalog nests 17 deep; 128 leaves room for
 * deeply grouped catalogs while keeping ajv's recursive validators far from the stack limit.
 */
export const MAX_OSCAL_DEPTH = 128;
/** Most values (objects, arrays, strings, numbers, …) in one document: a 25 MB body holds at most a few million. */
export const MAX_OSCAL_VALUES = 4_000_000;

// Same setup as the mappings/ files (mapping-files.reader.ts): strict schemas, verbose errors for the messages.
// allErrors is off: a hostile document with a million bad values costs one error, not a million.
const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true, verbose: true });
addFormats(ajv, ['date-time', 'uri', 'uri-reference']);
ajv.addSchema(commonSchema);
const validators: Record<OscalKind, ValidateFunction> = {
  catalog: ajv.compile(catalogSchema),
  'mapping-collection': ajv.compile(mappingSchema),
};

type Culprit = 'deep' | 'unstorable';

/**
 * The first value of `doc` nested deeper than `maxDepth`, or holding text PostgreSQL cannot store, or past the
 * `maxValues`-th value. Iterative; the first pass keeps only depths (the path copies of findUnstorableText cost a
 * second per 100,000 maps), and only a refused document pays for a second pass that spells out the path.
 */
function scan(doc: unknown, maxDepth: number, maxValues: number): OscalProblem | undefined {
  const entries = (value: object): Array<[string | number, unknown]> =>
    Array.isArray(value) ? value.map((item, i): [number, unknown] => [i, item]) : Object.entries(value);
  const culpritOf = (value: unknown, depth: number): Culprit | undefined => {
    if (typeof value === 'string') return hasUnstorableText(value) ? 'unstorable' : undefined;
    return value !== null && typeof value === 'object' && depth >= maxDepth ? 'deep' : undefined;
  };
  const stack: Array<[unknown, number]> = [[doc, 0]];
  let values = 0;
  let found: Culprit | undefined;
  while (stack.length > 0 && found === undefined) {
    const [value, depth] = stack.pop()!;
    values += 1;
    if (values > maxValues) return { path: '$', message: `document holds more than ${maxValues} values; split it` };
    found = culpritOf(value, depth);
    if (found || value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i -= 1) stack.push([value[i], depth + 1]);
    else {
      for (const key in value) {
        if (hasUnstorableText(key)) found = 'unstorable';
        stack.push([(value as Record<string, unknown>)[key], depth + 1]);
      }
    }
  }
  if (found === undefined) return undefined;
  const withPaths: Array<[unknown, Array<string | number>]> = [[doc, []]];
  while (withPaths.length > 0) {
    const [value, path] = withPaths.pop()!;
    const culprit = culpritOf(value, path.length);
    if (culprit === 'deep') return { path: jsonPath(path), message: `nests deeper than ${maxDepth} levels; at most ${maxDepth} are accepted (deeply nested groups?)` };
    if (culprit === 'unstorable') return { path: jsonPath(path), message: 'must not contain NUL characters or unpaired UTF-16 surrogates' };
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of entries(value).reverse()) {
      if (typeof key === 'string' && hasUnstorableText(key)) return { path: jsonPath(path), message: 'has a key with NUL characters or unpaired UTF-16 surrogates' };
      withPaths.push([child, [...path, key]]);
    }
  }
  return undefined;
}

function segmentsOf(instancePath: string): Array<string | number> {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export interface OscalValidation {
  ok: boolean;
  /** Empty when ok; else the first problem found (schema checks stop at the first). */
  problems: OscalProblem[];
}

/** Checks `doc` (parsed JSON) as an OSCAL document of `kind`. Never throws. */
export function validateOscal(kind: OscalKind, doc: unknown, limits: { maxDepth?: number; maxValues?: number } = {}): OscalValidation {
  const validate = validators[kind];
  if (!validate) return { ok: false, problems: [{ path: '$', message: `unknown OSCAL document kind; one of ${OSCAL_KINDS.join(', ')}` }] };
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, problems: [{ path: '$', message: `must be a JSON object with the single key "${kind}"` }] };
  }
  const refused = scan(doc, limits.maxDepth ?? MAX_OSCAL_DEPTH, limits.maxValues ?? MAX_OSCAL_VALUES);
  if (refused) return { ok: false, problems: [refused] };
  if (validate(doc)) return { ok: true, problems: [] };
  const problems = (validate.errors ?? [])
    .filter((error) => error.keyword !== 'if')
    .map((error) => ({ path: jsonPath(segmentsOf(error.instancePath)), message: describeSchemaError(error) }));
  return { ok: false, problems: problems.length > 0 ? problems : [{ path: '$', message: 'does not match the OSCAL schema' }] };
}

/** validateOscal, throwing OscalDocumentError (BAD_USER_INPUT, with the path) when the document is refused. */
export function assertValidOscal(kind: OscalKind, doc: unknown): void {
  const result = validateOscal(kind, doc);
  if (!result.ok) throw new OscalDocumentError(result.problems);
}
