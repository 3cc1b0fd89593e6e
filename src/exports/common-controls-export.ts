/**
 * The `common-controls` export (issue 13): a small set of common control objectives that together cover every
 * requirement of the chosen frameworks, each with the requirements it satisfies in each framework. The groups are
 * CoverageService.commonControls', the same that GraphQL's `commonControls` answers (greedy set cover over
 * EQUAL/SUPERSET_OF, read under the organization's management systems): this file only lays them out. Sheet "Common
 * controls": one row per group, a column per framework; sheet "Requirements": one row per requirement a group
 * satisfies, to filter and sort.
 */
import { Injectable } from '@nestjs/common';
import { CoverageService } from '../coverage/coverage.service';
import type { CommonControl } from '../coverage/models/coverage.models';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { OrganizationsService } from '../organizations/organizations.service';
import { FORMULAS, RELATIONSHIPS } from './read-me';
import { frameworkLabel, generatedLine, requirementLabel, type CatalogLookup } from './labels';
import type { CellValue, Workbook } from './sheet';

export const COMMON_CONTROLS_SHEET = 'Common controls';
export const COMMON_CONTROLS_REQUIREMENTS_SHEET = 'Requirements';

@Injectable()
export class CommonControlsExport {
  constructor(
    private readonly coverage: CoverageService,
    private readonly organizations: OrganizationsService,
  ) {}

  async workbook(request: RequestScope, principal: Principal, frameworks: string[], generatedAt: Date): Promise<Workbook> {
    const groups = await this.coverage.commonControls(request, principal, frameworks);
    const organization = await this.organizations.organizationName(principal.organizationId);
    return commonControlsWorkbook(await this.coverage.tenantCatalog(request, principal), groups, frameworks, organization, generatedAt);
  }
}

/** The workbook of one answer of commonControls (pure: the catalog names what the answer holds by id). */
export function commonControlsWorkbook(catalog: CatalogLookup, groups: CommonControl[], frameworks: string[], organization: string, generatedAt: Date): Workbook {
  const req = (id: string) => catalog.requirement(id)!;
  const label = (frameworkId: string) => frameworkLabel(catalog, frameworkId);
  const fullRef = (id: string) => requirementLabel(catalog, id);
  const chosen = [...new Set(frameworks.map((ref) => catalog.resolveFramework(ref, 'frameworks').id))];
  const title = `Common controls — ${chosen.map(label).join(' + ')}`;
  const heading = [title, `Organization: ${organization}`, generatedLine(generatedAt)];
  const satisfied = (group: CommonControl, frameworkId: string) => group.satisfies.find((s) => s.frameworkId === frameworkId)?.requirementIds ?? [];
  const newly = (group: CommonControl) => new Set(group.newlyCoveredIds);
  return {
    title,
    generatedAt,
    readMe: [
      `Common control objectives for ${chosen.map(label).join(', ')}, for ${organization}, as Crosswalk reads them on ${generatedAt.toISOString().slice(0, 10)}, ` +
        'under the management systems the organization has declared: a small set of objectives that together cover every requirement of these ' +
        'frameworks. Each objective is named by one requirement (its anchor); meeting it meets the requirements it is EQUAL to or a SUPERSET_OF. ' +
        'The set is chosen greedily: each objective in turn is the one that covers the most requirements not covered yet.',
      `Sheet "${COMMON_CONTROLS_SHEET}": one row per objective (${groups.length} in all), in the order chosen; a column per framework lists the ` +
        'requirements of that framework the objective satisfies, one per line. "Covered first" counts the requirements no earlier objective covered.',
      `Sheet "${COMMON_CONTROLS_REQUIREMENTS_SHEET}": one row per requirement an objective satisfies, with "Covered first here" yes when no earlier ` +
        'objective covered it: filter it to find an objective for a requirement.',
      ...RELATIONSHIPS,
      ...FORMULAS,
    ],
    sheets: [
      {
        name: COMMON_CONTROLS_SHEET,
        heading,
        columns: [
          { header: 'No.', width: 6 },
          { header: 'Objective', width: 22 },
          { header: 'Objective title', width: 40, wrap: true },
          ...chosen.map((f) => ({ header: `Satisfies in ${label(f)}`, width: 24, wrap: true })),
          { header: 'Requirements satisfied', width: 12 },
          { header: 'Covered first', width: 10 },
        ],
        rows: groups.map((group, i): CellValue[] => [
          i + 1,
          fullRef(group.anchorId),
          req(group.anchorId).title,
          ...chosen.map((f) => satisfied(group, f).map((id) => req(id).refId).join('\n') || null),
          group.satisfies.reduce((n, s) => n + s.requirementIds.length, 0),
          group.newlyCoveredIds.length,
        ]),
      },
      {
        name: COMMON_CONTROLS_REQUIREMENTS_SHEET,
        heading,
        columns: [
          { header: 'No.', width: 6 },
          { header: 'Objective', width: 22 },
          { header: 'Framework', width: 16 },
          { header: 'Ref ID', width: 12 },
          { header: 'Title', width: 50, wrap: true },
          { header: 'Covered first here', width: 10 },
        ],
        rows: groups.flatMap((group, i) => {
          const first = newly(group);
          return group.satisfies.flatMap((s) =>
            s.requirementIds.map((id): CellValue[] => [i + 1, fullRef(group.anchorId), label(s.frameworkId), req(id).refId, req(id).title, first.has(id) ? 'yes' : 'no']),
          );
        }),
      },
    ],
  };
}
