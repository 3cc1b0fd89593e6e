/**
 * The work behind `npm run import -- vendor-answers`: a vendor's answered questionnaire (the exported CSV or XLSX,
 * filled in) imported for the vendor named by --vendor, all or nothing, by VendorAnswersImportService (the code behind
 * POST /import/vendor-answers), built here by hand as Nest would wire it. Progress on stderr; the report on stdout.
 */
import { CatalogSnapshots } from '../../catalog/catalog-snapshots';
import { commandLineScope } from '../../common/cli/command-line-scope';
import type { AppConfig } from '../../config/app-config';
import { CoverageService } from '../../coverage/coverage.service';
import { TenantDb } from '../../database/tenant-db';
import { OwnCatalogs } from '../../own-catalog/own-catalogs';
import { TenantStateCache } from '../../tenant-state/tenant-state.cache';
import type { TenantEntry } from '../../tenant-state/tenant-entry';
import { readAnswerFile } from '../../vendors/vendor-answer-file';
import { VendorAnswersImportService, type VendorAnswersReport } from '../../vendors/vendor-answers-import.service';
import { VendorQuestionnaireService } from '../../vendors/vendor-questionnaire.service';
import { VendorsService } from '../../vendors/vendors.service';
import { ImportFileError } from '../import-file-error';
import { Progress, withImportOrganization } from './progress';

export interface VendorAnswersCommand {
  organizationId: string;
  vendorId: string;
  format: 'csv' | 'xlsx';
  bytes: Buffer;
  file: string;
}

/** The report as lines: the counts, or every problem (row, column, value, reason). */
function describe(report: VendorAnswersReport): string[] {
  if (!report.ok) {
    const lines = [`refused: ${report.problemCount} problem(s); nothing was written`];
    for (const p of report.problems) lines.push(`  row ${p.row}, column ${p.column}${p.value === null ? '' : `, value ${JSON.stringify(p.value)}`}: ${p.reason}`);
    if (report.problemCount > report.problems.length) lines.push(`  … and ${report.problemCount - report.problems.length} more`);
    return lines;
  }
  return [
    `imported answers to ${report.questionCount} question(s) over ${report.frameworks.join(', ')}: ${report.yes} YES, ${report.partial} PARTIAL, ` +
      `${report.no} NO, ${report.notApplicable} NOT_APPLICABLE, ${report.unanswered} unanswered; audit event under import ${report.importId}`,
  ];
}

export async function importVendorAnswersFile(config: AppConfig, command: VendorAnswersCommand): Promise<number> {
  const progress = new Progress(2);
  return withImportOrganization(config, command.organizationId, progress, async (dataSource) => {
    let rows;
    try {
      rows = await readAnswerFile(command.bytes, command.format);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      progress.stop();
      console.error(`import: ${command.file}: refused (${error.code}): ${error.message}; nothing was written`);
      return 1;
    }
    progress.step(`read ${rows.length} row(s) from ${command.file}`);
    const snapshots = CatalogSnapshots.unwatched(dataSource);
    const tenantDb = new TenantDb(dataSource);
    const coverage = new CoverageService(tenantDb, new TenantStateCache<TenantEntry>({ maxBytes: 0, sizeOf: () => 1 }), new OwnCatalogs(tenantDb));
    const service = new VendorAnswersImportService(tenantDb, new VendorQuestionnaireService(coverage), new VendorsService(tenantDb));
    const report = await service.import(commandLineScope(await snapshots.get()), { organizationId: command.organizationId, keyId: null }, command.vendorId, rows);
    progress.step(report.ok ? 'committed' : 'refused');
    progress.stop();
    for (const line of describe(report)) console.log(line);
    return report.ok ? 0 : 1;
  });
}
