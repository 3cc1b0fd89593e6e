/**
 * The DataSource for the TypeORM CLI (`npm run migration:generate`, `migration:revert`). It needs DATABASE_URL: the
 * CLI is a developer tool and does not start the embedded server.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL must point at a PostgreSQL server for the TypeORM CLI');

export default new DataSource(dataSourceOptions(url));
