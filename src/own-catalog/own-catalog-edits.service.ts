/**
 * The edits a person makes by hand to the organization's own catalog (issue 12): deleting an own framework, and
 * adding or removing single crosswalk edges in the organization's own mapping sets. Each runs in one tenant
 * transaction (TenantDb.write, under row-level security) that starts with beginOwnCatalogChange, so the organization's
 * overlay is rebuilt on the next read, its kept tenant state is dropped on commit, and two edits take turns.
 * Frameworks are resolved through the organization's TenantCatalog: another organization's own code is NOT_FOUND
 * exactly as a code that does not exist.
 */
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';
import { findFrameworkVersion } from '../catalog/framework-ref';
import type { Framework } from '../catalog/models/framework.model';
import { BadUserInputError, DomainError, ErrorCode, NotFoundError } from '../common/errors/domain-error';
import type { OwnCatalogLimits } from '../config/app-config';
import type { Crosswalk } from '../crosswalks/models/crosswalk.model';
import { CrosswalkDirection } from '../crosswalks/models/enums';
import { returningRows } from '../database/returning';
import { type TenantDb } from '../database/tenant-db';
import { type Rationale, type Relationship, strengthRange } from '../graph/relationship';
import { DEFAULT_PARTIAL_STRENGTH } from '../oscal/coverage-strength';
import type { Principal } from '../organizations/auth/principal';
import { beginOwnCatalogChange, checkOwnCatalogLimits } from './own-catalog.writes';
import { type OwnCatalogs } from './own-catalogs';
import type { TenantCatalog } from './tenant-catalog';

/** How many of the links that block a delete the CONFLICT names (then "and N more"). */
const LINKS_NAMED = 20;
/** The licence of what an organization writes by hand. */
export const OWN_LICENCE = "The organization's own";

export interface DeleteOwnFrameworkCounts {
  framework: string;
  requirements: number;
  mappingSets: number;
  edges: number;
  links: number;
  applicabilityDecisions: number;
  scopeEntries: number;
  managementSystemEntries: number;
}

export interface OwnEdgeInput {
  source: string;
  sourceRefId: string;
  target: string;
  targetRefId: string;
  relationship: Relationship;
  strength?: number | null;
  rationale?: Rationale | null;
  note?: string | null;
}

/** What strength an edge made by hand takes when none is given: the only one EQUAL and NOT_RELATED allow, else the middle. */
export function defaultStrength(relationship: Relationship): number {
  const [low, high] = strengthRange(relationship);
  return low === high ? low : DEFAULT_PARTIAL_STRENGTH;
}

const refOf = (f: Framework) => `${f.code}:${f.version}`;

