import { Check, Column, CreateDateColumn, Entity, Unique, UpdateDateColumn } from 'typeorm';
import { FRAMEWORK_KINDS, type FrameworkKind } from '../framework-kind';
import { sqlIn } from '../../database/sql-in';
import { UuidPrimaryKey } from '../../database/uuid-primary-key';

/** One version of a framework (ISO27001:2022, SOC2:2017, …). Loaded from `mappings/frameworks/*.yaml`. */
@Entity({ name: 'framework' })
@Unique('uq_framework_code_version', ['code', 'version'])
@Check('chk_framework_kind', `"kind" IN (${sqlIn(FRAMEWORK_KINDS)})`)
export class FrameworkEntity {
  @UuidPrimaryKey()
  id: string;

  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 40 })
  version: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  publisher: string;

  @Column({ type: 'varchar', length: 40 })
  kind: FrameworkKind;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'licence_note', type: 'text' })
  licenceNote: string;

  /** Where the identifiers and titles came from: [{ title, url?, note? }]. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  sources: Array<{ title: string; url?: string; note?: string }>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
