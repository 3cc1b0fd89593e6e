import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { Relation } from 'typeorm';
import { VendorEntity } from './vendor.entity';

/** One answer of a vendor to one question, by the question's stable key; `frameworks` names the questionnaire. */
@Entity({ name: 'vendor_answer' })
@Check('chk_vendor_answer_answer', `"answer" IN ('YES', 'PARTIAL', 'NO', 'NOT_APPLICABLE')`)
export class VendorAnswerEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'uuid', primaryKeyConstraintName: 'pk_vendor_answer' })
  organizationId: string;

  @PrimaryColumn({ name: 'vendor_id', type: 'uuid', primaryKeyConstraintName: 'pk_vendor_answer' })
  vendorId: string;

  @PrimaryColumn({ name: 'question_key', type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_vendor_answer' })
  questionKey: string;

  @ManyToOne(() => VendorEntity, { onDelete: 'CASCADE' })
  @JoinColumn([
    { name: 'organization_id', referencedColumnName: 'organizationId', foreignKeyConstraintName: 'fk_vendor_answer_vendor' },
    { name: 'vendor_id', referencedColumnName: 'id', foreignKeyConstraintName: 'fk_vendor_answer_vendor' },
  ])
  vendor?: Relation<VendorEntity>;

  /** The questionnaire's frameworks, CODE:VERSION, comma-separated, in the order asked. */
  @Column({ type: 'text' })
  frameworks: string;

  @Column({ type: 'varchar', length: 20 })
  answer: string;

  @Column({ type: 'text', nullable: true })
  evidence: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', default: () => 'now()' })
  answeredAt: Date;

  /** Groups the answers of one import with its audit event. */
  @Column({ name: 'import_id', type: 'uuid', nullable: true })
  importId: string | null;
}
