/**
 * Reads and schema-checks every YAML file under `mappings/frameworks/` and `mappings/crosswalks/`. Errors carry the
 * file, line and JSON path of the offending value. Cross-file rules live in `mapping-files.validator.ts`.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { findUnstorableText } from '../common/validation/clean-text';
import { frameworkFileSchema } from './schema/framework.schema';
import { mappingSetFileSchema } from './schema/mapping-set.schema';
import { qualityPolicySchema } from './schema/quality-policy.schema';
import type { FrameworkDoc, MappingError, MappingFiles, MappingSetDoc, ParsedFile, QualityPolicyDoc } from './mapping-files';

/** Bump when the loader's interpretation of the files changes, so that every database reloads. */
export const LOADER_FORMAT_VERSION = 3;

const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface ReadResult {
  files: MappingFiles;
  errors: MappingError[];
}

// verbose: errors carry the offending value and the schema that refused it, which the messages quote.
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
addFormats(ajv, ['date', 'uri']);
const validateFramework = ajv.compile(frameworkFileSchema) as ValidateFunction<FrameworkDoc>;
const validateMappingSet = ajv.compile(mappingSetFileSchema) as ValidateFunction<MappingSetDoc>;
const validateQualityPolicy = ajv.compile(qualityPolicySchema) as ValidateFunction<QualityPolicyDoc>;

function listYaml(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

const ID_FIELDS = new Set(['id', 'parent', 'source', 'target', 'version']);

/** A one-line reason for an ajv error, naming what would have been accepted (used for the OSCAL documents too). */
export function describeSchemaError(error: ErrorObject): string {
  const field = error.instancePath.split('/').pop() ?? '';
  switch (error.keyword) {
    case 'additionalProperties':
      return `unknown field "${String(error.params.additionalProperty)}"; allowed: ${Object.keys(
        (error.parentSchema as { properties?: object }).properties ?? {},
      ).join(', ')}`;
    case 'enum':
      return `must be one of ${(error.params.allowedValues as unknown[]).join(', ')}`;
    case 'type':
      return ID_FIELDS.has(field) && error.params.type === 'string'
        ? 'must be a string; write identifiers in quotes, e.g. "4.10", or YAML reads them as numbers'
        : `must be ${String(error.params.type)}`;
    case 'required':
      return `missing required field "${String(error.params.missingProperty)}"`;
    case 'pattern':
      return `must match ${String(error.params.pattern)}`;
    default:
      return error.message ?? 'is invalid';
  }
}

function parseFile<T>(root: string, absolute: string, validate: ValidateFunction<T>, errors: MappingError[]) {
  const file = path.relative(root, absolute).split(path.sep).join('/');
  const bytes = fs.readFileSync(absolute);
  if (bytes.length > MAX_FILE_BYTES) {
    errors.push({ file, path: '', message: `file is ${bytes.length} bytes; at most ${MAX_FILE_BYTES} are accepted` });
    return { file, bytes, parsed: undefined };
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(bytes.toString('utf8'), { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      errors.push({ file, line: lineCounter.linePos(error.pos[0]).line, path: '', message: `YAML: ${error.message.split('\n')[0]}` });
    }
    return { file, bytes, parsed: undefined };
  }
  const lineOf = (jsonPath: (string | number)[]): number | undefined => {
    for (let depth = jsonPath.length; depth >= 0; depth -= 1) {
      const node = document.getIn(jsonPath.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  let doc: unknown;
  try {
    doc = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // An alias with no anchor, or an alias bomb: the document parsed, but cannot be expanded.
    errors.push({ file, path: '', message: `YAML: ${(error as Error).message.split('\n')[0]}` });
    return { file, bytes, parsed: undefined };
  }
  const unstorable = findUnstorableText(doc);
  if (unstorable !== undefined) {
    errors.push({ file, line: lineOf(unstorable), path: unstorable.length > 0 ? `/${unstorable.join('/')}` : '', message: 'must not contain NUL characters or unpaired UTF-16 surrogates' });
    return { file, bytes, parsed: undefined };
  }
  if (!validate(doc)) {
    for (const error of validate.errors ?? []) {
      const segments = error.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
      const value = error.keyword === 'required' || error.keyword === 'additionalProperties' ? undefined : error.data;
      errors.push({ file, line: lineOf(segments), path: error.instancePath, message: describeSchemaError(error), value });
    }
    return { file, bytes, parsed: undefined };
  }
  return { file, bytes, parsed: { file, doc, lineOf } satisfies ParsedFile<T> };
}

/** Reads every mapping file under `root`. Files that fail to parse or fail the schema are reported, not returned. */
export function readMappingFiles(root: string): ReadResult {
  const errors: MappingError[] = [];
  const hash = createHash('sha256').update(`crosswalk-mappings-v${LOADER_FORMAT_VERSION}\0`);
  const frameworks: ParsedFile<FrameworkDoc>[] = [];
  const mappingSets: ParsedFile<MappingSetDoc>[] = [];

  if (!fs.existsSync(root)) {
    errors.push({ file: root, path: '', message: 'mappings folder not found; set CROSSWALK_MAPPINGS_DIR' });
  }
  for (const absolute of listYaml(path.join(root, 'frameworks'))) {
    const { file, bytes, parsed } = parseFile(root, absolute, validateFramework, errors);
    hash.update(file).update('\0').update(bytes).update('\0');
    if (parsed) frameworks.push(parsed);
  }
  for (const absolute of listYaml(path.join(root, 'crosswalks'))) {
    const { file, bytes, parsed } = parseFile(root, absolute, validateMappingSet, errors);
    hash.update(file).update('\0').update(bytes).update('\0');
    if (parsed) mappingSets.push(parsed);
  }
  return { files: { frameworks, mappingSets, contentHash: hash.digest('hex') }, errors };
}

/** Reads `quality.yaml`, the catalog's quality bars, when the folder has one. It is not part of the loaded content. */
export function readQualityPolicy(root: string): { policy?: ParsedFile<QualityPolicyDoc>; errors: MappingError[] } {
  const errors: MappingError[] = [];
  const file = path.join(root, 'quality.yaml');
  if (!fs.existsSync(file)) return { errors };
  return { policy: parseFile(root, file, validateQualityPolicy, errors).parsed, errors };
}
