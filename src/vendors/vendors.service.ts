import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { recordAudit } from '../audit/audit-log';
import { BadUserInputError, DomainError, ErrorCode, NotFoundError } from '../common/errors/domain-error';
import { TenantDb } from '../database/tenant-db';
import type { AuditActor } from '../audit/audit-log';
import type { VendorAnswerValue } from './vendor-controls';
import type { Vendor } from './models/vendor.model';

/** The most vendors one organization keeps: `vendors` is one list, and this bounds it. */
export const VENDORS_MAX = 1000;

const VENDOR_COLUMNS = `v.id, v.name, v.contact, v.created_at AS "createdAt",
  COALESCE((SELECT string_to_array(min(a.frameworks), ',') FROM vendor_answer a WHERE a.organization_id = v.organization_id AND a.vendor_id = v.id), '{}') AS "frameworks",
  (SELECT count(*)::int FROM vendor_answer a WHERE a.organization_id = v.organization_id AND a.vendor_id = v.id) AS "answerCount",
  (SELECT max(a.answered_at) FROM vendor_answer a WHERE a.organization_id = v.organization_id AND a.vendor_id = v.id) AS "answeredAt"`;

export interface StoredAnswer {
  key: string;
  answer: VendorAnswerValue;
  evidence: string | null;
}

/** A vendor's answers, as kept: the questionnaire's frameworks and one answer per question key. */
export interface StoredAnswers {
  frameworks: string[];
  answers: StoredAnswer[];
}

/** The organization's vendors and their answers. Every change writes an audit event in its transaction. */
@Injectable()
export class VendorsService {
  constructor(private readonly tenantDb: TenantDb) {}

  list(organizationId: string): Promise<Vendor[]> {
    return this.tenantDb.run(organizationId, (manager) => this.read(manager, organizationId));
  }

  async get(organizationId: string, id: string): Promise<Vendor | null> {
    const [vendor] = await this.tenantDb.run(organizationId, (manager) => this.read(manager, organizationId, 'AND v.id = $2', [id]));
    return vendor ?? null;
  }

  private read(manager: EntityManager, organizationId: string, where = '', params: unknown[] = []): Promise<Vendor[]> {
    return manager.query(`SELECT ${VENDOR_COLUMNS} FROM vendor v WHERE v.organization_id = $1 ${where} ORDER BY v.name, v.id`, [organizationId, ...params]);
  }

  /** NOT_FOUND on `field` unless the organization has this vendor; in the caller's transaction, locking it. */
  async lockVendor(manager: EntityManager, organizationId: string, id: string, field: string): Promise<Vendor> {
    const found: Array<{ id: string }> = await manager.query(`SELECT id FROM vendor WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [organizationId, id]);
    if (found.length === 0) throw new NotFoundError(field, 'the organization has no vendor with this id; `vendors { id name }` lists them');
    const [vendor] = await this.read(manager, organizationId, 'AND v.id = $2', [id]);
    return vendor;
  }

  async create(actor: AuditActor, name: string, contact: string | null): Promise<Vendor> {
    const org = actor.organizationId;
    const trimmed = name.trim();
    return this.tenantDb.write(org, async (manager) => {
      // Creations of one organization take turns, so the count below holds until this one commits.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('vendor:' || $1, 0))`, [org]);
      const [{ count }]: Array<{ count: number }> = await manager.query(`SELECT count(*)::int AS count FROM vendor WHERE organization_id = $1`, [org]);
      if (count >= VENDORS_MAX) throw new BadUserInputError('input.name', `the organization has ${VENDORS_MAX} vendors, the most kept; delete one first`);
      const taken: unknown[] = await manager.query(`SELECT 1 FROM vendor WHERE organization_id = $1 AND name = $2`, [org, trimmed]);
      if (taken.length > 0) throw new DomainError(ErrorCode.CONFLICT, `input.name: a vendor named "${trimmed.slice(0, 60)}" exists already; names are unique within the organization; choose another name`, 'input.name');
      const [{ id }]: Array<{ id: string }> = await manager.query(`INSERT INTO vendor (organization_id, name, contact) VALUES ($1, $2, $3) RETURNING id`, [org, trimmed, contact]);
      const [vendor] = await this.read(manager, org, 'AND v.id = $2', [id]);
      await recordAudit(manager, actor, 'createVendor', { type: 'vendor', id }, null, { name: vendor.name, contact: vendor.contact });
      return vendor;
    });
  }

  async delete(actor: AuditActor, id: string): Promise<boolean> {
    const org = actor.organizationId;
    return this.tenantDb.write(org, async (manager) => {
      const before = await this.lockVendor(manager, org, id, 'id');
      await manager.query(`DELETE FROM vendor WHERE organization_id = $1 AND id = $2`, [org, id]);
      await recordAudit(manager, actor, 'deleteVendor', { type: 'vendor', id }, { name: before.name, contact: before.contact, answerCount: before.answerCount }, null);
      return true;
    });
  }

  async answers(organizationId: string, vendorId: string, field: string): Promise<StoredAnswers> {
    return this.tenantDb.run(organizationId, async (manager) => {
      const found: unknown[] = await manager.query(`SELECT 1 FROM vendor WHERE organization_id = $1 AND id = $2`, [organizationId, vendorId]);
      if (found.length === 0) throw new NotFoundError(field, 'the organization has no vendor with this id; `vendors { id name }` lists them');
      const rows: Array<{ key: string; answer: VendorAnswerValue; evidence: string | null; frameworks: string }> = await manager.query(
        `SELECT question_key AS key, answer, evidence, frameworks FROM vendor_answer WHERE organization_id = $1 AND vendor_id = $2 ORDER BY question_key`,
        [organizationId, vendorId],
      );
      return { frameworks: rows.length > 0 ? rows[0].frameworks.split(',') : [], answers: rows.map(({ key, answer, evidence }) => ({ key, answer, evidence })) };
    });
  }
}
