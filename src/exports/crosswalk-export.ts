/**
 * The `crosswalk` export (issue 13): every edge between two framework versions, one row each with its relationship,
 * strength, rationale, evidence, note and provenance, and a matrix of source × target requirements with the
 * relationship in each cell. Public catalog data, read from the catalog snapshot; edges stored in the other
 * direction (target → source) are read from the source's side, as `Requirement.crosswalks` reads them.
 */
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';
import type { Framework } from '../catalog/models/framework.model';
import type { Requirement } from '../catalog/models/requirement.model';
import { BadUserInputError } from '../common/errors/domain-error';
import type { Crosswalk } from '../crosswalks/models/crosswalk.model';
import type { MappingSet } from '../crosswalks/models/mapping-set.model';
import { readEdge } from '../crosswalks/read-edge';
import { FORMULAS, RELATIONSHIPS } from './read-me';
import type { CellValue, Sheet, Workbook } from './sheet';

export interface CrosswalkExportArgs {
  /** CODE or CODE:VERSION. */
  source: string;
  target: string;
}

export const CROSSWALK_EDGES_SHEET = 'Edges';
export const CROSSWALK_MATRIX_SHEET = 'Matrix';

const label = (f: Framework) => `${f.code}:${f.version}`;

/** `source`/`target` resolved on the snapshot: BAD_USER_INPUT or NOT_FOUND naming the parameter, as in GraphQL. */
export function resolveCrosswalkPair(catalog: CatalogSnapshot, args: CrosswalkExportArgs): { source: Framework; target: Framework } {
  const source = catalog.resolveFramework(args.source, 'source');
  const target = catalog.resolveFramework(args.target, 'target');
  if (source.id === target.id) throw new BadUserInputError('target', `must be another framework version than source (${label(source)})`);
  return { source, target };
}

/** Every edge between the two, read from the source's side, with its mapping set; in source then target document order. */
export function crosswalkEdges(catalog: CatalogSnapshot, source: Framework, target: Framework): Array<{ edge: Crosswalk; set: MappingSet }> {
  const sets = [...catalog.listMappingSets([source.id], [target.id]), ...catalog.listMappingSets([target.id], [source.id])];
  const read: Array<{ edge: Crosswalk; set: MappingSet }> = [];
  for (const set of sets) {
    const forward = set.sourceFrameworkId === source.id;
    for (const row of catalog.edgePage(set.id, catalog.edgeCount(set.id), undefined).rows) {
      read.push({ edge: readEdge(row, forward ? row.sourceId : row.targetId), set });
    }
  }
  const position = (id: string) => catalog.requirement(id)?.position ?? 0;
  return read.sort((a, b) => position(a.edge.sourceId) - position(b.edge.sourceId) || position(a.edge.targetId) - position(b.edge.targetId));
}

export function crosswalkWorkbook(catalog: CatalogSnapshot, args: CrosswalkExportArgs, generatedAt: Date): Workbook {
  const { source, target } = resolveCrosswalkPair(catalog, args);
  const edges = crosswalkEdges(catalog, source, target);
  const title = `Crosswalk ${label(source)} → ${label(target)}`;
  const heading = [title, `${source.name} → ${target.name}`, `Generated ${generatedAt.toISOString().slice(0, 10)} by Crosswalk`];
  const sets = [...new Map(edges.map(({ set }) => [set.id, set])).values()];
  return {
    title,
    generatedAt,
    readMe: [
      `Every crosswalk edge between ${label(source)} (source) and ${label(target)} (target) in Crosswalk's catalog, read from the source's side. ` +
        `Sheet "${CROSSWALK_EDGES_SHEET}": one row per edge. Sheet "${CROSSWALK_MATRIX_SHEET}": source requirements down, target requirements across, ` +
        'the relationship where an edge joins them (empty: no edge).',
      sets.length === 0
        ? 'No mapping set joins these two frameworks: the sheets list no edges.'
        : `Mapping sets: ${sets.map((s) => `${s.name} (${s.key}; ${s.provenance.status}, ${s.provenance.comprehensive ? 'comprehensive' : 'not comprehensive'})`).join('; ')}.`,
      '"Read against stored direction: yes" means the mapping set records the edge from target to source, and the relationship shown is its reverse ' +
        '(SUBSET_OF becomes SUPERSET_OF and vice versa).',
      ...RELATIONSHIPS,
      ...FORMULAS,
    ],
    sheets: [edgeSheet(catalog, edges, heading), matrixSheet(catalog, source, target, edges, heading)],
  };
}

