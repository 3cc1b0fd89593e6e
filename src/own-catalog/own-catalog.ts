/**
 * One organization's own catalog (issue 12): its frameworks, requirements, mapping sets and crosswalks, with the
 * lookups the API reads (CatalogIndex) and the engine's overlay of them on the public catalog graph (OverlayGraph).
 * Built from the rows of one `own_catalog_version` on one public snapshot, and shared by every request of the
 * organization until either changes (OwnCatalogs), so nothing here may be mutated after it is built.
 */
import { CatalogIndex, type CatalogRows, type CatalogSnapshot } from '../catalog/catalog-snapshot';
import { OverlayGraph } from '../graph/overlay-graph';

/** Rough bytes per row of the lookups (objects, strings, map entries), beyond the overlay's own estimate. */
const INDEX_BYTES_PER_REQUIREMENT = 400;
const INDEX_BYTES_PER_EDGE = 160;
const INDEX_BYTES_BASE = 2048;

export class OwnCatalog extends CatalogIndex {
  /** The engine's graph of the public catalog plus these rows; undefined when the organization has none. */
  readonly overlay: OverlayGraph | undefined;
  readonly requirementCountAll: number;
  readonly edgeCountAll: number;

  constructor(
    readonly organizationId: string,
    /** organization.own_catalog_version the rows were read at. */
    readonly version: number,
    rows: Omit<CatalogRows, 'version'>,
    /** The public snapshot the overlay extends. */
    readonly basis: CatalogSnapshot,
  ) {
    super(rows);
    this.requirementCountAll = rows.requirements.length;
    this.edgeCountAll = rows.edges.length;
    this.overlay =
      rows.frameworks.length === 0
        ? undefined
        : new OverlayGraph(basis.graph, { frameworks: [...this.frameworks], requirements: rows.requirements, mappingSets: this.sortedSets, edges: this.sortedEdges });
  }

  /** An own crosswalk's far end may be a public requirement. */
  protected override frameworkIdOf(requirementId: string): string | undefined {
    return super.frameworkIdOf(requirementId) ?? this.basis?.requirement(requirementId)?.frameworkId;
  }

  /** An organization without own rows, on `basis`. */
  static empty(organizationId: string, basis: CatalogSnapshot): OwnCatalog {
    return new OwnCatalog(organizationId, 0, { frameworks: [], requirements: [], mappingSets: [], edges: [] }, basis);
  }

  get isEmpty(): boolean {
    return this.frameworks.length === 0;
  }

  /** An estimate of the memory it holds beyond the shared public catalog, for the cache's byte bound. */
  get bytes(): number {
    return INDEX_BYTES_BASE + this.requirementCountAll * INDEX_BYTES_PER_REQUIREMENT + this.edgeCountAll * INDEX_BYTES_PER_EDGE + (this.overlay?.bytes ?? 0);
  }
}