/** Provided by OwnCatalogModule, which hands it the limits. */
export class OwnCatalogEditsService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly ownCatalogs: OwnCatalogs,
    private readonly limits: OwnCatalogLimits,
  ) {}

  /**
   * Deletes an own framework. Refused (CONFLICT) while controls link to its requirements, decisions of the Statement
   * of Applicability rest on them, or the scope or a management system names it, each named; with `force` those go
   * first (each with its audit event), then the framework, whose requirements, own mapping sets and edges cascade.
   */
  async deleteOwnFramework(principal: Principal, snapshot: CatalogSnapshot, ref: string, force: boolean): Promise<DeleteOwnFrameworkCounts> {
    const organizationId = principal.organizationId;
    const tenant = await this.ownCatalogs.forOrganization(organizationId, snapshot);
    const framework = ownFramework(tenant, ref);
    return this.tenantDb.write(organizationId, async (manager) => {
      await beginOwnCatalogChange(manager, organizationId);
      const params = [organizationId, framework.id];
      // The framework may have gone since the catalog was read (another delete): the lock above orders the two.
      const [still] = await manager.query<Array<{ id: string }>>(`SELECT id FROM framework WHERE organization_id = $1 AND id = $2`, params);
      if (!still) throw ownFrameworkNotFound(tenant, ref);
      const links = await manager.query<Array<{ controlId: string; code: string; requirementId: string; refId: string; coverage: string }>>(
        `SELECT c.id AS "controlId", c.code, r.id AS "requirementId", r.ref_id AS "refId", l.coverage
           FROM control_link l JOIN control c ON c.organization_id = l.organization_id AND c.id = l.control_id
           JOIN requirement r ON r.id = l.requirement_id
          WHERE l.organization_id = $1 AND r.framework_id = $2 ORDER BY c.code, r.position`,
        params,
      );
      const [uses] = await manager.query<Array<{ decisions: number; scope: number; systems: string[]; requirements: number; sets: number; edges: number }>>(
        `SELECT (SELECT count(*)::int FROM applicability a JOIN requirement r ON r.id = a.requirement_id WHERE a.organization_id = $1 AND r.framework_id = $2) AS decisions,
                (SELECT count(*)::int FROM scope WHERE organization_id = $1 AND framework_id = $2) AS scope,
                (SELECT coalesce(array_agg(m.name ORDER BY m.name), '{}') FROM management_system_framework f
                   JOIN management_system m ON m.organization_id = f.organization_id AND m.id = f.management_system_id
                  WHERE f.organization_id = $1 AND f.framework_id = $2) AS systems,
                (SELECT count(*)::int FROM requirement WHERE framework_id = $2) AS requirements,
                (SELECT count(*)::int FROM mapping_set WHERE organization_id = $1 AND (source_framework_id = $2 OR target_framework_id = $2)) AS sets,
                (SELECT count(*)::int FROM crosswalk_edge e JOIN mapping_set m ON m.id = e.mapping_set_id
                  WHERE e.organization_id = $1 AND (m.source_framework_id = $2 OR m.target_framework_id = $2)) AS edges`,
        params,
      );
      const blocked = links.length > 0 || uses.decisions > 0 || uses.scope > 0 || uses.systems.length > 0;
      if (blocked && !force) throw inUse(framework, links, uses);
      const actor = { organizationId, keyId: principal.keyId };
      if (blocked) await this.removeUses(manager, actor, framework, uses.systems);
      await manager.query(`DELETE FROM framework WHERE organization_id = $1 AND id = $2`, params);
      const counts: DeleteOwnFrameworkCounts = {
        framework: refOf(framework),
        requirements: uses.requirements,
        mappingSets: uses.sets,
        edges: uses.edges,
        links: links.length,
        applicabilityDecisions: uses.decisions,
        scopeEntries: uses.scope,
        managementSystemEntries: uses.systems.length,
      };
      await recordAudit(manager, actor, 'deleteOwnFramework', { type: 'framework', id: framework.id }, { code: framework.code, version: framework.version, name: framework.name }, { removed: counts, force });
      return counts;
    });
  }

  /**
   * Puts one edge into the organization's own mapping set from the source framework to the target, making that set
   * (method human, status draft, the key's name as author, today's date) when there is none. CONFLICT when an edge
   * between the two requirements exists already, in any set the organization sees, in either direction.
   */
  async createOwnMappingEdge(principal: Principal, snapshot: CatalogSnapshot, input: OwnEdgeInput): Promise<Crosswalk> {
    const organizationId = principal.organizationId;
    const tenant = await this.ownCatalogs.forOrganization(organizationId, snapshot);
    const source = tenant.resolveFramework(input.source, 'input.source');
    const target = tenant.resolveFramework(input.target, 'input.target');
    if (!tenant.isOwnFramework(source.id) && !tenant.isOwnFramework(target.id)) {
      throw new BadUserInputError('input.source', `${refOf(source)} and ${refOf(target)} are both public frameworks; an own edge needs at least one of the organization's own frameworks on either side`);
    }
    if (source.id === target.id) throw new BadUserInputError('input.target', 'must be another framework than the source; a mapping set joins two frameworks');
    const sourceRequirement = requirementOf(tenant, source, input.sourceRefId, 'input.sourceRefId');
    const targetRequirement = requirementOf(tenant, target, input.targetRefId, 'input.targetRefId');
    const [low, high] = strengthRange(input.relationship);
    const strength = input.strength ?? defaultStrength(input.relationship);
    if (strength < low || strength > high) {
      throw new BadUserInputError('input.strength', `${input.relationship} takes ${low === high ? `strength ${low}` : `a strength from ${low} to ${high}`}, not ${strength}`);
    }
    const rationale = input.rationale ?? 'SEMANTIC';
    const note = input.note?.trim() || null;
    return this.tenantDb.write(organizationId, async (manager) => {
      const counts = await beginOwnCatalogChange(manager, organizationId);
      const [existing] = await manager.query<Array<{ relationship: Relationship; key: string; own: boolean; forward: boolean }>>(
        `SELECT e.relationship, m.key, m.organization_id IS NOT NULL AS own, e.source_requirement_id = $1 AS forward
           FROM crosswalk_edge e JOIN mapping_set m ON m.id = e.mapping_set_id
          WHERE (e.source_requirement_id = $1 AND e.target_requirement_id = $2) OR (e.source_requirement_id = $2 AND e.target_requirement_id = $1)
          LIMIT 1`,
        [sourceRequirement.id, targetRequirement.id],
      );
      if (existing) {
        const [from, to] = existing.forward ? [sourceRequirement, targetRequirement] : [targetRequirement, sourceRequirement];
        throw new DomainError(
          ErrorCode.CONFLICT,
          `input: an edge ${from.refId} ${existing.relationship} ${to.refId} exists already in ${existing.own ? "the organization's own" : 'the public'} mapping set ${existing.key}; ` +
            (existing.own ? 'delete it with deleteOwnMappingEdge first to change it' : 'a public edge cannot be replaced'),
          'input',
        );
      }
      checkOwnCatalogLimits('input', counts, { edges: 1 }, this.limits);
      const actor = { organizationId, keyId: principal.keyId };
      const setId = await this.ownSet(manager, actor, source, target);
      const [edge] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO crosswalk_edge (organization_id, mapping_set_id, source_requirement_id, target_requirement_id, relationship, rationale, strength, note, position)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, coalesce(max(position) + 1, 0) FROM crosswalk_edge WHERE mapping_set_id = $2
         RETURNING id`,
        [organizationId, setId, sourceRequirement.id, targetRequirement.id, input.relationship, rationale, strength, note],
      );
      const after = { source: refOf(source), sourceRefId: sourceRequirement.refId, target: refOf(target), targetRefId: targetRequirement.refId, relationship: input.relationship, strength, rationale, note };
      await recordAudit(manager, actor, 'createOwnMappingEdge', { type: 'crosswalk_edge', id: edge.id }, null, after);
      return {
        sourceId: sourceRequirement.id,
        targetId: targetRequirement.id,
        mappingSetId: setId,
        relationship: input.relationship,
        rationale,
        strength,
        note,
        evidence: [],
        condition: null,
        reversed: false,
        equivalent: false,
      };
    });
  }

  /**
   * Removes the organization's own edge from source to target as stored; false when there is none. A public edge is
   * never the organization's own, so it is never found here.
   */
  async deleteOwnMappingEdge(principal: Principal, snapshot: CatalogSnapshot, args: Omit<OwnEdgeInput, 'relationship'>): Promise<boolean> {
    const organizationId = principal.organizationId;
    const tenant = await this.ownCatalogs.forOrganization(organizationId, snapshot);
    const source = tenant.resolveFramework(args.source, 'source');
    const target = tenant.resolveFramework(args.target, 'target');
    const sourceRequirement = requirementOf(tenant, source, args.sourceRefId, 'sourceRefId');
    const targetRequirement = requirementOf(tenant, target, args.targetRefId, 'targetRefId');
    const edge = tenant.own.isEmpty ? undefined : findOwnEdge(tenant, sourceRequirement.id, targetRequirement.id);
    // Nothing to delete: no write, so the organization's overlay is kept.
    if (!edge) return false;
    return this.tenantDb.write(organizationId, async (manager) => {
      await beginOwnCatalogChange(manager, organizationId);
      const removed = returningRows<{ id: string; relationship: string; strength: number; key: string }>(
        await manager.query(
        `DELETE FROM crosswalk_edge e
          WHERE e.organization_id = $1 AND e.source_requirement_id = $2 AND e.target_requirement_id = $3
          RETURNING e.id, e.relationship, e.strength, (SELECT m.key FROM mapping_set m WHERE m.id = e.mapping_set_id) AS key`,
        [organizationId, sourceRequirement.id, targetRequirement.id],
        ),
      );
      const actor = { organizationId, keyId: principal.keyId };
      for (const row of removed) {
        const before = { source: refOf(source), sourceRefId: sourceRequirement.refId, target: refOf(target), targetRefId: targetRequirement.refId, relationship: row.relationship, strength: row.strength, mappingSet: row.key };
        await recordAudit(manager, actor, 'deleteOwnMappingEdge', { type: 'crosswalk_edge', id: row.id }, before, null);
      }
      return removed.length > 0;
    });
  }

  /** Removes what uses the framework, each with the audit event its own mutation (unlinkControl, …) would record. */
  private async removeUses(
    manager: EntityManager,
    actor: { organizationId: string; keyId: string },
    framework: Framework,
    systems: string[],
  ): Promise<void> {
    const params = [actor.organizationId, framework.id, actor.keyId];
    // One statement each, whatever the number of rows: the events are made from what was deleted.
    await manager.query(
      `WITH removed AS (
         DELETE FROM control_link l USING requirement r WHERE l.organization_id = $1 AND r.id = l.requirement_id AND r.framework_id = $2
         RETURNING l.control_id, l.requirement_id, l.coverage, r.ref_id)
       INSERT INTO audit_event (organization_id, api_key_id, operation, entity_type, entity_id, before, after)
       SELECT $1, $3, 'unlinkControl', 'control_link', control_id || ':' || requirement_id,
              jsonb_build_object('coverage', coverage, 'refId', ref_id), jsonb_build_object('reason', 'deleteOwnFramework', 'framework', $4::text)
         FROM removed`,
      [...params, refOf(framework)],
    );
    await manager.query(
      `WITH removed AS (
         DELETE FROM applicability a USING requirement r WHERE a.organization_id = $1 AND r.id = a.requirement_id AND r.framework_id = $2
         RETURNING a.requirement_id, a.applicable, a.justification, r.ref_id)
       INSERT INTO audit_event (organization_id, api_key_id, operation, entity_type, entity_id, before, after)
       SELECT $1, $3, 'clearApplicability', 'applicability', requirement_id::text,
              jsonb_build_object('applicable', applicable, 'justification', justification, 'refId', ref_id), jsonb_build_object('reason', 'deleteOwnFramework', 'framework', $4::text)
         FROM removed`,
      [...params, refOf(framework)],
    );
    const scope = returningRows(await manager.query(`DELETE FROM scope WHERE organization_id = $1 AND framework_id = $2 RETURNING framework_id`, params.slice(0, 2)));
    if (scope.length > 0) await recordAudit(manager, actor, 'setScope', { type: 'scope', id: framework.id }, { framework: refOf(framework) }, { reason: 'deleteOwnFramework' });
    if (systems.length > 0) {
      await manager.query(`DELETE FROM management_system_framework WHERE organization_id = $1 AND framework_id = $2`, params.slice(0, 2));
      await recordAudit(manager, actor, 'setManagementSystem', { type: 'management_system', id: framework.id }, { framework: refOf(framework), managementSystems: systems }, { reason: 'deleteOwnFramework' });
    }
  }

  /** The organization's own mapping set from source to target, made (and audited) when there is none. */
  private async ownSet(manager: EntityManager, actor: { organizationId: string; keyId: string }, source: Framework, target: Framework): Promise<string> {
    const [set] = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM mapping_set WHERE organization_id = $1 AND source_framework_id = $2 AND target_framework_id = $3 ORDER BY key LIMIT 1`,
      [actor.organizationId, source.id, target.id],
    );
    if (set) return set.id;
    const key = `own__${refOf(source)}__${refOf(target)}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').slice(0, 120);
    const [made] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO mapping_set (organization_id, key, name, description, source_framework_id, target_framework_id, method, status, author, published_on, licence, comprehensive, sources, source_file)
       VALUES ($1, $2, $3, $4, $5, $6, 'human', 'draft', coalesce((SELECT name FROM api_key WHERE organization_id = $1 AND id = $7), 'unknown key'), current_date, $8, false, '[]', 'createOwnMappingEdge')
       RETURNING id`,
      [actor.organizationId, key, `${refOf(source)} → ${refOf(target)} (made by hand)`, 'Edges made one at a time with createOwnMappingEdge.', source.id, target.id, actor.keyId, OWN_LICENCE],
    );
    await recordAudit(manager, actor, 'createOwnMappingSet', { type: 'mapping_set', id: made.id }, null, { key, source: refOf(source), target: refOf(target) });
    return made.id;
  }
}

