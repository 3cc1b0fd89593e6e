/**
 * The catalog as one organization's tenant operations read it: the public snapshot plus its own catalog. Every tenant
 * operation that takes a framework reference resolves it here, so an own code works wherever a public one does
 * (coverage, gap analysis, scope, links, the Statement of Applicability, common controls); public fields never come
 * here and keep reading the public snapshot alone. Own codes never shadow public ones (the import refuses them), so
 * one list of both resolves every reference unambiguously.
 */
import type { CatalogIndex, CatalogSnapshot } from '../catalog/catalog-snapshot';
import { findFrameworkVersion, resolveFrameworkVersion } from '../catalog/framework-ref';
import type { Framework } from '../catalog/models/framework.model';
import type { Requirement } from '../catalog/models/requirement.model';
import type { MappingSet } from '../crosswalks/models/mapping-set.model';
import type { GraphView } from '../graph/graph-view';
import type { OwnCatalog } from './own-catalog';

export class TenantCatalog {
  /** Public frameworks (by code and version), then the organization's own (likewise). */
  readonly frameworks: readonly Framework[];

  constructor(
    readonly catalog: CatalogSnapshot,
    readonly own: OwnCatalog,
  ) {
    this.frameworks = own.isEmpty ? catalog.frameworks : [...catalog.frameworks, ...own.frameworks];
  }

  /** The engine's graph: the public one, or the organization's overlay on it. */
  get graph(): GraphView {
    return this.own.overlay ?? this.catalog.graph;
  }

  framework(id: string): Framework | null {
    return this.catalog.framework(id) ?? this.own.framework(id);
  }

  requirement(id: string): Requirement | null {
    return this.catalog.requirement(id) ?? this.own.requirement(id);
  }

  mappingSet(id: string): MappingSet | null {
    return this.catalog.mappingSet(id) ?? this.own.mappingSet(id);
  }

  isOwnFramework(id: string): boolean {
    return this.own.framework(id) !== null;
  }

  /** `CODE` → the newest version, `CODE:VERSION` → that one, public or own; null when there is none. */
  findFramework(ref: string, field: string): Framework | null {
    return findFrameworkVersion(this.frameworks as Framework[], ref, field);
  }

  /** Like findFramework, but a reference to nothing is NOT_FOUND on `field`, naming what exists for this organization. */
  resolveFramework(ref: string, field: string): Framework {
    return resolveFrameworkVersion(this.frameworks as Framework[], ref, field);
  }

  requirementByRef(frameworkId: string, refId: string): Requirement | null {
    return this.indexOf(frameworkId).requirementByRef(frameworkId, refId);
  }

  /** The index that holds the framework: the organization's own, else the public one. */
  indexOf(frameworkId: string): CatalogIndex {
    return this.own.framework(frameworkId) !== null ? this.own : this.catalog;
  }

  requirementCount(frameworkId: string, assessableOnly: boolean): number {
    return this.indexOf(frameworkId).requirementCount(frameworkId, assessableOnly);
  }

  requirementPage(...args: Parameters<CatalogIndex['requirementPage']>): ReturnType<CatalogIndex['requirementPage']> {
    return this.indexOf(args[0]).requirementPage(...args);
  }

  /** Public mapping sets, then the organization's own, each list by key. */
  listMappingSets(sourceIds: readonly string[] | undefined, targetIds: readonly string[] | undefined): MappingSet[] {
    const own = this.own.isEmpty ? [] : this.own.listMappingSets(sourceIds, targetIds);
    return [...this.catalog.listMappingSets(sourceIds, targetIds), ...own];
  }
}
