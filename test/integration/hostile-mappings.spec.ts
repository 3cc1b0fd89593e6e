/**
 * Hostile mapping folders change nothing (issue 5, item 4, for the loader): at least 1,000 generated folders of
 * framework and crosswalk YAML files, thrown at loadCatalog on one database.
 *
 * Each folder starts from a generated catalog that is often valid, then gets up to three structural mutations
 * (wrong types, huge strings, unicode edge cases, SQL fragments, unknown and missing fields, duplicate ids and codes,
 * dangling parents and edge ends, cycles, self-edges, duplicate edges, bad strengths, odd dates) and, per file,
 * perhaps a textual one (YAML syntax errors, truncation, a BOM, duplicate keys, several documents, deep nesting,
 * anchors and aliases, a small alias bomb). Files are written as block YAML or as JSON (which is YAML too, and carries
 * escapes such as \u0000 and lone surrogates verbatim).
 *
 * Properties, for every folder:
 *   - loadCatalog either loads it, or throws MappingValidationError, never anything else;
 *   - a MappingValidationError is precise: every error names a file that was written (or the folder itself, when
 *     there are no framework files), a JSON path that exists in that file (or '' for the whole file), a line within
 *     the file when it gives one, and a message;
 *   - after every rejected load (whatever was thrown), the catalog tables' checksum is unchanged. The checksum
 *     before a load is the one after the previous load; this file is the only writer of its database.
 *
 * Folders tried, loaded and rejected are counted and printed at the end. HOSTILE_SURVEY=1 runs every folder instead
 * of stopping (and shrinking) at the first failure, and lists them all; HOSTILE_NUM_RUNS changes the number (1,000).
 * The database holds no tenant data, so CatalogInUseError (a legitimate refusal of its own) cannot occur here.
 *
 * Known failures: see KNOWN below, the shrunk counterexamples, tried first on every run. In each of them the loader
 * throws a QueryFailedError or a ReferenceError instead of MappingValidationError (the transaction still rolls back:
 * the checksum never changed).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import 'reflect-metadata';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { parseDocument, stringify as yamlStringify } from 'yaml';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { loadCatalog, MappingValidationError } from '../../src/mappings/catalog-loader';
import { createTestDatabase, tableChecksum, type TestDatabase } from '../support/database';

// A fixed seed keeps CI reproducible; HOSTILE_SEED explores others.
fc.configureGlobal({ seed: Number(process.env.HOSTILE_SEED ?? 20261128) });

const NUM_RUNS = Number(process.env.HOSTILE_NUM_RUNS ?? 1000);
const SURVEY = process.env.HOSTILE_SURVEY === '1';
const CATALOG_TABLES = ['framework', 'requirement', 'mapping_set', 'crosswalk_edge', 'catalog_state'];

// ---------------------------------------------------------------------------------------------------------------
// Hostile values.

const UNICODE_EDGES = [
  '\u0000', 'A\u0000B', '\u202E', '\u202Egnp.exe', '\u200F', '\u200D', '\u200B', '\uFEFF', '\u0301', 'e\u0301', 'Z\u0351\u0352\u0353',
  '\uD800', '\uDBFF', '\uDC00', '\uDC00\uD800', '\uD83D\uDE00', '\u{1F469}\u200D\u{1F469}\u200D\u{1F467}', '\r\n', '\t', '\u2028', '\u0085',
  '\u00A0', '\u3000', '\u0130', '\u007F', '\u001B[31m', '\uFFFE', '\uFFFF', '\u{10FFFF}', '\u0663', '\u{E0041}',
];
const INJECTIONS = [
  "'; DROP TABLE requirement; --", "' OR '1'='1", "1); DELETE FROM framework; --", '$1', '$$', '\\', '%', '_', "E'\\x00'", '/*', '--', 'NULL',
  '<script>alert(1)</script>', '{{7*7}}', '${7*7}', '__proto__', 'constructor', '../../../../etc/passwd', '%s%n', '\\u0000',
  '*alias', '&anchor', '!!binary', '<<', ': ', ' #', '- ', '{', '[', '"', "'", '|', '>', '? ', '---', '...', '@', '`', '%YAML',
];
const NUMBERISH = ['NaN', '.nan', '.inf', '-.inf', '1e309', '-0', '0x10', '0o17', '2147483648', '9007199254740993', '1.5', '0', '-1', '', ' ', '~', 'null', 'true', 'no', 'y'];
const EDGE_NUMBERS = [2 ** 31, -(2 ** 31) - 1, 2 ** 15, -1, 0, 11, 1.5, -0, 1e308, 2 ** 53 + 2];

const fragment = fc.oneof(
  fc.constantFrom(...UNICODE_EDGES),
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...NUMBERISH),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.string({ maxLength: 10 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 5 }),
);
const huge = fc
  .tuple(fc.constantFrom('a', ' ', 'é', '\u{1F600}', '\u0000', '\uD800', "';--", '\u202E', 'x: y\n'), fc.integer({ min: 1, max: 50_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length));
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fragment },
  { weight: 3, arbitrary: fc.array(fragment, { minLength: 2, maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: huge },
);
/** Hostile text within a field's length limit (in code points, as the JSON Schema counts): it passes the schema. */
const hostileText = (maxLength: number) => hostileString.map((s) => [...s].slice(0, maxLength).join('')).filter((s) => s.length > 0);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: fc.oneof(fc.constantFrom(...EDGE_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })) },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}) },
  { weight: 1, arbitrary: fc.array(fc.oneof(hostileString, fc.integer()), { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('id', 'title', 'code', '__proto__', 'x'), fc.oneof(hostileString, fc.integer()), { maxKeys: 2 }) },
);