/** The organization's own framework `ref` names: a public code is NOT_FOUND exactly like one that does not exist. */
function ownFramework(tenant: TenantCatalog, ref: string): Framework {
  const found = findFrameworkVersion(tenant.own.frameworks as Framework[], ref, 'framework');
  if (!found) throw ownFrameworkNotFound(tenant, ref);
  return found;
}

function ownFrameworkNotFound(tenant: TenantCatalog, ref: string): NotFoundError {
  const known = tenant.own.frameworks.map(refOf).join(', ');
  return new NotFoundError('framework', `no own framework "${ref}"; the organization's own frameworks: ${known || 'none'} (public frameworks cannot be deleted)`);
}

function requirementOf(tenant: TenantCatalog, framework: Framework, refId: string, field: string) {
  const requirement = tenant.requirementByRef(framework.id, refId);
  if (!requirement) throw new NotFoundError(field, `${refOf(framework)} has no requirement "${refId}"`);
  return requirement;
}

function findOwnEdge(tenant: TenantCatalog, sourceId: string, targetId: string) {
  return tenant.own.crosswalks(sourceId, { direction: CrosswalkDirection.OUTGOING }).find((c) => c.targetId === targetId && !c.reversed);
}

/** The CONFLICT naming what uses the framework: the first links (control code → refId) and how many, and the rest. */
function inUse(
  framework: Framework,
  links: Array<{ code: string; refId: string }>,
  uses: { decisions: number; scope: number; systems: string[] },
): DomainError {
  const parts: string[] = [];
  if (links.length > 0) {
    const named = links.slice(0, LINKS_NAMED).map((l) => `${l.code} → ${l.refId}`).join(', ');
    parts.push(`${links.length} control link${links.length === 1 ? '' : 's'} (${named}${links.length > LINKS_NAMED ? `, and ${links.length - LINKS_NAMED} more` : ''})`);
  }
  if (uses.decisions > 0) parts.push(`${uses.decisions} applicability decision${uses.decisions === 1 ? '' : 's'}`);
  if (uses.scope > 0) parts.push('the scope');
  if (uses.systems.length > 0) parts.push(`management system${uses.systems.length === 1 ? '' : 's'} ${uses.systems.join(', ')}`);
  return new DomainError(
    ErrorCode.CONFLICT,
    `framework: ${refOf(framework)} is still used by ${parts.join('; ')}. Remove those first, or delete with force: true to remove them with it.`,
    'framework',
    { links: links.length, applicabilityDecisions: uses.decisions, scopeEntries: uses.scope, managementSystemEntries: uses.systems.length },
  );
}
