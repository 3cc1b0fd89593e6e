/**
 * SQL for mapping sets and crosswalk edges. Batched by key, one statement per call, for the DataLoaders.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Page } from '../common/paging/connection.model';
import type { CrosswalkCondition, Rationale, Relationship } from '../graph/relationship';
import type { MappingSetEntity } from './entities/mapping-set.entity';

/** An edge as stored, plus which requirement of the batch it was fetched for. */
export interface EdgeRow {
  mappingSetId: string;
  sourceId: string;
  targetId: string;
  relationship: Relationship;
  rationale: Rationale | null;
  strength: number;
  note: string | null;
  evidence: string[];
  condition: CrosswalkCondition | null;
  position: number;
}

export type MappingSetRow = Omit<MappingSetEntity, 'sourceFramework' | 'targetFramework'>;

const EDGE_COLUMNS = `e.mapping_set_id AS "mappingSetId", e.source_requirement_id AS "sourceId",
  e.target_requirement_id AS "targetId", e.relationship, e.rationale, e.strength, e.note, e.evidence, e.condition, e.position`;
const SET_COLUMNS = `s.id, s.key, s.name, s.description, s.source_framework_id AS "sourceFrameworkId",
  s.target_framework_id AS "targetFrameworkId", s.method, s.status, s.author, to_char(s.published_on, 'YYYY-MM-DD') AS "publishedOn",
  s.licence, s.comprehensive, s.sources, s.source_file AS "sourceFile"`;

@Injectable()
export class CrosswalksRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Every edge touching the given requirements, as stored, once per requirement it touches (`outgoing` says from
   * which side it was found). With `otherFrameworkIds`, only edges whose far end is in
   * one of those framework versions.
   */
  edgesTouching(
    requirementIds: readonly string[],
    direction: { outgoing: boolean; incoming: boolean },
    otherFrameworkIds: readonly string[] | undefined,
  ): Promise<Array<EdgeRow & { outgoing: boolean }>> {
    const parts: string[] = [];
    const filterOther = (column: string) =>
      otherFrameworkIds ? ` AND ${column} IN (SELECT id FROM requirement WHERE framework_id = ANY($2::uuid[]))` : '';
    if (direction.outgoing) {
      parts.push(`SELECT ${EDGE_COLUMNS}, true AS outgoing, s.key AS "setKey" FROM crosswalk_edge e JOIN mapping_set s ON s.id = e.mapping_set_id WHERE e.source_requirement_id = ANY($1::uuid[])${filterOther('e.target_requirement_id')}`);
    }
    if (direction.incoming) {
      parts.push(`SELECT ${EDGE_COLUMNS}, false AS outgoing, s.key AS "setKey" FROM crosswalk_edge e JOIN mapping_set s ON s.id = e.mapping_set_id WHERE e.target_requirement_id = ANY($1::uuid[])${filterOther('e.source_requirement_id')}`);
    }
    // Mapping sets in key order, edges in file order: a stable, readable order for clients.
    return this.db.query(`${parts.join(' UNION ALL ')} ORDER BY "setKey", position`, otherFrameworkIds ? [requirementIds, otherFrameworkIds] : [requirementIds]);
  }

  mappingSetsByIds(ids: readonly string[]): Promise<MappingSetRow[]> {
    return this.db.query(`SELECT ${SET_COLUMNS} FROM mapping_set s WHERE s.id = ANY($1::uuid[])`, [ids]);
  }

  listMappingSets(sourceFrameworkIds?: string[], targetFrameworkIds?: string[]): Promise<MappingSetRow[]> {
    return this.db.query(
      `SELECT ${SET_COLUMNS} FROM mapping_set s
        WHERE ($1::uuid[] IS NULL OR s.source_framework_id = ANY($1::uuid[]))
          AND ($2::uuid[] IS NULL OR s.target_framework_id = ANY($2::uuid[]))
        ORDER BY s.key`,
      [sourceFrameworkIds ?? null, targetFrameworkIds ?? null],
    );
  }

  async edgeCounts(setIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ id: string; n: number }> = await this.db.query(
      `SELECT mapping_set_id AS id, count(*)::int AS n FROM crosswalk_edge WHERE mapping_set_id = ANY($1::uuid[]) GROUP BY 1`,
      [setIds],
    );
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** One page of edges per mapping set, in file order; `first + 1` rows to tell whether more follow. */
  async pageEdges(setIds: readonly string[], first: number, afterPosition: number | undefined): Promise<Map<string, Page<EdgeRow>>> {
    const [rows, counts] = await Promise.all([
      this.db.query(
        `SELECT * FROM (
           SELECT ${EDGE_COLUMNS}, row_number() OVER (PARTITION BY e.mapping_set_id ORDER BY e.position) AS rn
             FROM crosswalk_edge e WHERE e.mapping_set_id = ANY($1::uuid[]) AND e.position > $2
         ) page WHERE rn <= $3 ORDER BY "mappingSetId", position`,
        [setIds, afterPosition ?? -1, first + 1],
      ) as Promise<Array<EdgeRow & { rn: number }>>,
      this.edgeCounts(setIds),
    ]);
    const pages = new Map<string, Page<EdgeRow>>(setIds.map((id) => [id, { rows: [], totalCount: counts.get(id) ?? 0 }]));
    for (const { rn: _rn, ...row } of rows) pages.get(row.mappingSetId)?.rows.push(row);
    return pages;
  }
}