// ---------------------------------------------------------------------------------------------------------------
// A generated catalog, often valid.

const text = (maxLength: number) =>
  fc.oneof({ weight: 4, arbitrary: fc.lorem({ maxCount: 4 }) }, { weight: 2, arbitrary: hostileText(maxLength) }, { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }) });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const REQ_IDS = ['1', '1.1', '1.2', '2', '2.1', 'A.1', 'A.2', 'CC1.1', 'GOVERN 1.1', '4.1', 'X'];
const RELATIONSHIPS = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH', 'NOT_RELATED'] as const;

const requirementSpec = fc.record({
  id: fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...REQ_IDS) }, { weight: 1, arbitrary: hostileText(80) }),
  parentPick: optional(fc.nat()),
  title: text(500),
  kind: fc.constantFrom('clause', 'control', 'criterion', 'sub-category'),
  assessable: optional(fc.boolean()),
  hsClause: optional(fc.constantFrom('4.1', '9.2.2', '10')),
  text: optional(text(20_000)),
  note: optional(text(2000)),
});

const frameworkSpec = fc.record({
  code: fc.constantFrom('FA', 'FB', 'FC', 'ISO27001', 'NIST-AI-RMF'),
  version: fc.constantFrom('1', '2', '2022'),
  name: text(300),
  publisher: text(200),
  kind: fc.constantFrom('MANAGEMENT_SYSTEM_STANDARD', 'ATTESTATION_CRITERIA', 'RISK_FRAMEWORK', 'CONTROL_CATALOG'),
  description: optional(text(4000)),
  licence: text(1000),
  sources: fc.array(fc.record({ title: text(500), url: optional(fc.webUrl()), note: optional(text(2000)) }, { requiredKeys: ['title'] }), { minLength: 1, maxLength: 2 }),
  requirements: fc.uniqueArray(requirementSpec, { minLength: 1, maxLength: 6, selector: (r) => r.id }),
});

const edgeSpec = fc.record({
  sourcePick: fc.nat(),
  targetPick: fc.nat(),
  relationship: fc.constantFrom(...RELATIONSHIPS),
  strength: fc.integer({ min: 1, max: 9 }),
  rationale: fc.constantFrom('SYNTACTIC', 'SEMANTIC', 'FUNCTIONAL'),
  note: optional(text(4000)),
});

