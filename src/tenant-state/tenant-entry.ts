import type { GraphView } from '../graph/graph-view';
import type { TenantCatalog } from '../own-catalog/tenant-catalog';
import { allFrameworkCoverage, type FrameworkCoverage } from '../graph/framework-coverage';
import { requirementStatus, type RequirementStatus } from '../graph/requirement-status';
import type { TenantState } from '../graph/tenant-state';

/** Rough bytes per control kept (its object, id and code strings, and its slot in the typed arrays). */
const BYTES_PER_CONTROL = 200;
/** Per link: its control index, its FULL/PARTIAL flag and its share of the offsets. */
const BYTES_PER_LINK = 8;
/** Per requirement in the tenant state: link offsets and the excluded flag. */
const BYTES_PER_REQUIREMENT = 5;
/** Per requirement in one memoized status: status, weight and inferred arrays, and the seeds its explanations keep. */
const BYTES_PER_STATUS_REQUIREMENT = 32;
const BYTES_PER_SCOPE_FRAMEWORK = 64;
/** Per framework in one memoized coverage: its counts and score. */
const BYTES_PER_COVERAGE_FRAMEWORK = 96;
const BYTES_BASE = 512;

/**
 * What the coverage engine reads for one organization, kept between its requests (TenantStateCache): the catalog graph
 * under its declared management systems, its tenant state, its scope, and, computed on first use, every requirement's
 * status per `maxHops` (coverage, gap analysis and the Statement of Applicability all start from it). Shared by
 * concurrent requests, so nothing here may be mutated after it is built.
 */
export class TenantEntry {
  private readonly statuses = new Map<number, RequirementStatus>();
  private readonly coverages = new Map<number, FrameworkCoverage[]>();

  /** `grown` is told when a memoized status made the entry bigger (the cache counts its size again). */
  constructor(
    readonly graph: GraphView,
    readonly state: TenantState,
    readonly scope: readonly string[],
    /** The public snapshot plus the organization's own catalog the graph was built from: framework references resolve here. */
    readonly catalog: TenantCatalog,
    private readonly grown: (entry: TenantEntry) => void = () => undefined,
  ) {}

  status(maxHops: number): RequirementStatus {
    let status = this.statuses.get(maxHops);
    if (!status) {
      status = requirementStatus(this.graph, this.state, { maxHops });
      this.statuses.set(maxHops, status);
      this.grown(this);
    }
    return status;
  }

  hasCoverage(maxHops: number): boolean {
    return this.coverages.has(maxHops);
  }

  /** Every framework's coverage per `maxHops` (indexed like the graph's frameworks), computed once from status(maxHops). */
  coverage(maxHops: number): readonly FrameworkCoverage[] {
    let coverage = this.coverages.get(maxHops);
    if (!coverage) {
      coverage = allFrameworkCoverage(this.graph, this.status(maxHops));
      this.coverages.set(maxHops, coverage);
      this.grown(this);
    }
    return coverage;
  }

  /**
   * An estimate of the memory this entry holds on its own. The public catalog graph is shared, so it is not counted;
   * the organization's own catalog (its overlay) is, though OwnCatalogs may keep it longer, since it is this entry's
   * to hold while the entry lives.
   */
  get bytes(): number {
    const requirements = this.state.excluded.length;
    return (
      BYTES_BASE +
      this.state.controls.length * BYTES_PER_CONTROL +
      this.state.linkControl.length * BYTES_PER_LINK +
      requirements * BYTES_PER_REQUIREMENT +
      this.scope.length * BYTES_PER_SCOPE_FRAMEWORK +
      this.statuses.size * requirements * BYTES_PER_STATUS_REQUIREMENT +
      this.coverages.size * this.graph.frameworkCount * BYTES_PER_COVERAGE_FRAMEWORK +
      (this.catalog.own.isEmpty ? 0 : this.catalog.own.bytes)
    );
  }
}
