/**
 * Loads `mappings/` into the database: read, validate, and write in one transaction, but only when the files' content
 * hash differs from the one last loaded (or when forced). Idempotent, and all-or-nothing: a bad file or a failed write
 * leaves the database exactly as it was. Concurrent loaders (replicas starting together) queue on an advisory lock.
 */
import type { DataSource } from 'typeorm';
import { writeCatalog, type WriteCounts } from './catalog-writer';
import { formatMappingError, type MappingError } from './mapping-files';
import { readMappingFiles } from './mapping-files.reader';
import { validateMappingFiles, type ValidatedCatalog } from './mapping-files.validator';

const LOAD_LOCK = 0x43575f4c; // "CW_L"

export class MappingValidationError extends Error {
  constructor(readonly errors: MappingError[]) {
    super(
      `mappings are invalid (${errors.length} error${errors.length === 1 ? '' : 's'}); nothing was loaded:\n` +
        errors.slice(0, 50).map((e) => `  ${formatMappingError(e)}`).join('\n') +
        (errors.length > 50 ? `\n  … and ${errors.length - 50} more` : ''),
    );
  }
}

export interface LoadResult {
  /** False when the database already held this exact content. */
  changed: boolean;
  contentHash: string;
  catalogVersion: number;
  counts?: WriteCounts;
  durationMs: number;
}

/** Reads and validates a mappings folder; throws MappingValidationError listing every problem. */
export function readValidCatalog(mappingsDir: string): ValidatedCatalog {
  const read = readMappingFiles(mappingsDir);
  const { catalog, errors } = validateMappingFiles(read.files);
  const all = [...read.errors, ...errors];
  if (all.length === 0 && catalog.frameworks.length === 0) {
    // Loading nothing would delete the whole catalog: far more likely a wrong folder than an intent.
    all.push({ file: mappingsDir, path: '', message: 'no framework files under frameworks/; check CROSSWALK_MAPPINGS_DIR' });
  }
  if (all.length > 0) throw new MappingValidationError(all);
  return catalog;
}

export async function loadCatalog(
  dataSource: DataSource,
  mappingsDir: string,
  options: { force?: boolean } = {},
): Promise<LoadResult> {
  const started = Date.now();
  const catalog = readValidCatalog(mappingsDir);
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [LOAD_LOCK]);
    const [state]: Array<{ content_hash: string; version: number }> = await manager.query(
      'SELECT content_hash, version FROM catalog_state WHERE id = 1',
    );
    if (state && state.content_hash === catalog.contentHash && !options.force) {
      return { changed: false, contentHash: state.content_hash, catalogVersion: state.version, durationMs: Date.now() - started };
    }
    const counts = await writeCatalog(manager, catalog);
    const [{ version }]: Array<{ version: number }> = await manager.query(
      `INSERT INTO catalog_state (id, content_hash, version, loaded_at, framework_count, requirement_count, edge_count)
       VALUES (1, $1, 1, now(), $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET content_hash = EXCLUDED.content_hash, version = catalog_state.version + 1,
         loaded_at = now(), framework_count = EXCLUDED.framework_count,
         requirement_count = EXCLUDED.requirement_count, edge_count = EXCLUDED.edge_count
       RETURNING version`,
      [catalog.contentHash, counts.frameworks, counts.requirements, counts.edges],
    );
    return { changed: true, contentHash: catalog.contentHash, catalogVersion: version, counts, durationMs: Date.now() - started };
  });
}