const crosswalkSpec = fc.record({
  id: fc.constantFrom('s1', 's2', 'fa-1__fb-1', 'x.y_z-0'),
  name: text(300),
  description: optional(text(8000)),
  sourcePick: fc.nat(),
  targetPick: fc.nat(),
  comprehensive: fc.boolean(),
  allowNonAssessable: optional(fc.boolean()),
  method: fc.constantFrom('human', 'automation', 'hybrid'),
  status: fc.constantFrom('draft', 'complete'),
  author: text(300),
  // Valid to the JSON Schema's "date" format, all of them; PostgreSQL's date type has no year 0.
  date: fc.oneof({ weight: 12, arbitrary: fc.constantFrom('2026-01-02', '2024-02-29', '1999-12-31', '9999-12-31', '0001-01-01') }, { weight: 1, arbitrary: fc.constant('0000-01-01') }),
  licence: text(1000),
  sources: fc.array(fc.record({ title: text(500), url: optional(fc.webUrl()) }, { requiredKeys: ['title'] }), { minLength: 1, maxLength: 2 }),
  edges: fc.array(edgeSpec, { maxLength: 5 }),
});

type Doc = Record<string, any>;
type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function buildCatalog(frameworks: Array<Generated<typeof frameworkSpec>>, crosswalks: Array<Generated<typeof crosswalkSpec>>): { frameworks: Doc[]; crosswalks: Doc[] } {
  const frameworkDocs: Doc[] = frameworks.map((f) => {
    const requirements = (f.requirements as any[]).map((r, i, all) => {
      const { parentPick, ...rest } = r;
      const parent = parentPick !== undefined && i > 0 ? all[parentPick % i].id : undefined;
      return Object.fromEntries(Object.entries({ ...rest, parent }).filter(([, v]) => v !== undefined));
    });
    return Object.fromEntries(Object.entries({ ...f, requirements }).filter(([, v]) => v !== undefined));
  });
  const crosswalkDocs = frameworkDocs.length === 0 ? [] : crosswalks.map((c) => {
    const source = frameworkDocs[c.sourcePick % frameworkDocs.length];
    const target = frameworkDocs[c.targetPick % frameworkDocs.length];
    // Edges join assessable requirements, never one to itself, each pair once: the mutations break that on purpose.
    const assessable = (f: Doc) => {
      const parents = new Set(f.requirements.map((r: Doc) => r.parent));
      const ids: string[] = f.requirements.filter((r: Doc) => r.assessable ?? !parents.has(r.id)).map((r: Doc) => r.id);
      return ids.length > 0 ? ids : f.requirements.map((r: Doc) => r.id as string);
    };
    const [sources, targets] = [assessable(source), assessable(target)];
    const seen = new Set<string>();
    const edges = (c.edges as any[]).flatMap((e) => {
      const from = sources[e.sourcePick % sources.length];
      const to = targets[e.targetPick % targets.length];
      const pair = `${from}\u0000${to}`;
      if ((source === target && from === to) || seen.has(pair)) return [];
      seen.add(pair);
      return [{
        source: from,
        target: to,
        relationship: e.relationship,
        rationale: e.rationale,
        strength: e.relationship === 'EQUAL' ? 10 : e.relationship === 'NOT_RELATED' ? 0 : e.strength,
        ...(e.note === undefined ? {} : { note: e.note }),
      }];
    });
    const doc: Doc = {
      id: c.id,
      name: c.name,
      ...(c.description === undefined ? {} : { description: c.description }),
      source: `${source.code}:${source.version}`,
      target: `${target.code}:${target.version}`,
      comprehensive: c.comprehensive,
      ...(c.allowNonAssessable === undefined ? {} : { allowNonAssessable: c.allowNonAssessable }),
      provenance: { method: c.method, status: c.status, author: c.author, date: c.date, licence: c.licence, sources: c.sources.map((s: Doc) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined))) },
      edges,
    };
    return doc;
  });
  for (const f of frameworkDocs) f.sources = f.sources.map((s: Doc) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)));
  return { frameworks: frameworkDocs, crosswalks: crosswalkDocs };
}

// ---------------------------------------------------------------------------------------------------------------
// Structural mutations, applied to the parsed documents before they are written.

