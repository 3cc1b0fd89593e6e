/**
 * SQL for the catalog: frameworks and requirements. Every method takes a batch of keys and returns in one statement,
 * so DataLoaders can serve a whole GraphQL query in a constant number of statements.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../common/paging/connection.model';
import type { Framework } from './models/framework.model';
import type { RequirementFilter } from './models/requirement-filter.input';
import type { Requirement } from './models/requirement.model';

const FRAMEWORK_COLUMNS = `id, code, version, name, publisher, kind, description, licence_note AS "licenceNote", sources`;
const REQUIREMENT_COLUMNS = `r.id, r.framework_id AS "frameworkId", r.parent_id AS "parentId", r.ref_id AS "refId", r.title,
  r.text, r.kind, r.assessable, r.hs_clause AS "hsClause", r.depth, r.position`;

@Injectable()
export class CatalogRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  listFrameworks(): Promise<Framework[]> {
    return this.db.query(`SELECT ${FRAMEWORK_COLUMNS} FROM framework ORDER BY code, version`);
  }

  frameworksByIds(ids: readonly string[]): Promise<Framework[]> {
    return this.db.query(`SELECT ${FRAMEWORK_COLUMNS} FROM framework WHERE id = ANY($1::uuid[])`, [ids]);
  }

  requirementsByIds(ids: readonly string[]): Promise<Requirement[]> {
    return this.db.query(`SELECT ${REQUIREMENT_COLUMNS} FROM requirement r WHERE r.id = ANY($1::uuid[])`, [ids]);
  }

  requirementByRef(frameworkId: string, refId: string): Promise<Requirement | undefined> {
    return this.db
      .query(`SELECT ${REQUIREMENT_COLUMNS} FROM requirement r WHERE r.framework_id = $1 AND r.ref_id = $2`, [frameworkId, refId])
      .then((rows: Requirement[]) => rows[0]);
  }

  childrenOf(parentIds: readonly string[]): Promise<Requirement[]> {
    return this.db.query(
      `SELECT ${REQUIREMENT_COLUMNS} FROM requirement r WHERE r.parent_id = ANY($1::uuid[]) ORDER BY r.position`,
      [parentIds],
    );
  }

  async countRequirements(frameworkIds: readonly string[], assessableOnly: boolean): Promise<Map<string, number>> {
    const rows: Array<{ frameworkId: string; n: number }> = await this.db.query(
      `SELECT framework_id AS "frameworkId", count(*)::int AS n FROM requirement
        WHERE framework_id = ANY($1::uuid[]) AND ($2::boolean IS FALSE OR assessable)
        GROUP BY framework_id`,
      [frameworkIds, assessableOnly],
    );
    return new Map(rows.map((r) => [r.frameworkId, r.n]));
  }

  /**
   * One page of requirements for each framework, in document order after `afterPosition`, with `first + 1` rows to
   * tell whether more follow, and the filtered total. Two statements for any number of frameworks.
   */
  async pageRequirements(
    frameworkIds: readonly string[],
    filter: RequirementFilter | undefined,
    first: number,
    afterPosition: number | undefined,
  ): Promise<Map<string, Page<Requirement>>> {
    const params: unknown[] = [frameworkIds];
    const where = ['r.framework_id = ANY($1::uuid[])'];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (filter?.kind !== undefined) add((p) => `r.kind = ${p}`, filter.kind);
    if (filter?.assessable !== undefined) add((p) => `r.assessable = ${p}`, filter.assessable);
    if (filter?.hsClause !== undefined) add((p) => `r.hs_clause = ${p}`, filter.hsClause);
    if (filter?.topLevel !== undefined) where.push(filter.topLevel ? 'r.parent_id IS NULL' : 'r.parent_id IS NOT NULL');
    if (filter?.parentRefId !== undefined) {
      add((p) => `r.parent_id IN (SELECT p.id FROM requirement p WHERE p.framework_id = r.framework_id AND p.ref_id = ${p})`, filter.parentRefId);
    }
    if (filter?.search !== undefined) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      add((p) => `(r.ref_id ILIKE ${p} OR r.title ILIKE ${p} OR r.text ILIKE ${p})`, pattern);
    }
    const filtered = where.join(' AND ');
    const countParams = [...params];
    params.push(afterPosition ?? -1, first + 1);
    const [rows, counts]: [Array<Requirement & { rn: number }>, Array<{ frameworkId: string; n: number }>] = await Promise.all([
      this.db.query(
        `SELECT * FROM (
           SELECT ${REQUIREMENT_COLUMNS}, row_number() OVER (PARTITION BY r.framework_id ORDER BY r.position) AS rn
             FROM requirement r WHERE ${filtered} AND r.position > $${params.length - 1}
         ) page WHERE rn <= $${params.length} ORDER BY "frameworkId", position`,
        params,
      ),
      this.db.query(
        `SELECT r.framework_id AS "frameworkId", count(*)::int AS n FROM requirement r WHERE ${filtered} GROUP BY r.framework_id`,
        countParams,
      ),
    ]);
    const total = new Map(counts.map((c) => [c.frameworkId, c.n]));
    const pages = new Map<string, Page<Requirement>>(frameworkIds.map((id) => [id, { rows: [], totalCount: total.get(id) ?? 0 }]));
    for (const { rn: _rn, ...row } of rows) pages.get(row.frameworkId)?.rows.push(row);
    return pages;
  }
}