function edgeSheet(catalog: CatalogSnapshot, edges: Array<{ edge: Crosswalk; set: MappingSet }>, heading: string[]): Sheet {
  const req = (id: string): Requirement => catalog.requirement(id)!;
  return {
    name: CROSSWALK_EDGES_SHEET,
    heading,
    columns: [
      { header: 'Source ref ID', width: 14 },
      { header: 'Source title', width: 40, wrap: true },
      { header: 'Relationship', width: 18 },
      { header: 'Target ref ID', width: 14 },
      { header: 'Target title', width: 40, wrap: true },
      { header: 'Strength (0–10)', width: 10 },
      { header: 'Rationale', width: 13 },
      { header: 'Condition', width: 16 },
      { header: 'Evidence', width: 60, wrap: true },
      { header: 'Note', width: 40, wrap: true },
      { header: 'Read against stored direction', width: 12 },
      { header: 'Mapping set', width: 30, wrap: true },
      { header: 'Method', width: 11 },
      { header: 'Mapping status', width: 11 },
      { header: 'Author', width: 20, wrap: true },
      { header: 'Date', width: 11 },
      { header: 'Licence', width: 20, wrap: true },
      { header: 'Sources', width: 50, wrap: true },
    ],
    rows: edges.map(({ edge, set }): CellValue[] => [
      req(edge.sourceId).refId,
      req(edge.sourceId).title,
      edge.relationship,
      req(edge.targetId).refId,
      req(edge.targetId).title,
      edge.strength,
      edge.rationale,
      edge.condition,
      edge.evidence.length > 0 ? edge.evidence.join('\n') : null,
      edge.note,
      edge.reversed ? 'yes' : 'no',
      `${set.name} (${set.key})`,
      set.provenance.method,
      set.provenance.status,
      set.provenance.author,
      set.provenance.date,
      set.provenance.licence,
      set.provenance.sources.map((s) => [s.title, s.url, s.note].filter(Boolean).join(' — ')).join('\n') || null,
    ]),
  };
}

/** Source requirements × target requirements, every requirement of each in document order, the relationship in each cell. */
function matrixSheet(catalog: CatalogSnapshot, source: Framework, target: Framework, edges: Array<{ edge: Crosswalk }>, heading: string[]): Sheet {
  const rowsOf = (f: Framework) => catalog.requirementPage(f.id, undefined, catalog.requirementCount(f.id, false), undefined).rows;
  const sources = rowsOf(source);
  const targets = rowsOf(target);
  const column = new Map(targets.map((t, i) => [t.id, i]));
  const cells = new Map<string, Array<string | null>>();
  for (const { edge } of edges) {
    const row = cells.get(edge.sourceId) ?? targets.map(() => null);
    const c = column.get(edge.targetId)!;
    // Two mapping sets may both join a pair: show each reading.
    row[c] = row[c] === null ? edge.relationship : `${row[c]}\n${edge.relationship}`;
    cells.set(edge.sourceId, row);
  }
  return {
    name: CROSSWALK_MATRIX_SHEET,
    heading,
    columns: [
      { header: `${source.code} ref ID`, width: 12 },
      { header: `${source.code} title`, width: 36, wrap: true },
      ...targets.map((t) => ({ header: t.refId, width: 12 })),
    ],
    rows: sources.map((s) => [s.refId, s.title, ...(cells.get(s.id) ?? targets.map(() => null))]),
  };
}