const MUTATIONS = [
  'replace', 'delete', 'unknownKey', 'hostileText', 'duplicateRequirementId', 'danglingParent', 'cycle', 'danglingEdge',
  'badStrength', 'selfEdge', 'duplicateEdge', 'duplicateFramework', 'duplicateSetId', 'date', 'lookalikeIds',
] as const;
/** Pairs of requirement ids that differ as JavaScript strings; some of them do not differ once encoded as UTF-8. */
const LOOKALIKES = [['A\uD800', 'A\uDC00'], ['x\uFFFD', 'x\uD800'], ['\u00E9', 'e\u0301'], ['A.1', 'A.1\u200B'], ['A.1', '\uFF21.1'], ['I', '\u0130'], ['a', 'A']];
const mutationSpec = fc.record({ kind: fc.constantFrom(...MUTATIONS), file: fc.nat(), at: fc.nat(), other: fc.nat(), value: hostileValue, text: hostileText(300) });
const DATES = ['0000-01-01', '0001-01-01', '9999-12-31', '2023-02-29', '2024-02-30', '2026-13-01', '26-01-02', '2026-1-2', '20260102', '2026-01-02T00:00:00Z'];
const BAD_STRENGTHS: unknown[] = [-1, 11, 0, 10, 5, 1.5, 2 ** 31, 2 ** 15, '7', null, true];

type Path = Array<string | number>;

function allPaths(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => paths.push(...allPaths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) paths.push(...allPaths(v, [...prefix, k]));
  return paths;
}

function objectPaths(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, [...prefix, i]));
  if (value !== null && typeof value === 'object') return [prefix, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...prefix, k]))];
  return [];
}

function getAt(doc: unknown, at: Path): any {
  return at.reduce((node: any, key) => node?.[key], doc);
}

function setAt(doc: Doc, at: Path, value: unknown): void {
  if (at.length === 0) return;
  const parent = getAt(doc, at.slice(0, -1));
  if (parent !== null && typeof parent === 'object') parent[at[at.length - 1]] = value;
}

/** Mutations are best-effort: one that cannot apply to what earlier ones left (a string where an object was) is skipped. */
function applyMutation(catalog: { frameworks: Doc[]; crosswalks: Doc[] }, m: Generated<typeof mutationSpec>): void {
  try {
    applyMutationUnsafe(catalog, m);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
  }
}

