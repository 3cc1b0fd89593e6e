/**
 * The work behind `npm run import -- oscal-catalog` and `oscal-mapping-collection`: opens the database, parses the
 * file as the routes parse a body, and imports it with OscalImportService (built here by hand as Nest would wire it),
 * into the organization named by --org. Progress on stderr (progress.ts); the result on stdout.
 */
import { CatalogSnapshots } from '../../catalog/catalog-snapshots';
import type { AppConfig } from '../../config/app-config';
import { TenantDb } from '../../database/tenant-db';
import { DomainError } from '../../common/errors/domain-error';
import { OscalDocumentError } from '../../oscal/oscal-error';
import { OwnCatalogs } from '../../own-catalog/own-catalogs';
import { OSCAL_IMPORT_STEPS, OscalImportService } from '../oscal-import.service';
import { parseOscalJson } from '../../oscal/parse-oscal-json';
import { Progress, withImportOrganization } from './progress';

export type OscalFileCommand = { organizationId: string; bytes: Buffer; file: string } & (
  | { kind: 'oscal-catalog'; code: string; version?: string }
  | { kind: 'oscal-mapping-collection'; source: string; target: string }
);

export async function importOscalFile(config: AppConfig, command: OscalFileCommand): Promise<number> {
  const progress = new Progress(OSCAL_IMPORT_STEPS.length);
  return withImportOrganization(config, command.organizationId, progress, async (dataSource) => {
    const tenantDb = new TenantDb(dataSource);
    const service = new OscalImportService(tenantDb, CatalogSnapshots.unwatched(dataSource), new OwnCatalogs(tenantDb), config.ownCatalogLimits);
    const actor = { organizationId: command.organizationId, keyId: null };
    const onStep = (step: string) => progress.step(step);
    try {
      const doc = parseOscalJson(command.bytes);
      if (command.kind === 'oscal-catalog') {
        const r = await service.importCatalog(actor, doc, { code: command.code, version: command.version, onStep });
        progress.stop();
        console.log(
          `imported ${command.file} as own framework ${r.frameworkCode}:${r.version}: ${r.counts.requirements} requirements ` +
            `(${r.counts.assessable} assessable, ${r.counts.withdrawn} withdrawn, ${r.counts.headings} headings) in ${r.tookMs} ms`,
        );
      } else {
        const r = await service.importMappingCollection(actor, doc, { source: command.source, target: command.target, onStep });
        progress.stop();
        console.log(
          `imported ${command.file} as own mapping set ${r.mappingSet} (${r.source} → ${r.target}): ${r.counts.edges} edges from ` +
            `${r.counts.mappings} mapping(s)${r.replaced ? `, replacing its ${r.counts.replacedEdges} earlier edges` : ''} in ${r.tookMs} ms`,
        );
      }
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      progress.stop();
      console.error(`import: ${command.file}: refused (${error.code}): ${error.message}; nothing was written`);
      if (error instanceof OscalDocumentError) {
        for (const p of error.problems.slice(1)) console.error(`  ${p.path}: ${p.message}`);
        if (error.total > error.problems.length) console.error(`  … and ${error.total - error.problems.length} more`);
      }
      return 1;
    }
  });
}
