import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApplicabilityService } from '../applicability/applicability.service';
import type { Applicability } from '../applicability/models/applicability.model';
import { recordAudit } from '../audit/audit-log';
import { type AiRole, normalizeAiRoles } from '../catalog/ai-role';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { BadUserInputError, DomainError, ErrorCode, NotFoundError } from '../common/errors/domain-error';
import { TenantDb } from '../database/tenant-db';
import { returningRows } from '../database/returning';
import { isUniqueViolation } from '../database/sql-errors';
import type { Principal } from '../organizations/auth/principal';
import { OwnCatalogs } from '../own-catalog/own-catalogs';
import type { CreateAiSystemInput, UpdateAiSystemInput } from './models/ai-roles.args';
import type { AiRoleDeclaration, AiSystem } from './models/ai-roles.model';
import { type HeldRoles, type RoleSuggestionRow, suggestExclusions } from './role-suggestions';

const SYSTEM_COLUMNS = `id, name, roles, description, created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * The organization's AI roles (its declaration and its AI systems), and the exclusions they suggest. Every write is
 * audited in its transaction; accepting suggestions goes through the Statement of Applicability's own write.
 */
@Injectable()
export class AiRolesService {
  constructor(
    private readonly tenantDb: TenantDb,
    private readonly snapshots: CatalogSnapshots,
    private readonly ownCatalogs: OwnCatalogs,
    private readonly applicability: ApplicabilityService,
  ) {}

  declaration(organizationId: string): Promise<AiRoleDeclaration | null> {
    return this.tenantDb.run(organizationId, (manager) => this.readDeclaration(manager, organizationId));
  }

  private async readDeclaration(manager: EntityManager, organizationId: string): Promise<AiRoleDeclaration | null> {
    const [row]: AiRoleDeclaration[] = await manager.query(
      `SELECT d.roles, k.name AS "setBy", d.updated_at AS "setAt"
         FROM ai_role_declaration d LEFT JOIN api_key k ON k.organization_id = d.organization_id AND k.id = d.set_by_key_id
        WHERE d.organization_id = $1`,
      [organizationId],
    );
    return row ?? null;
  }

  async setRoles(principal: Principal, roles: readonly AiRole[]): Promise<AiRoleDeclaration> {
    const org = principal.organizationId;
    const normalized = normalizeAiRoles(roles);
    return this.tenantDb.write(org, async (manager) => {
      const before = await this.readDeclaration(manager, org);
      await manager.query(
        `INSERT INTO ai_role_declaration (organization_id, roles, set_by_key_id) VALUES ($1, $2::text[], $3)
         ON CONFLICT (organization_id) DO UPDATE SET roles = EXCLUDED.roles, set_by_key_id = EXCLUDED.set_by_key_id, updated_at = now()`,
        [org, normalized, principal.keyId],
      );
      await recordAudit(manager, principal, 'setAiRoles', { type: 'ai_role_declaration', id: org }, before ? { roles: before.roles } : null, { roles: normalized });
      return (await this.readDeclaration(manager, org))!;
    });
  }

  systems(organizationId: string): Promise<AiSystem[]> {
    return this.tenantDb.run(organizationId, (manager) =>
      manager.query(`SELECT ${SYSTEM_COLUMNS} FROM ai_system WHERE organization_id = $1 ORDER BY name, id`, [organizationId]),
    );
  }

  async createSystem(principal: Principal, input: CreateAiSystemInput): Promise<AiSystem> {
    const org = principal.organizationId;
    return this.nameConflict(input.name, () =>
      this.tenantDb.write(org, async (manager) => {
        const [system]: AiSystem[] = await manager.query(
          `INSERT INTO ai_system (organization_id, name, roles, description) VALUES ($1, $2, $3::text[], $4) RETURNING ${SYSTEM_COLUMNS}`,
          [org, input.name.trim(), normalizeAiRoles(input.roles), input.description ?? null],
        );
        await recordAudit(manager, principal, 'createAiSystem', { type: 'ai_system', id: system.id }, null, describe(system));
        return system;
      }),
    );
  }

  async updateSystem(principal: Principal, id: string, input: UpdateAiSystemInput): Promise<AiSystem> {
    const org = principal.organizationId;
    return this.nameConflict(input.name ?? '', () =>
      this.tenantDb.write(org, async (manager) => {
        const [before]: AiSystem[] = await manager.query(`SELECT ${SYSTEM_COLUMNS} FROM ai_system WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [org, id]);
        if (!before) throw notFound();
        const [after] = returningRows<AiSystem>(await manager.query(
          `UPDATE ai_system SET name = $3, roles = $4::text[], description = $5, updated_at = now() WHERE organization_id = $1 AND id = $2 RETURNING ${SYSTEM_COLUMNS}`,
          [
            org,
            id,
            input.name === undefined ? before.name : input.name.trim(),
            input.roles === undefined ? before.roles : normalizeAiRoles(input.roles),
            input.description === undefined ? before.description : input.description,
          ],
        ));
        await recordAudit(manager, principal, 'updateAiSystem', { type: 'ai_system', id }, describe(before), describe(after));
        return after;
      }),
    );
  }

  async deleteSystem(principal: Principal, id: string): Promise<boolean> {
    const org = principal.organizationId;
    return this.tenantDb.write(org, async (manager) => {
      const [before] = returningRows<AiSystem>(await manager.query(`DELETE FROM ai_system WHERE organization_id = $1 AND id = $2 RETURNING ${SYSTEM_COLUMNS}`, [org, id]));
      if (!before) throw notFound();
      await recordAudit(manager, principal, 'deleteAiSystem', { type: 'ai_system', id }, describe(before), null);
      return true;
    });
  }

  /** The suggested exclusions of one framework (own frameworks too: their requirements carry no tags, so none). */
  async suggestions(organizationId: string, frameworkRef: string): Promise<RoleSuggestionRow[]> {
    const catalog = await this.ownCatalogs.forOrganization(organizationId, await this.snapshots.get());
    const framework = catalog.resolveFramework(frameworkRef, 'framework');
    const requirements = catalog.indexOf(framework.id).requirementsOfFramework(framework.id);
    const held = await this.held(organizationId);
    return suggestExclusions(framework, requirements, held);
  }

  private held(organizationId: string): Promise<HeldRoles> {
    return this.tenantDb.run(organizationId, async (manager) => {
      const rows: Array<{ name: string | null; roles: AiRole[] }> = await manager.query(
        `SELECT NULL::text AS name, roles FROM ai_role_declaration WHERE organization_id = $1
         UNION ALL SELECT name, roles FROM (SELECT name, roles FROM ai_system WHERE organization_id = $1 ORDER BY name) s`,
        [organizationId],
      );
      return {
        declared: rows.find((r) => r.name === null)?.roles ?? [],
        systems: rows.filter((r): r is { name: string; roles: AiRole[] } => r.name !== null),
      };
    });
  }

  /**
   * Writes the chosen suggestions as exclusions into the Statement of Applicability, attributed to the accepting key,
   * with the generated justification. A refId that is not a current suggestion refuses the whole call.
   */
  async accept(principal: Principal, frameworkRef: string, refIds: readonly string[]): Promise<Applicability[]> {
    const current = new Map((await this.suggestions(principal.organizationId, frameworkRef)).map((s) => [s.refId, s]));
    const seen = new Set<string>();
    const lines: Array<{ refId: string; applicable: boolean; justification: string }> = [];
    refIds.forEach((refId, i) => {
      const suggestion = current.get(refId);
      if (!suggestion) {
        throw new BadUserInputError(
          `refIds[${i}]`,
          `"${refId}" is not a current role suggestion for ${frameworkRef}; nothing was written. ` +
            (current.size === 0
              ? 'There are none: declare roles with setAiRoles (or AI systems) first, or exclude it with setApplicability.'
              : `roleApplicability lists the current ones (${[...current.keys()].slice(0, 10).join(', ')}${current.size > 10 ? ', …' : ''}).`),
        );
      }
      if (seen.has(refId)) return;
      seen.add(refId);
      lines.push({ refId, applicable: false, justification: suggestion.justification });
    });
    return this.applicability.setApplicabilities(principal, frameworkRef, lines, 'acceptRoleSuggestion');
  }

  private async nameConflict<T>(name: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error, 'uq_ai_system_name')) {
        throw new DomainError(ErrorCode.CONFLICT, `input.name: an AI system named "${name.trim()}" already exists; choose another name`, 'input.name');
      }
      throw error;
    }
  }
}

function notFound(): NotFoundError {
  return new NotFoundError('id', 'the organization has no AI system with this id; `aiSystems { id name }` lists them');
}

function describe(system: AiSystem) {
  return { name: system.name, roles: system.roles, description: system.description };
}
