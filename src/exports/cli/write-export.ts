/**
 * The work behind `npm run export`: opens the database, takes the catalog as the service reads it, and builds the
 * export with the code behind GET /export/… (crosswalkWorkbook; SoaExport, CoverageExport and GapsExport over ApplicabilityService and
 * CoverageService, built here by hand as Nest would wire them, without a server).
 */
import type { FastifyRequest } from 'fastify';
import { ApplicabilityService } from '../../applicability/applicability.service';
import { CatalogSnapshot } from '../../catalog/catalog-snapshot';
import type { CatalogSnapshots } from '../../catalog/catalog-snapshots';
import { readCatalogRows } from '../../catalog/catalog.repository';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import type { AppConfig } from '../../config/app-config';
import { ControlsService } from '../../controls/controls.service';
import { CoverageService } from '../../coverage/coverage.service';
import { CommonControlsArgs, CoverageArgs, GapAnalysisArgs, Soc2PlusArgs } from '../../coverage/models/coverage.args';
import { withMigratedDatabase } from '../../database/database-server';
import { TenantDb } from '../../database/tenant-db';
import { ExecutionBudget } from '../../graphql/execution-budget.plugin';
import { RequestScope } from '../../graphql/request-scope';
import { OrganizationsService } from '../../organizations/organizations.service';
import { TenantStateCache } from '../../tenant-state/tenant-state.cache';
import type { TenantEntry } from '../../tenant-state/tenant-entry';
import { CommonControlsExport } from '../common-controls-export';
import { CoverageExport } from '../coverage-export';
import { crosswalkWorkbook } from '../crosswalk-export';
import { writeCsv } from '../csv-writer';
import { type ExportFormat, exportFileName, pickSheet, readFrameworkList } from '../export-file';
import { GapsExport } from '../gaps-export';
import type { Workbook } from '../sheet';
import { SoaExport } from '../soa-export';
import { Soc2PlusExport } from '../soc2-plus-export';
import { writeXlsx } from '../xlsx-writer';

export interface ExportRequest {
  name: string;
  values: Record<string, string | undefined>;
  format: ExportFormat;
}

export async function writeExport(config: AppConfig, log: (message: string) => void, request: ExportRequest): Promise<{ name: string; body: Buffer; sheet?: string }> {
  const { name, values, format } = request;
  return withMigratedDatabase(config, log, async (dataSource) => {
    const catalog = new CatalogSnapshot(await readCatalogRows(dataSource));
    const now = new Date();
    let book: Workbook;
    let refs: string[];
    if (name === 'crosswalk') {
      refs = [values.source!, values.target!];
      book = crosswalkWorkbook(catalog, { source: values.source!, target: values.target! }, now);
    } else {
      const tenantDb = new TenantDb(dataSource);
      const snapshots = { get: async () => catalog } as unknown as CatalogSnapshots;
      const coverage = new CoverageService(tenantDb, new TenantStateCache<TenantEntry>({ maxBytes: 0, sizeOf: () => 1 }));
      const organizations = new OrganizationsService(dataSource, tenantDb);
      const controls = new ControlsService(dataSource, tenantDb, snapshots);
      const soa = new SoaExport(new ApplicabilityService(snapshots, coverage, tenantDb), coverage, controls, organizations);
      // The organization named on the command line, read as one of its keys would read it; no key is checked.
      const noKey = () => Promise.reject(new DomainError(ErrorCode.UNAUTHENTICATED, 'the command line has no key'));
      const scope = new RequestScope({ headers: {} } as FastifyRequest, catalog, new ExecutionBudget({ maxMs: Infinity, maxBytes: Infinity }), noKey);
      const principal = { organizationId: values.org!, keyId: '', role: 'AUDITOR' as const };
      if (name === 'soc2-plus') {
        refs = [values.additional!];
        book = await new Soc2PlusExport(coverage, organizations).workbook(scope, principal, await readFrameworkList('additional', values.additional!, Soc2PlusArgs), now);
      } else if (name === 'common-controls') {
        refs = [values.frameworks!];
        book = await new CommonControlsExport(coverage, organizations).workbook(scope, principal, await readFrameworkList('frameworks', values.frameworks!, CommonControlsArgs), now);
      } else if (name === 'coverage') {
        refs = [values.frameworks!];
        book = await new CoverageExport(coverage, organizations).workbook(scope, principal, await readFrameworkList('frameworks', values.frameworks!, CoverageArgs), now);
      } else if (name === 'gaps') {
        refs = [values.target!, ...(values.have === undefined ? [] : [values.have])];
        const have = values.have === undefined ? undefined : await readFrameworkList('have', values.have, GapAnalysisArgs, { target: values.target });
        book = await new GapsExport(coverage, controls, organizations).workbook(scope, principal, values.target!, have, now);
      } else {
        refs = [values.framework!];
        book = await soa.workbook(scope, principal, values.framework!, now);
      }
    }
    if (format === 'xlsx') return { name: exportFileName(name, refs, now, 'xlsx'), body: await writeXlsx(book) };
    const sheet = pickSheet(book, values.sheet);
    return { name: exportFileName(name, refs, now, 'csv', sheet), body: writeCsv(sheet), sheet: sheet.name };
  });
}