function applyMutationUnsafe(catalog: { frameworks: Doc[]; crosswalks: Doc[] }, m: Generated<typeof mutationSpec>): void {
  const files = [...catalog.frameworks, ...catalog.crosswalks];
  if (files.length === 0) return;
  const doc = files[m.file % files.length];
  const fw = catalog.frameworks.length > 0 ? catalog.frameworks[m.file % catalog.frameworks.length] : undefined;
  const cw = catalog.crosswalks.length > 0 ? catalog.crosswalks[m.file % catalog.crosswalks.length] : undefined;
  const reqs: Doc[] | undefined = Array.isArray(fw?.requirements) ? fw!.requirements : undefined;
  const edges: Doc[] | undefined = Array.isArray(cw?.edges) ? cw!.edges : undefined;
  switch (m.kind) {
    case 'replace': {
      const paths = allPaths(doc);
      if (paths.length > 0) setAt(doc, paths[m.at % paths.length], m.value);
      break;
    }
    case 'delete': {
      const paths = allPaths(doc).filter((p) => typeof p[p.length - 1] === 'string');
      if (paths.length > 0) {
        const at = paths[m.at % paths.length];
        delete getAt(doc, at.slice(0, -1))[at[at.length - 1]];
      }
      break;
    }
    case 'unknownKey': {
      const paths = objectPaths(doc).filter((p) => !Array.isArray(getAt(doc, p)));
      const key = ['extra', '__proto__', 'constructor', 'Code', 'id ', 'requirements', 'x'.repeat(200)][m.other % 7];
      if (paths.length > 0) {
        const target = paths[m.at % paths.length].length === 0 ? doc : getAt(doc, paths[m.at % paths.length]);
        Object.defineProperty(target, key, { value: m.value, enumerable: true, writable: true, configurable: true });
      }
      break;
    }
    case 'hostileText': {
      const paths = allPaths(doc).filter((p) => typeof getAt(doc, p) === 'string' && ['title', 'name', 'publisher', 'licence', 'description', 'note', 'author', 'text'].includes(String(p[p.length - 1])));
      if (paths.length > 0) setAt(doc, paths[m.at % paths.length], m.text);
      break;
    }
    case 'duplicateRequirementId':
      if (reqs && reqs.length > 1) reqs[(m.at % (reqs.length - 1)) + 1].id = reqs[m.other % reqs.length].id;
      break;
    case 'danglingParent':
      if (reqs && reqs.length > 0) reqs[m.at % reqs.length].parent = typeof m.value === 'string' && m.value !== '' ? m.value : 'nope';
      break;
    case 'cycle':
      if (reqs && reqs.length > 0) {
        const a = reqs[m.at % reqs.length];
        const b = reqs[m.other % reqs.length];
        a.parent = b.id;
        b.parent = a.id; // a === b: its own parent
        if (reqs.length > 2) reqs[(m.at + 1) % reqs.length].parent = a.id;
      }
      break;
    case 'danglingEdge':
      if (edges && edges.length > 0) edges[m.at % edges.length][m.other % 2 === 0 ? 'source' : 'target'] = typeof m.value === 'string' && m.value !== '' ? m.value : '9.99';
      break;
    case 'badStrength':
      if (edges && edges.length > 0) edges[m.at % edges.length].strength = BAD_STRENGTHS[m.other % BAD_STRENGTHS.length];
      break;
    case 'selfEdge':
      if (cw && edges && edges.length > 0) {
        cw.target = cw.source;
        edges[m.at % edges.length].target = edges[m.at % edges.length].source;
      }
      break;
    case 'duplicateEdge':
      if (edges && edges.length > 0) edges.push({ ...edges[m.at % edges.length], strength: edges[m.at % edges.length].strength });
      break;
    case 'duplicateFramework':
      if (catalog.frameworks.length > 1) {
        const [a, b] = [catalog.frameworks[m.at % catalog.frameworks.length], catalog.frameworks[m.other % catalog.frameworks.length]];
        b.code = a.code;
        b.version = a.version;
      }
      break;
    case 'duplicateSetId':
      if (catalog.crosswalks.length > 1) catalog.crosswalks[m.other % catalog.crosswalks.length].id = catalog.crosswalks[m.at % catalog.crosswalks.length].id;
      break;
    case 'lookalikeIds':
      if (reqs && reqs.length > 1) {
        const [a, b] = LOOKALIKES[m.other % LOOKALIKES.length];
        reqs[m.at % reqs.length].id = a;
        reqs[(m.at + 1) % reqs.length].id = b;
      }
      break;
    case 'date':
      if (cw && cw.provenance && typeof cw.provenance === 'object') cw.provenance.date = DATES[m.other % DATES.length];
      break;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Textual corruption of a file, after it is written as YAML or JSON.

function aliasBomb(levels: number, width: number): string {
  const lines = [`a0: &a0 [${Array(width).fill('"lol"').join(', ')}]`];
  for (let i = 1; i <= levels; i += 1) lines.push(`a${i}: &a${i} [${Array(width).fill(`*a${i - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

const SNIPPETS = [': :', '\t', '{', '}', '[', ']', '- ', '&a ', '*nope', '*a ', '!!binary ', '!<tag:yaml.org,2002:str> ', '%YAML 1.1\n', '---\n', '\n...\n', '? ', '|', '>', '"', "'", '#', '\u0000', '\uFEFF', '\r', '\n  bad: indent\n', '<<: *nope\n', 'code: DUPLICATE\n', '@', '`'];
const corruption = fc.oneof(
  { weight: 40, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), snippet: fc.oneof(fc.constantFrom(...SNIPPETS), fragment) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateLine' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'bom' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('anchors' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.record({ kind: fc.constant('replace' as const), with: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 9 })).map(([l, w]) => aliasBomb(l, w)) }),
      fc.record({ kind: fc.constant('append' as const), with: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 9 })).map(([l, w]) => `bomb: ${aliasBomb(l, w).replace(/\n/g, '\n  ').replace(/^/, '\n  ')}`) }),
      fc.record({ kind: fc.constant('replace' as const), with: fc.integer({ min: 1, max: 3000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}\n`) }),
      fc.record({
        kind: fc.constant('replace' as const),
        with: fc.constantFrom('', '~', 'null', '42', '[]', '{}', '- a\n- b\n', '"unterminated', '{a: 1', 'a: b: c', '\t- x', '%YAML 1.1\n---\na: 1\n', '---\na: 1\n---\nb: 2\n',
          '!!binary aGVsbG8=', '!!js/function "function(){}"', '? [complex]\n: key\n', 'a: !!int "x"\n', '*nope\n', '&a x\n', 'code: &c FA\nversion: *c\n', '\u0000', '\uFEFF'),
      }),
    ),
  },
);
type Corruption = typeof corruption extends fc.Arbitrary<infer C> ? C : never;

function corrupt(textIn: string, c: Corruption): string {
  switch (c.kind) {
    case 'none': return textIn;
    case 'truncate': return textIn.slice(0, c.at % (textIn.length + 1));
    case 'insert': {
      const at = c.at % (textIn.length + 1);
      return textIn.slice(0, at) + c.snippet + textIn.slice(at);
    }
    case 'duplicateLine': {
      const lines = textIn.split('\n');
      const i = c.at % lines.length;
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 'bom': return `\uFEFF${textIn}`;
    case 'anchors': {
      // An anchor on the first value that has one, and an alias to it further down: legal YAML, if used well.
      const lines = textIn.split('\n');
      const i = lines.findIndex((l) => /^\s*[A-Za-z]+: \S/.test(l));
      if (i < 0) return textIn;
      lines[i] = lines[i].replace(/: /, ': &anchor ');
      const j = (c.at % lines.length) + (i + 1);
      const k = lines.findIndex((l, n) => n >= Math.min(j, lines.length - 1) && /^\s*[A-Za-z]+: \S/.test(l));
      if (k > i) lines[k] = lines[k].replace(/: .*/, ': *anchor');
      return lines.join('\n');
    }
    case 'replace': return c.with;
    case 'append': return `${textIn}\n${c.with}`;
  }
}

/** How one file is written: block YAML or JSON, its extension, perhaps in a subfolder, and its corruption. */
const fileFormat = fc.record({
  syntax: fc.constantFrom('yaml', 'yaml', 'json'),
  extension: fc.constantFrom('.yaml', '.yaml', '.yaml', '.yml', '.YAML'),
  nested: fc.nat({ max: 9 }).map((n) => n === 0),
  corruption,
});

const folderArbitrary = fc
  .record({
    frameworks: fc.oneof(
      { weight: 30, arbitrary: fc.uniqueArray(frameworkSpec, { minLength: 1, maxLength: 3, selector: (f) => `${f.code}:${f.version}` }) },
      { weight: 1, arbitrary: fc.constant([] as Array<Generated<typeof frameworkSpec>>) }, // no framework files at all
    ),
    crosswalks: fc.array(crosswalkSpec, { maxLength: 2 }),
    mutations: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(mutationSpec, { minLength: 1, maxLength: 3 }) }),
    formats: fc.array(fileFormat, { minLength: 5, maxLength: 5 }),
    extraFile: fc.boolean(),
  })
  .map(({ frameworks, crosswalks, mutations, formats, extraFile }) => {
    const catalog = buildCatalog(frameworks, crosswalks);
    for (const m of mutations) applyMutation(catalog, m);
    const files: Record<string, string> = {};
    const docs = [...catalog.frameworks.map((doc) => ['frameworks', doc] as const), ...catalog.crosswalks.map((doc) => ['crosswalks', doc] as const)];
    docs.forEach(([folder, doc], i) => {
      const format = formats[i % formats.length];
      const serialized = format.syntax === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : yamlStringify(doc, { lineWidth: 0 });
      files[`${folder}/${format.nested ? 'sub/' : ''}file-${i}${format.extension}`] = corrupt(serialized, format.corruption);
    });
    if (extraFile) files['frameworks/README.txt'] = 'not a mapping file: ignored\n';
    return files;
  });

// ---------------------------------------------------------------------------------------------------------------

let db: TestDatabase;
let dataSource: DataSource;
let dir: string;
let currentChecksum = '';
const tally = { tried: 0, loaded: 0, unchanged: 0, rejected: 0, errors: 0, other: {} as Record<string, number> };

function writeFolder(files: Record<string, string>): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
}

function pointerExists(doc: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  let node: any = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) return false;
    node = node[segment];
  }
  return true;
}

/** What is wrong with a MappingValidationError's errors, if anything: each names a written file, a path in it, a line. */
function imprecision(error: MappingValidationError, files: Record<string, string>): string[] {
  const problems: string[] = [];
  const yamlFiles = Object.keys(files).filter((f) => /\.ya?ml$/i.test(f));
  if (error.errors.length === 0) problems.push('no errors listed');
  for (const e of error.errors) {
    const where = `${e.file}: ${e.path}: ${e.message}`;
    if (typeof e.message !== 'string' || e.message.trim() === '') problems.push(`no message: ${where}`);
    if (typeof e.path !== 'string' || (e.path !== '' && !e.path.startsWith('/'))) problems.push(`not a JSON path: ${where}`);
    if (e.file === dir) {
      if (yamlFiles.some((f) => f.startsWith('frameworks/'))) problems.push(`names the folder, not a file: ${where}`);
      continue;
    }
    if (!yamlFiles.includes(e.file)) {
      problems.push(`names a file that was not written: ${where}`);
      continue;
    }
    // As written to disk: UTF-8 cannot hold an unpaired surrogate, so the file has U+FFFD where the string had one.
    const content = Buffer.from(files[e.file], 'utf8').toString('utf8');
    const lines = content.split(/\r\n|\r|\n/).length;
    if (e.line !== undefined && !(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines + 1)) problems.push(`line ${e.line} is not in the file (${lines} lines): ${where}`);
    if (e.path !== '') {
      const parsed = parseDocument(content, { prettyErrors: false, uniqueKeys: true });
      let doc: unknown;
      try {
        doc = parsed.errors.length === 0 ? parsed.toJS({ maxAliasCount: 100 }) : undefined;
      } catch {
        doc = undefined;
      }
      if (doc !== undefined && !pointerExists(doc, e.path)) problems.push(`path ${e.path} is not in the file: ${where}`);
    }
  }
  return problems;
}

function preview(files: Record<string, string>): string {
  return Object.entries(files)
    .map(([file, content]) => `--- ${file} (${content.length} chars)\n${content.length > 1500 ? `${JSON.stringify(content.slice(0, 1500))}…` : JSON.stringify(content)}`)
    .join('\n');
}

async function attempt(files: Record<string, string>): Promise<void> {
  writeFolder(files);
  const before = currentChecksum;
  tally.tried += 1;
  let thrown: unknown;
  try {
    const result = await loadCatalog(dataSource, dir);
    if (result.changed) tally.loaded += 1;
    else tally.unchanged += 1;
  } catch (error) {
    thrown = error;
  }
  currentChecksum = await tableChecksum(db, CATALOG_TABLES);
  if (thrown === undefined) return;

  const problems: string[] = [];
  tally.rejected += 1;
  if (thrown instanceof MappingValidationError) {
    tally.errors += thrown.errors.length;
    problems.push(...imprecision(thrown, files));
  } else {
    const name = thrown instanceof Error ? `${thrown.constructor.name}: ${thrown.message.split('\n')[0].slice(0, 200)}` : String(thrown);
    tally.other[name.slice(0, 80)] = (tally.other[name.slice(0, 80)] ?? 0) + 1;
    problems.push(`threw ${name}, not MappingValidationError`);
  }
  if (currentChecksum !== before) problems.push('a rejected load changed the catalog tables');
  if (problems.length > 0) throw new Error(`${problems.join('; ')}\n${preview(files)}`);
}

beforeAll(async () => {
  db = await createTestDatabase({ catalog: false });
  dataSource = new DataSource(dataSourceOptions(db.url));
  await dataSource.initialize();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-hostile-mappings-'));
  // Start from a loaded catalog, so that a rejected load has something to damage.
  fs.cpSync(path.resolve('test/fixtures/mappings'), dir, { recursive: true });
  await loadCatalog(dataSource, dir);
  currentChecksum = await tableChecksum(db, CATALOG_TABLES);
});

afterAll(async () => {
  const other = Object.entries(tally.other).map(([name, n]) => `${n}× ${name}`).join('; ');
  console.log(
    `hostile mappings: ${tally.tried} folders: ${tally.loaded} loaded, ${tally.unchanged} unchanged (same content), ` +
      `${tally.rejected} rejected (${tally.errors} errors listed)${other ? `; thrown other than MappingValidationError: ${other}` : ''}`,
  );
  await dataSource?.destroy();
  await db?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** A valid framework file, with YAML-escaped values put in. */
const framework = (values: { title?: string; sourceTitle?: string; name?: string; ids?: [string, string] } = {}) => `code: FA
version: "1"
name: ${values.name ?? '"Fixture A"'}
publisher: tests
kind: CONTROL_CATALOG
licence: CC0
sources:
  - title: "${values.sourceTitle ?? 'Made up'}"
requirements:
  - id: "${values.ids?.[0] ?? '1'}"
    title: "${values.title ?? 'One'}"
    kind: control
  - id: "${values.ids?.[1] ?? '2'}"
    title: "Two"
    kind: control
`;

/**
 * Shrunk counterexamples that fast-check found (hand-minimized further), tried first on every run, so that the
 * property fails the same way whatever the seed until they are fixed. Each is a bug: the loader throws something
 * other than MappingValidationError (the all-or-nothing transaction still holds: the checksum is unchanged).
 */
const KNOWN: Array<Record<string, string>> = [
  // NUL (YAML "\0") in a text column: QueryFailedError invalid byte sequence for encoding "UTF8": 0x00.
  { 'frameworks/fa.yaml': framework({ title: '\\0' }) },
  // NUL in a jsonb column (sources): QueryFailedError unsupported Unicode escape sequence.
  { 'frameworks/fa.yaml': framework({ sourceTitle: '\\0' }) },
  // A lone surrogate in a jsonb column: QueryFailedError invalid input syntax for type json.
  { 'frameworks/fa.yaml': framework({ sourceTitle: '\\uD800' }) },
  // Two ids that differ in JavaScript but both become "A\uFFFD" in UTF-8: QueryFailedError from the upsert.
  { 'frameworks/fa.yaml': framework({ ids: ['A\\uD800', 'A\\uDC00'] }) },
  // An alias to no anchor: ReferenceError Unresolved alias, thrown by toJS after a parse without errors.
  { 'frameworks/fa.yaml': framework({ name: '*nope' }) },
  // A small alias bomb (64 expansions of 4): ReferenceError Excessive alias count.
  { 'frameworks/fa.yaml': `${framework()}a0: &a0 [x, x, x, x]\na1: &a1 [*a0, *a0, *a0, *a0]\na2: &a2 [*a1, *a1, *a1, *a1]\na3: [*a2, *a2, *a2, *a2]\n` },
  // A date the JSON Schema's "date" format accepts and PostgreSQL does not: QueryFailedError date/time field value out of range.
  {
    'frameworks/fa.yaml': framework(),
    'crosswalks/fa.yaml': `id: fa
name: "FA to FA"
source: "FA:1"
target: "FA:1"
comprehensive: false
provenance:
  method: human
  status: draft
  author: tests
  date: "0000-01-01"
  licence: CC0
  sources:
    - title: "Made up"
edges: []
`,
  },
];

it(
  'loads a hostile folder or throws MappingValidationError with precise errors, and a rejected load changes nothing',
  async () => {
    const failures: string[] = [];
    const started = Date.now();
    await fc.assert(
      fc.asyncProperty(folderArbitrary, async (files) => {
        try {
          await attempt(files);
        } catch (error) {
          if (!SURVEY) throw error;
          failures.push((error as Error).message.slice(0, 1500));
        }
      }),
      { numRuns: NUM_RUNS + KNOWN.length, examples: KNOWN.map((files) => [files] as [Record<string, string>]) }, // examples count as runs
    );
    console.log(`hostile mappings: ${Date.now() - started} ms`);
    if (failures.length > 0) throw new Error(`${failures.length} of ${tally.tried} folders broke a property, e.g.:\n${failures.slice(0, 12).join('\n=====\n')}`);
    expect(tally.tried).toBeGreaterThanOrEqual(NUM_RUNS);
  },
  600_000,
);
