/**
 * The work behind `npm run export`: opens the database, and makes the export EXPORT_REGISTRY describes with the code
 * behind GET /export/… (its services built here by hand as Nest would wire them, without a server), reading the
 * organization named by --org as one of its keys would.
 */
import type { DataSource } from 'typeorm';
import { ApplicabilityService } from '../../applicability/applicability.service';
import { CatalogSnapshots } from '../../catalog/catalog-snapshots';
import { commandLineScope } from '../../common/cli/command-line-scope';
import type { AppConfig } from '../../config/app-config';
import { ControlsService } from '../../controls/controls.service';
import { CoverageService } from '../../coverage/coverage.service';
import { withMigratedDatabase } from '../../database/database-server';
import { OwnCatalogs } from '../../own-catalog/own-catalogs';
import { TenantDb } from '../../database/tenant-db';
import { OrganizationsService } from '../../organizations/organizations.service';
import { TenantStateCache } from '../../tenant-state/tenant-state.cache';
import type { TenantEntry } from '../../tenant-state/tenant-entry';
import { CertificationPlanService } from '../../certification/certification-plan.service';
import { ManagementSystemsService } from '../../management-systems/management-systems.service';
import { CertificationPlanExport } from '../certification-plan-export';
import { CommonControlsExport } from '../common-controls-export';
import { VendorQuestionnaireExport } from '../vendor-questionnaire-export';
import { VendorQuestionnaireService } from '../../vendors/vendor-questionnaire.service';
import { CoverageExport } from '../coverage-export';
import { writeCsv } from '../csv-writer';
import { exportFileName, pickSheet, readExportLists } from '../export-file';
import { type ExportBuilders, exportRefs } from '../export-registry';
import { GapsExport } from '../gaps-export';
import { SoaExport } from '../soa-export';
import { Soc2PlusExport } from '../soc2-plus-export';
import { writeXlsx } from '../xlsx-writer';
import { OscalExport } from '../oscal-export';
import type { ExportCommand, OscalExportCommand } from './export-usage';

export async function writeExport(config: AppConfig, log: (message: string) => void, command: Omit<ExportCommand, 'out'>): Promise<{ name: string; body: Buffer; sheet?: string }> {
  const { definition, values, format } = command;
  // The parameters are held to their rules before the database is opened: a bad one costs nothing.
  const lists = await readExportLists(definition, values);
  return withMigratedDatabase(config, log, async (dataSource) => {
    const snapshots = CatalogSnapshots.unwatched(dataSource);
    const catalog = await snapshots.get();
    const now = new Date();
    const scope = commandLineScope(catalog);
    const input = { scope, builders: exportBuilders(dataSource, snapshots), values, lists, now };
    const book = definition.keyed ? await definition.workbook(input, { organizationId: values.org!, keyId: '', role: 'AUDITOR' }) : await definition.workbook(input);
    const refs = exportRefs(definition, values);
    if (format === 'xlsx') return { name: exportFileName(definition.name, refs, now, 'xlsx'), body: await writeXlsx(book) };
    const sheet = pickSheet(book, values.sheet);
    return { name: exportFileName(definition.name, refs, now, 'csv', sheet), body: writeCsv(sheet), sheet: sheet.name };
  });
}

/**
 * An OSCAL export (GET /export/oscal/…'s document, pretty-printed the same way) of the organization named by --org:
 * the public catalog plus that organization's own frameworks and mapping sets.
 */
export async function writeOscalExport(config: AppConfig, log: (message: string) => void, command: Omit<OscalExportCommand, 'out'>): Promise<{ name: string; body: Buffer }> {
  const { oscal, values } = command;
  return withMigratedDatabase(config, log, async (dataSource) => {
    const catalog = await CatalogSnapshots.unwatched(dataSource).get();
    const now = new Date();
    const builder = new OscalExport(new OwnCatalogs(new TenantDb(dataSource)));
    const { document, refs } = await oscal.document(builder, { catalog, organizationId: values.org!, values, now });
    return { name: exportFileName(oscal.name, refs, now, 'json'), body: Buffer.from(JSON.stringify(document, null, 2)) };
  });
}

/** The export services as ExportsModule provides them; the tenant state cache keeps nothing (one command, one read). */
function exportBuilders(dataSource: DataSource, snapshots: CatalogSnapshots): ExportBuilders {
  const tenantDb = new TenantDb(dataSource);
  const ownCatalogs = new OwnCatalogs(tenantDb);
  const coverage = new CoverageService(tenantDb, new TenantStateCache<TenantEntry>({ maxBytes: 0, sizeOf: () => 1 }), ownCatalogs);
  const organizations = new OrganizationsService(dataSource, tenantDb);
  const controls = new ControlsService(dataSource, tenantDb, snapshots, ownCatalogs);
  return {
    soa: new SoaExport(new ApplicabilityService(snapshots, coverage, tenantDb, ownCatalogs), coverage, controls, organizations),
    soc2Plus: new Soc2PlusExport(coverage, organizations),
    commonControls: new CommonControlsExport(coverage, organizations),
    coverage: new CoverageExport(coverage, organizations),
    gaps: new GapsExport(coverage, controls, organizations),
    vendorQuestionnaire: new VendorQuestionnaireExport(new VendorQuestionnaireService(coverage), organizations),
    certificationPlan: new CertificationPlanExport(new CertificationPlanService(coverage, new ManagementSystemsService(tenantDb, snapshots), tenantDb), coverage, organizations),
  };
}
