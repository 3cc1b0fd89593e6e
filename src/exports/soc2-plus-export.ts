/**
 * The `soc2-plus` export (issue 13): what SOC 2 plus the added frameworks brings beyond the Trust Services Criteria,
 * ready for Section 4 of an engagement letter. The items are CoverageService.soc2PlusScope's, the same that GraphQL's
 * `soc2PlusScope` answers (deduplicated, grouped by topic, read under the organization's management systems): this
 * file only lays them out. Sheet "Additional criteria": one row per item (a distinct criterion), by topic; sheet
 * "Merged requirements": every added requirement counted once with an item, and the crosswalk it merged by.
 */
import { Injectable } from '@nestjs/common';
import { CoverageService } from '../coverage/coverage.service';
import type { Soc2PlusScope } from '../coverage/models/coverage.models';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { OrganizationsService } from '../organizations/organizations.service';
import { COVERAGE, FORMULAS, RELATIONSHIPS } from './read-me';
import { frameworkLabel, generatedLine, requirementLabel, type CatalogLookup } from './labels';
import type { CellValue, Workbook } from './sheet';
import { howReached } from './soa-export';

export const SOC2_PLUS_ITEMS_SHEET = 'Additional criteria';
export const SOC2_PLUS_MERGED_SHEET = 'Merged requirements';

@Injectable()
export class Soc2PlusExport {
  constructor(
    private readonly coverage: CoverageService,
    private readonly organizations: OrganizationsService,
  ) {}

  async workbook(request: RequestScope, principal: Principal, additional: string[], generatedAt: Date): Promise<Workbook> {
    const scope = await this.coverage.soc2PlusScope(request, principal, additional);
    const organization = await this.organizations.organizationName(principal.organizationId);
    return soc2PlusWorkbook(await this.coverage.tenantCatalog(request, principal), scope, additional, organization, generatedAt);
  }
}

/** The workbook of one answer of soc2PlusScope (pure: the catalog names what the answer holds by id). */
export function soc2PlusWorkbook(catalog: CatalogLookup, scope: Soc2PlusScope, additional: string[], organization: string, generatedAt: Date): Workbook {
  const req = (id: string) => catalog.requirement(id)!;
  const label = (frameworkId: string) => frameworkLabel(catalog, frameworkId);
  const fullRef = (id: string) => requirementLabel(catalog, id);
  const added = [...new Set(additional.map((ref) => label(catalog.resolveFramework(ref, 'additional').id)))];
  const title = `SOC 2+ additional criteria — SOC 2 + ${added.join(' + ')}`;
  const heading = [title, `Organization: ${organization}`, generatedLine(generatedAt)];
  const items = scope.topics.flatMap((topic, t) => topic.items.map((item, i) => ({ topic, item, number: `${t + 1}.${i + 1}` })));
  return {
    title,
    generatedAt,
    readMe: [
      `${organization}'s SOC 2+ scope: SOC 2 plus ${added.join(', ')}, as Crosswalk reads it on ${generatedAt.toISOString().slice(0, 10)}, under the ` +
        'management systems the organization has declared. The added requirements that SOC 2 alone does not fully cover are the candidates for ' +
        'Section 4 (additional criteria) of the engagement letter.',
      `Sheet "${SOC2_PLUS_ITEMS_SHEET}": one row per distinct criterion (${scope.itemCount} in all), grouped by topic (the top-level requirement of the ` +
        'added framework it sits under) and numbered topic.item. Where one added requirement contains another (EQUAL, or SUBSET_OF towards the ' +
        'container), the contained one counts once, with its container: "Also meets" lists it. SOC 2 coverage: how far the Trust Services ' +
        'Criteria alone cover the criterion (PARTIAL or NONE), with their weight, and which SOC 2 criteria cover part of it and how.',
      `Sheet "${SOC2_PLUS_MERGED_SHEET}": each added requirement merged into a criterion of the first sheet, the crosswalk it merged by, and whether ` +
        `it is the same criterion (equivalent) or only contained. Both sheets together hold the ${scope.requirementCount} added requirements SOC 2 ` +
        'does not fully cover.',
      ...RELATIONSHIPS,
      ...COVERAGE,
      ...FORMULAS,
    ],
    sheets: [
      {
        name: SOC2_PLUS_ITEMS_SHEET,
        heading,
        columns: [
          { header: 'No.', width: 7 },
          { header: 'Framework', width: 16 },
          { header: 'Topic', width: 8 },
          { header: 'Topic title', width: 30, wrap: true },
          { header: 'Ref ID', width: 12 },
          { header: 'Criterion', width: 50, wrap: true },
          { header: 'SOC 2 coverage', width: 12, status: true },
          { header: 'Weight', width: 8 },
          { header: 'Covered in part by SOC 2', width: 60, wrap: true },
          { header: 'Also meets', width: 40, wrap: true },
        ],
        rows: items.map(({ topic, item, number }): CellValue[] => [
          number,
          label(topic.frameworkId),
          req(topic.topicId).refId,
          topic.title,
          req(item.requirementId).refId,
          req(item.requirementId).title,
          item.status,
          item.weight,
          howReached(catalog, item.soc2Sources),
          item.members.length === 0
            ? null
            : item.members.map((m) => `${fullRef(m.requirementId)} (${m.equivalent ? 'equivalent' : 'contained'})`).join('\n'),
        ]),
      },
      {
        name: SOC2_PLUS_MERGED_SHEET,
        heading,
        columns: [
          { header: 'Framework', width: 16 },
          { header: 'Ref ID', width: 12 },
          { header: 'Title', width: 50, wrap: true },
          { header: 'Counted with', width: 28 },
          { header: 'No.', width: 7 },
          { header: 'Equivalent', width: 11 },
          { header: 'Merged by', width: 50, wrap: true },
          { header: 'SOC 2 coverage', width: 12, status: true },
          { header: 'Weight', width: 8 },
          { header: 'Covered in part by SOC 2', width: 60, wrap: true },
        ],
        rows: items.flatMap(({ item, number }) =>
          item.members.map((m): CellValue[] => [
            label(req(m.requirementId).frameworkId),
            req(m.requirementId).refId,
            req(m.requirementId).title,
            fullRef(item.requirementId),
            number,
            m.equivalent ? 'yes' : 'no',
            `${fullRef(m.mergedBy.fromId)} ${m.mergedBy.reversed ? '(read reversed) ' : ''}${m.mergedBy.relationship} ${fullRef(m.mergedBy.toId)} ` +
              `(${catalog.mappingSet(m.mergedBy.mappingSetId)?.name ?? 'mapping set'})`,
            m.status,
            m.weight,
            howReached(catalog, m.soc2Sources),
          ]),
        ),
      },
    ],
  };
}
