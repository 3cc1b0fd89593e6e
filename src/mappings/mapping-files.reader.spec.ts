import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readMappingFiles } from './mapping-files.reader';

const FRAMEWORK = [
  '# A small framework for the reader tests.',
  'code: ACME',
  'version: "1.0"',
  'name: Acme controls',
  'publisher: Acme',
  'kind: CONTROL_CATALOG',
  'licence: CC0',
  'sources:',
  '  - title: Acme handbook',
  '    url: "https://example.com/acme"',
  'requirements:',
  '  - id: "1"',
  '    title: Governance',
  '    kind: clause',
  '  - id: "1.1"',
  '    parent: "1"',
  '    title: Policy',
  '    kind: control',
  '',
].join('\n');

const CROSSWALK = [
  'id: acme-1.0__acme-1.0',
  'name: Acme onto itself',
  'source: "ACME:1.0"',
  'target: "ACME:1.0"',
  'comprehensive: false',
  'provenance:',
  '  method: human',
  '  status: draft',
  '  author: Tester',
  '  date: "2026-01-31"',
  '  licence: CC0',
  '  sources:',
  '    - title: Notes',
  'edges:',
  '  - source: "1"',
  '    target: "1.1"',
  '    relationship: SUPERSET_OF',
  '    rationale: SEMANTIC',
  '    strength: 7',
  '',
].join('\n');

/** 1-based number of the first line of `text` that contains `needle`. */
function lineContaining(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`fixture has no line with ${needle}`);
  return index + 1;
}

let root: string;

