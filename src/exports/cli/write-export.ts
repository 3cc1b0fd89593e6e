/**
 * The work behind `npm run export`: opens the database, takes the catalog as the service reads it, and builds the
 * export with the code behind GET /export/… (crosswalkWorkbook; SoaExport over ApplicabilityService and
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
import { CommonControlsArgs, Soc2PlusArgs } from '../../coverage/models/coverage.args';
import { withMigratedDatabase } from '../../database/database-server';
import { TenantDb } from '../../database/tenant-db';
import { ExecutionBudget } from '../../graphql/execution-budget.plugin';
import { RequestScope } from '../../graphql/request-scope';
import { OrganizationsService } from '../../organizations/organizations.service';
import { TenantStateCache } from '../../tenant-state/tenant-state.cache';
import type { TenantEntry } from '../../tenant-state/tenant-entry';
import { CommonControlsExport } from '../common-controls-export';
import { crosswalkWorkbook } from '../crosswalk-export';
import { writeCsv } from '../csv-writer';
import { type ExportFormat, exportFileName, pickSheet, readFrameworkList } from '../export-file';
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
      refs = [values.framework ?? values.additional ?? values.frameworks!];
      const tenantDb = new TenantDb(dataSource);
      const snapshots = { get: async () => catalog } as unknown as CatalogSnapshots;
      const coverage = new CoverageService(tenantDb, new TenantStateCache<TenantEntry>({ maxBytes: 0, sizeOf: () => 1 }));
      const organizations = new OrganizationsService(dataSource, tenantDb);
      const soa = new SoaExport(
        new ApplicabilityService(snapshots, coverage, tenantDb),
        coverage,
        new ControlsService(dataSource, tenantDb, snapshots),
        organizations,
      );
      // The organization named on the command line, read as one of its keys would read it; no key is checked.
      const noKey = () => Promise.reject(new DomainError(ErrorCode.UNAUTHENTICATED, 'the command line has no key'));
      const scope = new RequestScope({ headers: {} } as FastifyRequest, catalog, new ExecutionBudget({ maxMs: Infinity, maxBytes: Infinity }), noKey);
      const principal = { organizationId: values.org!, keyId: '', role: 'AUDITOR' as const };
      book = name === 'soc2-plus'
        ? await new Soc2PlusExport(coverage, organizations).workbook(scope, principal, await readFrameworkList('additional', values.additional!, Soc2PlusArgs), now)
        : name === 'common-controls'
          ? await new CommonControlsExport(coverage, organizations).workbook(scope, principal, await readFrameworkList('frameworks', values.frameworks!, CommonControlsArgs), now)
          : await soa.workbook(scope, principal, values.framework!, now);
    }
    if (format === 'xlsx') return { name: exportFileName(name, refs, now, 'xlsx'), body: await writeXlsx(book) };
    const sheet = pickSheet(book, values.sheet);
    return { name: exportFileName(name, refs, now, 'csv', sheet), body: writeCsv(sheet), sheet: sheet.name };
  });
}
