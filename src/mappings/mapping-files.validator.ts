/**
 * The rules that span files and rows, checked after the schema: duplicate keys, dangling references, cycles in a
 * requirement tree, self-edges and duplicate edges, strengths that contradict their relationship (NIST IR 8278A), and
 * edges to requirements that are not assessable where a set does not allow that. The result is the catalog in the
 * shape the loader writes, plus per-set statistics.
 */
import { type AiRole, normalizeAiRoles } from '../catalog/ai-role';
import { isContainment, RELATIONSHIPS, type Relationship, strengthRange } from '../graph/relationship';
import type { FrameworkDoc, MappingError, MappingFiles, MappingSetDoc, ParsedFile, RequirementDoc } from './mapping-files';

export interface CatalogRequirement {
  refId: string;
  parentRefId: string | null;
  title: string;
  text: string | null;
  kind: string;
  assessable: boolean;
  hsClause: string | null;
  /** Why no crosswalk edge touches it, where the quality bars expect one. */
  noMappingReason: string | null;
  /** The AI roles the requirement concerns (ISO/IEC 22989); null means every role. */
  aiRoles: AiRole[] | null;
  roleNote: string | null;
  position: number;
  depth: number;
}

export interface CatalogFramework {
  code: string;
  version: string;
  name: string;
  publisher: string;
  kind: FrameworkDoc['kind'];
  description: string | null;
  licence: string;
  sources: FrameworkDoc['sources'];
  requirements: CatalogRequirement[];
}

export interface CatalogMappingSet {
  key: string;
  file: string;
  doc: MappingSetDoc;
  sourceCode: string;
  sourceVersion: string;
  targetCode: string;
  targetVersion: string;
}

export interface MappingSetStats {
  key: string;
  file: string;
  source: string;
  target: string;
  rows: number;
  relationships: Record<Relationship, number>;
  sourceTouched: number;
  sourceAssessable: number;
  targetTouched: number;
  targetAssessable: number;
}

export interface ValidatedCatalog {
  contentHash: string;
  frameworks: CatalogFramework[];
  mappingSets: CatalogMappingSet[];
  stats: MappingSetStats[];
}

export function frameworkKey(code: string, version: string): string {
  return `${code}:${version}`;
}

function checkFramework(parsed: ParsedFile<FrameworkDoc>, errors: MappingError[]): CatalogFramework {
  const { file, doc, lineOf } = parsed;
  const fail = (path: (string | number)[], message: string, value?: unknown) =>
    errors.push({ file, line: lineOf(path), path: `/${path.join('/')}`, message, value });

  const index = new Map<string, number>();
  doc.requirements.forEach((req, i) => {
    if (index.has(req.id)) fail(['requirements', i, 'id'], `duplicate requirement id; first defined at /requirements/${index.get(req.id)}`, req.id);
    else index.set(req.id, i);
  });
  const hasChildren = new Set<string>();
  doc.requirements.forEach((req, i) => {
    if (req.parent === undefined) return;
    if (req.parent === req.id) fail(['requirements', i, 'parent'], 'a requirement cannot be its own parent', req.parent);
    else if (!index.has(req.parent)) fail(['requirements', i, 'parent'], 'parent is not a requirement id in this file', req.parent);
    else hasChildren.add(req.parent);
  });

  doc.requirements.forEach((req, i) => checkRoleTag(doc, req, i, fail));

  // Depth by walking up the parent chain iteratively; a chain that returns to a node on itself is a cycle.
  const depth = new Map<string, number>();
  const reportedCycle = new Set<string>();
  for (const req of doc.requirements) {
    const chain: string[] = [];
    const onChain = new Set<string>();
    let current: string | undefined = req.id;
    while (current !== undefined && !depth.has(current) && !onChain.has(current)) {
      chain.push(current);
      onChain.add(current);
      const parent: string | undefined = doc.requirements[index.get(current) ?? -1]?.parent;
      current = parent !== undefined && index.has(parent) && parent !== current ? parent : undefined;
    }
    if (current !== undefined && onChain.has(current)) {
      const cycle = chain.slice(chain.indexOf(current));
      const key = [...cycle].sort().join('\u0000');
      if (!reportedCycle.has(key)) {
        reportedCycle.add(key);
        fail(['requirements', index.get(current) ?? 0, 'parent'], `cycle in the requirement tree: ${[...cycle, current].join(' → ')}`, current);
      }
      cycle.forEach((id) => depth.set(id, 0));
      chain.splice(chain.indexOf(current));
    }
    let base = current !== undefined && depth.has(current) ? (depth.get(current) ?? 0) + 1 : 0;
    for (let i = chain.length - 1; i >= 0; i -= 1) depth.set(chain[i], base++);
  }

  return {
    code: doc.code,
    version: doc.version,
    name: doc.name,
    publisher: doc.publisher,
    kind: doc.kind,
    description: doc.description ?? null,
    licence: doc.licence,
    sources: doc.sources,
    requirements: doc.requirements.map((req, position) => ({
      refId: req.id,
      parentRefId: req.parent ?? null,
      title: req.title,
      text: req.text ?? null,
      kind: req.kind,
      assessable: req.assessable ?? !hasChildren.has(req.id),
      hsClause: req.hsClause ?? null,
      noMappingReason: req.noMappingReason ?? null,
      aiRoles: req.aiRoles ? normalizeAiRoles(req.aiRoles) : null,
      roleNote: req.aiRoles ? (req.roleNote ?? null) : null,
      position,
      depth: depth.get(req.id) ?? 0,
    })),
  };
}

