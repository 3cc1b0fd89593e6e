import { PrimaryGeneratedColumn } from 'typeorm';

/**
 * A UUID primary key made by PostgreSQL itself: with `uuidExtension: 'pgcrypto'` TypeORM emits `gen_random_uuid()`,
 * which is built into PostgreSQL 13 and later, and `installExtensions: false` keeps it from creating an extension.
 */
export function UuidPrimaryKey(): PropertyDecorator {
  return PrimaryGeneratedColumn('uuid');
}