function write(relative: string, content: string): void {
  const absolute = path.join(root, relative);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  fs.writeFileSync(absolute, content);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-reader-'));
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('readMappingFiles: valid files', () => {
  it('reads a framework and a crosswalk with no errors, parsed as written', () => {
    write('frameworks/acme-1.0.yaml', FRAMEWORK);
    write('crosswalks/acme__acme.yaml', CROSSWALK);
    const { files, errors } = readMappingFiles(root);
    expect(errors).toEqual([]);
    expect(files.frameworks.map((f) => f.file)).toEqual(['frameworks/acme-1.0.yaml']);
    expect(files.mappingSets.map((f) => f.file)).toEqual(['crosswalks/acme__acme.yaml']);
    expect(files.frameworks[0].doc).toEqual({
      code: 'ACME',
      version: '1.0',
      name: 'Acme controls',
      publisher: 'Acme',
      kind: 'CONTROL_CATALOG',
      licence: 'CC0',
      sources: [{ title: 'Acme handbook', url: 'https://example.com/acme' }],
      requirements: [
        { id: '1', title: 'Governance', kind: 'clause' },
        { id: '1.1', parent: '1', title: 'Policy', kind: 'control' },
      ],
    });
    expect(files.mappingSets[0].doc.edges).toEqual([
      { source: '1', target: '1.1', relationship: 'SUPERSET_OF', rationale: 'SEMANTIC', strength: 7 },
    ]);
    expect(files.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives each parsed file a line locator for JSON paths', () => {
    write('frameworks/acme-1.0.yaml', FRAMEWORK);
    write('crosswalks/acme__acme.yaml', CROSSWALK);
    const { files } = readMappingFiles(root);
    const { lineOf } = files.frameworks[0];
    expect(lineOf(['requirements', 1, 'parent'])).toBe(lineContaining(FRAMEWORK, 'parent: "1"'));
    expect(lineOf(['version'])).toBe(lineContaining(FRAMEWORK, 'version:'));
    // A path that does not exist falls back to its nearest existing ancestor.
    expect(lineOf(['requirements', 0, 'hsClause'])).toBe(lineContaining(FRAMEWORK, 'id: "1"'));
    expect(files.mappingSets[0].lineOf(['edges', 0, 'strength'])).toBe(lineContaining(CROSSWALK, 'strength: 7'));
  });

  it('finds .yml files and files in sub-folders, with forward-slash relative paths, and ignores other files', () => {
    write('frameworks/nested/acme-1.0.yml', FRAMEWORK);
    write('frameworks/README.md', '# not a framework');
    const { files, errors } = readMappingFiles(root);
    expect(errors).toEqual([]);
    expect(files.frameworks.map((f) => f.file)).toEqual(['frameworks/nested/acme-1.0.yml']);
    expect(files.mappingSets).toEqual([]);
  });
});

describe('readMappingFiles: YAML syntax errors', () => {
  it.each([
    ['a nested mapping on one line', 'name: Acme controls', 'name: Acme: controls', 'Acme: controls', 'YAML: Nested mappings are not allowed in compact mappings'],
    ['a duplicate key', 'publisher: Acme', 'publisher: Acme\nname: Twice', 'name: Twice', 'YAML: Map keys must be unique'],
  ])('reports %s with the file and its 1-based line, and returns no document', (_case, from, to, at, message) => {
    const text = FRAMEWORK.replace(from, to);
    write('frameworks/x.yaml', text);
    const { files, errors } = readMappingFiles(root);
    expect(errors).toEqual([{ file: 'frameworks/x.yaml', line: lineContaining(text, at), path: '', message }]);
    expect(files.frameworks).toEqual([]);
  });

  it('keeps reading the other files after a broken one', () => {
    write('frameworks/a.yaml', FRAMEWORK.replace('name: Acme controls', 'name: Acme: controls'));
    write('frameworks/b.yaml', FRAMEWORK.replace('code: ACME', 'code: BETA'));
    const { files, errors } = readMappingFiles(root);
    expect(errors.map((e) => e.file)).toEqual(['frameworks/a.yaml']);
    expect(files.frameworks.map((f) => f.doc.code)).toEqual(['BETA']);
  });
});

describe('readMappingFiles: schema errors', () => {
  /** Writes `base` with `from` replaced by `to` to `file`, and reads the mappings folder. */
  function readWith(file: string, base: string, from: string, to: string) {
    const text = base.replace(from, to);
    expect(text).not.toBe(base);
    write(file, text);
    return { text, ...readMappingFiles(root) };
  }

  it.each([
    ['a strength above 10', 'crosswalks/x.yaml', CROSSWALK, 'strength: 7', 'strength: 11', '/edges/0/strength', 'must be <= 10'],
    [
      'a relationship outside the vocabulary',
      'crosswalks/x.yaml',
      CROSSWALK,
      'relationship: SUPERSET_OF',
      'relationship: SAME_AS',
      '/edges/0/relationship',
      'must be one of EQUAL, SUBSET_OF, SUPERSET_OF, INTERSECTS_WITH, NOT_RELATED',
    ],
    ['a wrongly typed field that is no identifier', 'frameworks/x.yaml', FRAMEWORK, 'publisher: Acme', 'publisher: 42', '/publisher', 'must be string'],
    ['a date that is no date', 'crosswalks/x.yaml', CROSSWALK, 'date: "2026-01-31"', 'date: "31.01.2026"', '/provenance/date', 'must match format "date"'],
  ])('reports %s with its JSON path and the line of the value', (_case, file, base, from, to, jsonPath, message) => {
    const { text, files, errors } = readWith(file, base, from, to);
    expect(errors).toMatchObject([{ file, line: lineContaining(text, to), path: jsonPath, message }]);
    expect([...files.frameworks, ...files.mappingSets]).toEqual([]);
  });

  it('reports an AI role outside the ISO/IEC 22989 set at the line of the tag, naming the roles accepted', () => {
    const tag = '    aiRoles: [AI_DEVELOPER]';
    const { text, errors } = readWith('frameworks/x.yaml', FRAMEWORK, '    title: Policy', `    title: Policy\n${tag}\n    roleNote: "Concerns those who build it."`);
    expect(errors).toMatchObject([
      {
        file: 'frameworks/x.yaml',
        line: lineContaining(text, tag),
        path: '/requirements/1/aiRoles/0',
        message: 'must be one of AI_PROVIDER, AI_PRODUCER, AI_CUSTOMER, AI_PARTNER, AI_SUBJECT, RELEVANT_AUTHORITY',
      },
    ]);
  });

  it('reports a missing required field at the line of the object that lacks it', () => {
    const { text, errors } = readWith('frameworks/x.yaml', FRAMEWORK, '    title: Governance\n', '');
    expect(errors).toEqual([
      { file: 'frameworks/x.yaml', line: lineContaining(text, 'id: "1"'), path: '/requirements/0', message: 'missing required field "title"', value: undefined },
    ]);
  });

  it('reports an unknown field at the line of its object, listing the allowed fields, instead of throwing', () => {
    const { text, errors } = readWith('frameworks/x.yaml', FRAMEWORK, '    title: Policy', '    title: Policy\n    colour: red');
    expect(errors).toEqual([
      {
        file: 'frameworks/x.yaml',
        line: lineContaining(text, 'id: "1.1"'),
        path: '/requirements/1',
        message: 'unknown field "colour"; allowed: id, parent, title, text, kind, assessable, hsClause, note, aiRoles, roleNote, noMappingReason',
        value: undefined,
      },
    ]);
  });

  const QUOTES_HINT = 'must be a string; write identifiers in quotes, e.g. "4.10", or YAML reads them as numbers';

  it.each([
    ['a requirement id', 'frameworks/x.yaml', FRAMEWORK, '  - id: "1.1"', '  - id: 4.10', '/requirements/1/id'],
    ['a parent', 'frameworks/x.yaml', FRAMEWORK, 'parent: "1"', 'parent: 1', '/requirements/1/parent'],
    ['a framework version', 'frameworks/x.yaml', FRAMEWORK, 'version: "1.0"', 'version: 2022', '/version'],
    ['an edge target', 'crosswalks/x.yaml', CROSSWALK, 'target: "1.1"', 'target: 1.1', '/edges/0/target'],
  ])('reports %s written without quotes with a hint about quotes', (_case, file, base, from, to, jsonPath) => {
    const { text, errors } = readWith(file, base, from, to);
    expect(errors).toMatchObject([{ file, line: lineContaining(text, to.trim()), path: jsonPath, message: QUOTES_HINT }]);
  });

  it.each([
    ['strength: 11', 'crosswalks/x.yaml', CROSSWALK, 'strength: 7', 'strength: 11', 11],
    ['an unquoted id 4.10 (YAML reads the number 4.1)', 'frameworks/x.yaml', FRAMEWORK, '  - id: "1.1"', '  - id: 4.10', 4.1],
    ['relationship: SAME_AS', 'crosswalks/x.yaml', CROSSWALK, 'relationship: SUPERSET_OF', 'relationship: SAME_AS', 'SAME_AS'],
  ])('reports the offending value of %s', (_case, file, base, from, to, value) => {
    const { errors } = readWith(file, base, from, to);
    expect(errors.map((e) => e.value)).toEqual([value]);
  });
});

describe('readMappingFiles: content hash', () => {
  function hashOf(): string {
    return readMappingFiles(root).files.contentHash;
  }

  it('is stable while the files stay the same, and ignores files that are not YAML', () => {
    write('frameworks/acme-1.0.yaml', FRAMEWORK);
    write('crosswalks/acme__acme.yaml', CROSSWALK);
    const first = hashOf();
    expect(hashOf()).toBe(first);
    write('crosswalks/NOTES.txt', 'not part of the catalog');
    expect(hashOf()).toBe(first);
  });

  it('changes when one byte of a file changes, and changes back with it', () => {
    write('frameworks/acme-1.0.yaml', FRAMEWORK);
    write('crosswalks/acme__acme.yaml', CROSSWALK);
    const before = hashOf();
    write('crosswalks/acme__acme.yaml', CROSSWALK.replace('strength: 7', 'strength: 8'));
    const after = hashOf();
    expect(after).not.toBe(before);
    write('crosswalks/acme__acme.yaml', CROSSWALK);
    expect(hashOf()).toBe(before);
  });

  it('changes when a file is renamed, and covers files that fail to parse', () => {
    write('frameworks/acme-1.0.yaml', FRAMEWORK);
    const before = hashOf();
    fs.renameSync(path.join(root, 'frameworks/acme-1.0.yaml'), path.join(root, 'frameworks/acme.yaml'));
    expect(hashOf()).not.toBe(before);

    write('frameworks/broken.yaml', 'code: [');
    const broken = hashOf();
    write('frameworks/broken.yaml', 'code: {');
    expect(hashOf()).not.toBe(broken);
  });
});

describe('readMappingFiles: missing folder', () => {
  it('reports a mappings folder that does not exist', () => {
    const missing = path.join(root, 'does-not-exist');
    const { files, errors } = readMappingFiles(missing);
    expect(errors).toEqual([{ file: missing, path: '', message: 'mappings folder not found; set CROSSWALK_MAPPINGS_DIR' }]);
    expect(files.frameworks).toEqual([]);
    expect(files.mappingSets).toEqual([]);
  });
});