/**
 * An AI-role tag says which roles a requirement concerns, so a tag is a claim that an organization in none of them may
 * exclude it. It needs its reason (`roleNote`), and it never sits on a clause of a management-system standard: clauses
 * 4–10 of the Harmonized Structure bind every organization that claims conformity, whatever its role.
 */
function checkRoleTag(doc: FrameworkDoc, req: RequirementDoc, i: number, fail: (path: (string | number)[], message: string, value?: unknown) => void): void {
  if (req.aiRoles === undefined) {
    if (req.roleNote !== undefined) fail(['requirements', i, 'roleNote'], 'roleNote explains an aiRoles tag; add aiRoles, or drop the note (untagged means every role)');
    return;
  }
  if (!req.roleNote?.trim()) {
    fail(['requirements', i, 'aiRoles'], `${doc.code} ${req.id} has aiRoles but no roleNote; say in our own words why it concerns ${req.aiRoles.join(', ')}`, req.aiRoles);
  }
  if (doc.kind === 'MANAGEMENT_SYSTEM_STANDARD' && req.kind === 'clause') {
    fail(
      ['requirements', i, 'aiRoles'],
      `${doc.code} ${req.id} is a management-system clause, mandatory for every role; tag Annex controls only, and leave clauses untagged`,
      req.aiRoles,
    );
  }
}

function checkMappingSet(
  parsed: ParsedFile<MappingSetDoc>,
  frameworks: Map<string, CatalogFramework>,
  errors: MappingError[],
): { set: CatalogMappingSet; stats: MappingSetStats } | undefined {
  const { file, doc, lineOf } = parsed;
  const fail = (path: (string | number)[], message: string, value?: unknown) =>
    errors.push({ file, line: lineOf(path), path: `/${path.join('/')}`, message, value });
  const known = () => [...frameworks.keys()].sort().join(', ');

  const source = frameworks.get(doc.source);
  const target = frameworks.get(doc.target);
  if (!source) fail(['source'], `no framework file defines ${doc.source}; known: ${known()}`, doc.source);
  if (!target) fail(['target'], `no framework file defines ${doc.target}; known: ${known()}`, doc.target);
  if (!source || !target) return undefined;

  const sourceReqs = new Map(source.requirements.map((r) => [r.refId, r]));
  const targetReqs = new Map(target.requirements.map((r) => [r.refId, r]));
  const seen = new Map<string, number>();
  const relationships = Object.fromEntries(RELATIONSHIPS.map((r) => [r, 0])) as Record<Relationship, number>;
  const sourceTouched = new Set<string>();
  const targetTouched = new Set<string>();

  doc.edges.forEach((edge, i) => {
    const s = sourceReqs.get(edge.source);
    const t = targetReqs.get(edge.target);
    if (!s) fail(['edges', i, 'source'], `no requirement with this id in ${doc.source}`, edge.source);
    if (!t) fail(['edges', i, 'target'], `no requirement with this id in ${doc.target}`, edge.target);
    if (s && t && doc.source === doc.target && edge.source === edge.target) {
      fail(['edges', i, 'target'], 'an edge cannot join a requirement to itself', edge.target);
    }
    if (!doc.allowNonAssessable) {
      const hint = 'is not assessable; map its assessable children, or set allowNonAssessable: true on the set';
      if (s && !s.assessable) fail(['edges', i, 'source'], `${doc.source} ${edge.source} ${hint}`, edge.source);
      if (t && !t.assessable) fail(['edges', i, 'target'], `${doc.target} ${edge.target} ${hint}`, edge.target);
    }
    const [min, max] = strengthRange(edge.relationship);
    if (edge.strength < min || edge.strength > max) {
      const allowed = min === max ? `exactly ${min}` : `${min} to ${max}`;
      fail(['edges', i, 'strength'], `${edge.relationship} edges take strength ${allowed} (NIST IR 8278A)`, edge.strength);
    }
    checkContainmentGrounds(edge, i, fail);
    if (edge.condition !== undefined && s && t) {
      const clauseLevel = (f: CatalogFramework, r: CatalogRequirement) => f.kind === 'MANAGEMENT_SYSTEM_STANDARD' && r.kind === 'clause';
      if (!clauseLevel(source, s) || !clauseLevel(target, t)) {
        fail(
          ['edges', i, 'condition'],
          `${edge.condition} joins clause-level requirements of two management-system standards only; ` +
            `here ${doc.source} ${edge.source} is a ${s.kind} and ${doc.target} ${edge.target} a ${t.kind}`,
          edge.condition,
        );
      }
    }
    const pair = `${edge.source}\u0000${edge.target}`;
    if (seen.has(pair)) fail(['edges', i], `duplicate edge ${edge.source} → ${edge.target}; first at /edges/${seen.get(pair)}`);
    else seen.set(pair, i);
    relationships[edge.relationship] += 1;
    if (s) sourceTouched.add(s.refId);
    if (t) targetTouched.add(t.refId);
  });

  const set: CatalogMappingSet = {
    key: doc.id,
    file,
    doc,
    sourceCode: source.code,
    sourceVersion: source.version,
    targetCode: target.code,
    targetVersion: target.version,
  };
  const stats: MappingSetStats = {
    key: doc.id,
    file,
    source: doc.source,
    target: doc.target,
    rows: doc.edges.length,
    relationships,
    sourceTouched: sourceTouched.size,
    sourceAssessable: source.requirements.filter((r) => r.assessable).length,
    targetTouched: targetTouched.size,
    targetAssessable: target.requirements.filter((r) => r.assessable).length,
  };
  return { set, stats };
}

