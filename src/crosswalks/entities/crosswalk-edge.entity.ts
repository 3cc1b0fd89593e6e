import { Check, Column, Entity, Index, JoinColumn, ManyToOne, Unique } from 'typeorm';
import type { Relation } from 'typeorm';
import { RequirementEntity } from '../../catalog/entities/requirement.entity';
import { sqlIn } from '../../database/sql-in';
import { CONTAINMENT_RELATIONSHIPS, CROSSWALK_CONDITIONS, RATIONALES, RELATIONSHIPS } from '../../graph/relationship';
import type { CrosswalkCondition, Rationale, Relationship } from '../../graph/relationship';
import { MappingSetEntity } from './mapping-set.entity';
import { UuidPrimaryKey } from '../../database/uuid-primary-key';

/**
 * One crosswalk edge, stored once in the direction of its mapping set; the reverse reading is derived when read.
 * The database itself refuses rows that break the NIST IR 8477 / IR 8278A rules.
 */
@Entity({ name: 'crosswalk_edge' })
@Unique('uq_crosswalk_edge_pair', ['mappingSetId', 'sourceRequirementId', 'targetRequirementId'])
@Index('ix_crosswalk_edge_source', ['sourceRequirementId'])
@Index('ix_crosswalk_edge_target', ['targetRequirementId'])
@Index('ix_crosswalk_edge_set_position', ['mappingSetId', 'position'])
@Index('ix_crosswalk_edge_organization', ['organizationId'], { where: '"organization_id" IS NOT NULL' })
@Check('chk_crosswalk_edge_equivalent', `NOT "equivalent" OR "relationship" = 'EQUAL'`)
@Check('chk_crosswalk_edge_coverage', '"coverage" IS NULL OR "coverage" BETWEEN 0 AND 1')
@Check('chk_crosswalk_edge_relationship', `"relationship" IN (${sqlIn(RELATIONSHIPS)})`)
@Check('chk_crosswalk_edge_rationale', `"rationale" IS NULL OR "rationale" IN (${sqlIn(RATIONALES)})`)
@Check('chk_crosswalk_edge_strength_range', '"strength" BETWEEN 0 AND 10')
@Check('chk_crosswalk_edge_equal_is_10', `"relationship" <> 'EQUAL' OR "strength" = 10`)
@Check('chk_crosswalk_edge_not_related_is_0', `"relationship" <> 'NOT_RELATED' OR "strength" = 0`)
@Check(
  'chk_crosswalk_edge_partial_strength',
  `"relationship" IN ('EQUAL', 'NOT_RELATED') OR "strength" BETWEEN 1 AND 9`,
)
@Check('chk_crosswalk_edge_no_self_edge', '"source_requirement_id" <> "target_requirement_id"')
@Check('chk_crosswalk_edge_condition', `"condition" IS NULL OR ("condition" IN (${sqlIn(CROSSWALK_CONDITIONS)}) AND "relationship" IN (${sqlIn(CONTAINMENT_RELATIONSHIPS)}))`)
@Check('chk_crosswalk_edge_evidence', `jsonb_typeof("evidence") = 'array' AND ("relationship" IN (${sqlIn(CONTAINMENT_RELATIONSHIPS)}) OR "evidence" = '[]'::jsonb)`)
export class CrosswalkEdgeEntity {
  @UuidPrimaryKey()
  id: string;

  /** The owning organization, as its mapping set's; null for the public catalog. */
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId: string | null;

  @Column({ name: 'mapping_set_id', type: 'uuid' })
  mappingSetId: string;

  @ManyToOne(() => MappingSetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'mapping_set_id', foreignKeyConstraintName: 'fk_crosswalk_edge_mapping_set' })
  mappingSet?: Relation<MappingSetEntity>;

  @Column({ name: 'source_requirement_id', type: 'uuid' })
  sourceRequirementId: string;

  @ManyToOne(() => RequirementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_requirement_id', foreignKeyConstraintName: 'fk_crosswalk_edge_source' })
  sourceRequirement?: Relation<RequirementEntity>;

  @Column({ name: 'target_requirement_id', type: 'uuid' })
  targetRequirementId: string;

  @ManyToOne(() => RequirementEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'target_requirement_id', foreignKeyConstraintName: 'fk_crosswalk_edge_target' })
  targetRequirement?: Relation<RequirementEntity>;

  @Column({ type: 'varchar', length: 20 })
  relationship: Relationship;

  @Column({ type: 'varchar', length: 20, nullable: true })
  rationale: Rationale | null;

  @Column({ type: 'smallint' })
  strength: number;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** Containment edges: each demand of the contained requirement, matched to where the container makes it. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  evidence: string[];

  /** SAME_MANAGEMENT_SYSTEM: holds as typed only when one management system covers both frameworks. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  condition: CrosswalkCondition | null;

  /** Imported from OSCAL as equivalent-to (similar meaning), stored as EQUAL; false for equal-to and the rest. */
  @Column({ type: 'boolean', default: false })
  equivalent: boolean;

  /** OSCAL target-coverage (0–1) as imported; null when none was given. Strength is derived from it. */
  @Column({ type: 'double precision', nullable: true })
  coverage: number | null;

  /** OSCAL confidence-score as imported: the mapper's confidence that the map is right. */
  @Column({ name: 'confidence_score', type: 'jsonb', nullable: true })
  confidenceScore: Record<string, unknown> | null;

  /** The OSCAL map uuid an import kept, so that an export writes the same map. */
  @Column({ name: 'oscal_uuid', type: 'uuid', nullable: true })
  oscalUuid: string | null;

  /** Order within the set's file; the paging order of `MappingSet.edges`. */
  @Column({ type: 'integer' })
  position: number;
}
