import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TenantDb } from '../database/tenant-db';
import { recordAudit } from '../audit/audit-log';
import { resolveFrameworkVersion } from '../catalog/framework-ref';
import type { Framework } from '../catalog/models/framework.model';
import { NotFoundError } from '../common/errors/domain-error';
import type { Principal } from './auth/principal';

export interface Applicability {
  requirementId: string;
  applicable: boolean;
  justification: string;
  updatedAt: Date;
}

/** What an organization has in scope, and its Statement of Applicability. */
@Injectable()
export class ScopeService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly tenantDb: TenantDb,
  ) {}

  async scope(organizationId: string): Promise<string[]> {
    const rows = await this.tenantDb.query<{ framework_id: string }>(organizationId, `SELECT framework_id FROM scope WHERE organization_id = $1`, [organizationId]);
    return rows.map((r) => r.framework_id);
  }

  async setScope(principal: Principal, frameworks: Framework[], refs: string[]): Promise<Framework[]> {
    const chosen = [...new Map(refs.map((ref, i) => resolveFrameworkVersion(frameworks, ref, `frameworks[${i}]`)).map((f) => [f.id, f])).values()];
    return this.tenantDb.run(principal.organizationId, async (manager) => {
      const before: Array<{ framework_id: string }> = await manager.query(`SELECT framework_id FROM scope WHERE organization_id = $1 FOR UPDATE`, [principal.organizationId]);
      await manager.query(`DELETE FROM scope WHERE organization_id = $1`, [principal.organizationId]);
      await manager.query(`INSERT INTO scope (organization_id, framework_id) SELECT $1, unnest($2::uuid[])`, [principal.organizationId, chosen.map((f) => f.id)]);
      const key = (ids: string[]) => frameworks.filter((f) => ids.includes(f.id)).map((f) => `${f.code}:${f.version}`).sort();
      await recordAudit(manager, principal, 'setScope', { type: 'scope', id: principal.organizationId }, key(before.map((r) => r.framework_id)), key(chosen.map((f) => f.id)));
      return chosen;
    });
  }

  async setApplicability(principal: Principal, frameworks: Framework[], args: { framework: string; refId: string; applicable: boolean; justification: string }): Promise<Applicability & { frameworkId: string }> {
    const framework = resolveFrameworkVersion(frameworks, args.framework, 'framework');
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM requirement WHERE framework_id = $1 AND ref_id = $2`, [framework.id, args.refId]);
    if (rows.length === 0) throw new NotFoundError('refId', `${framework.code}:${framework.version} has no requirement "${args.refId}"`);
    const requirementId = rows[0].id;
    return this.tenantDb.run(principal.organizationId, async (manager) => {
      const before: Array<{ applicable: boolean; justification: string }> = await manager.query(
        `SELECT applicable, justification FROM applicability WHERE organization_id = $1 AND requirement_id = $2 FOR UPDATE`,
        [principal.organizationId, requirementId],
      );
      const [after]: Array<{ updatedAt: Date }> = await manager.query(
        `INSERT INTO applicability (organization_id, requirement_id, applicable, justification) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id, requirement_id) DO UPDATE SET applicable = EXCLUDED.applicable, justification = EXCLUDED.justification, updated_at = now()
         RETURNING updated_at AS "updatedAt"`,
        [principal.organizationId, requirementId, args.applicable, args.justification],
      );
      await recordAudit(manager, principal, 'setApplicability', { type: 'applicability', id: requirementId }, before[0] ?? null, {
        framework: `${framework.code}:${framework.version}`,
        refId: args.refId,
        applicable: args.applicable,
        justification: args.justification,
      });
      return { requirementId, frameworkId: framework.id, applicable: args.applicable, justification: args.justification, updatedAt: after.updatedAt };
    });
  }

  async excludedRequirementIds(organizationId: string): Promise<string[]> {
    const rows = await this.tenantDb.query<{ requirement_id: string }>(
      organizationId,
      `SELECT requirement_id FROM applicability WHERE organization_id = $1 AND NOT applicable`,
      [organizationId],
    );
    return rows.map((r) => r.requirement_id);
  }
}