/**
 * Strict containment: an EQUAL, SUBSET_OF or SUPERSET_OF edge passes FULL coverage, so it must show its grounds: each
 * demand of the contained requirement matched to where the container makes it (`evidence`). A weak containment
 * (strength 3 or less) is nearly always a mistyped intersection, so it must explain itself in a `note`. Evidence and
 * conditions belong to containment only.
 */
function checkContainmentGrounds(
  edge: MappingSetDoc['edges'][number],
  i: number,
  fail: (path: (string | number)[], message: string, value?: unknown) => void,
): void {
  if (isContainment(edge.relationship)) {
    if (!edge.evidence || edge.evidence.length === 0) {
      fail(
        ['edges', i],
        `${edge.relationship} edge ${edge.source} → ${edge.target} needs evidence: list each demand of the contained requirement, ` +
          'in our own words, with where the container makes it; or type it INTERSECTS_WITH',
      );
    }
    if (edge.strength <= 3 && !edge.note?.trim()) {
      fail(['edges', i, 'strength'], `a ${edge.relationship} edge at strength ${edge.strength} needs a note that explains it (containment at 3 or less is nearly always an intersection)`, edge.strength);
    }
    return;
  }
  if (edge.evidence !== undefined) {
    fail(['edges', i, 'evidence'], `evidence grounds containment; a ${edge.relationship} edge takes none: drop it, or move it to the note`);
  }
  if (edge.condition !== undefined) {
    fail(['edges', i, 'condition'], `a condition qualifies containment (EQUAL, SUBSET_OF, SUPERSET_OF); a ${edge.relationship} edge already reads the same without it`, edge.condition);
  }
}

/** Checks everything that the schema cannot see. An empty `errors` means the catalog can be loaded as it is. */
export function validateMappingFiles(files: MappingFiles): { catalog: ValidatedCatalog; errors: MappingError[] } {
  const errors: MappingError[] = [];
  const frameworks = new Map<string, CatalogFramework>();
  const frameworkFiles = new Map<string, string>();
  for (const parsed of files.frameworks) {
    const key = frameworkKey(parsed.doc.code, parsed.doc.version);
    if (frameworkFiles.has(key)) {
      errors.push({ file: parsed.file, line: parsed.lineOf(['code']), path: '/code', message: `${key} is already defined in ${frameworkFiles.get(key)}`, value: key });
      continue;
    }
    frameworkFiles.set(key, parsed.file);
    frameworks.set(key, checkFramework(parsed, errors));
  }

  const mappingSets: CatalogMappingSet[] = [];
  const stats: MappingSetStats[] = [];
  const setFiles = new Map<string, string>();
  for (const parsed of files.mappingSets) {
    if (setFiles.has(parsed.doc.id)) {
      errors.push({ file: parsed.file, line: parsed.lineOf(['id']), path: '/id', message: `mapping set id is already used by ${setFiles.get(parsed.doc.id)}`, value: parsed.doc.id });
      continue;
    }
    setFiles.set(parsed.doc.id, parsed.file);
    const checked = checkMappingSet(parsed, frameworks, errors);
    if (checked) {
      mappingSets.push(checked.set);
      stats.push(checked.stats);
    }
  }
  return { catalog: { contentHash: files.contentHash, frameworks: [...frameworks.values()], mappingSets, stats }, errors };
}
