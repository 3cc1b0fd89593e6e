/**
 * The work behind `npm run import -- controls`: opens the database, reads the file with the reader behind
 * POST /import/controls, and imports it with ControlImportService (built here by hand as Nest would wire it). Shows a
 * progress bar on a terminal and plain lines otherwise, on stderr; the report goes to stdout.
 */
import { CatalogSnapshots } from '../../catalog/catalog-snapshots';
import type { AppConfig } from '../../config/app-config';
import { OwnCatalogs } from '../../own-catalog/own-catalogs';
import { TenantDb } from '../../database/tenant-db';
import { readControlFile } from '../control-file';
import { ControlImportService, IMPORT_STEPS, type ImportStep } from '../control-import.service';
import type { ControlImportReport, ImportMode } from '../control-import.types';
import { ImportFileError } from '../import-file-error';
import { Progress, withImportOrganization } from './progress';

export interface ControlFileCommand {
  organizationId: string;
  mode: ImportMode;
  dryRun: boolean;
  format: 'csv' | 'xlsx';
  bytes: Buffer;
  file: string;
}

/** What the command prints: the counts, then every problem, one a line, as a person reads them. */
function describe(report: ControlImportReport, unknownColumns: string[]): string[] {
  const lines: string[] = [];
  if (unknownColumns.length > 0) lines.push(`columns not read (their cells are ignored): ${unknownColumns.join(', ')}`);
  if (!report.ok) {
    lines.push(`refused: ${report.problemCount} problem(s); nothing was written`);
    for (const p of report.problems) lines.push(`  row ${p.row}, column ${p.column}${p.value === null ? '' : `, value ${JSON.stringify(p.value)}`}: ${p.reason}`);
    if (report.problemCount > report.problems.length) lines.push(`  … and ${report.problemCount - report.problems.length} more`);
    return lines;
  }
  const counts = `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged; links: ${report.linksAdded} added, ${report.linksChanged} changed, ${report.linksRemoved} removed`;
  lines.push(report.dryRun ? `dry run, nothing written: would be ${counts}` : `imported: ${counts}; audit events grouped under import ${report.importId}`);
  return lines;
}

export async function importControlFile(config: AppConfig, command: ControlFileCommand): Promise<number> {
  // Reading the file, then the import's stages (a dry run stops once it has planned).
  const progress = new Progress(1 + (command.dryRun ? IMPORT_STEPS.indexOf('locked and planned') + 1 : IMPORT_STEPS.length));
  return withImportOrganization(config, command.organizationId, progress, async (dataSource) => {
    let file;
    try {
      file = await readControlFile(command.bytes, command.format);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      progress.stop();
      console.error(`import: ${command.file}: refused (${error.code}): ${error.message}; nothing was written`);
      return 1;
    }
    progress.step(`read ${file.rows.length} row(s) from ${command.file}`);
    const tenantDb = new TenantDb(dataSource);
    const service = new ControlImportService(tenantDb, CatalogSnapshots.unwatched(dataSource), new OwnCatalogs(tenantDb));
    const report = await service.importControls({ organizationId: command.organizationId, keyId: null }, file.rows, {
      dryRun: command.dryRun,
      mode: command.mode,
      rowNumbers: file.rowNumbers,
      onStep: (step: ImportStep) => progress.step(step),
    });
    progress.stop();
    for (const line of describe(report, file.unknownColumns)) console.log(line);
    return report.ok ? 0 : 1;
  });
}
