/**
 * The `gaps` export (issue 13): the gap analysis GraphQL `gapAnalysis` answers (CoverageService.gapAnalysis), as a
 * workbook: each applicable requirement of the target that is not FULL, with its status and weight, its best partial
 * sources in words (the paths `Gap.sources` holds) and the controls that already touch it; and the target's coverage
 * now. Measured against `have` (frameworks taken as fully in place) when given, else the organization's controls.
 */
import { Injectable } from '@nestjs/common';
import { ControlsService } from '../controls/controls.service';
import { CoverageService } from '../coverage/coverage.service';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { OrganizationsService } from '../organizations/organizations.service';
import { COVERAGE_COUNT_COLUMNS, coverageCountCells } from './coverage-export';
import { frameworkLabel, generatedLine } from './labels';
import { COVERAGE, FORMULAS } from './read-me';
import type { CellValue, Workbook } from './sheet';
import { howReached, lines } from './soa-export';

export const GAPS_SHEET = 'Gaps';
export const GAPS_COVERAGE_SHEET = 'Coverage';

@Injectable()
export class GapsExport {
  constructor(
    private readonly coverage: CoverageService,
    private readonly controls: ControlsService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** `haveRefs`: references as readFrameworkList read them against GapAnalysisArgs, or undefined for the organization's controls. */
  async workbook(request: RequestScope, principal: Principal, target: string, haveRefs: string[] | undefined, generatedAt: Date): Promise<Workbook> {
    // The organization's own frameworks are named and resolved like public ones (issue 12).
    const catalog = await this.coverage.tenantCatalog(request, principal);
    const report = await this.coverage.gapAnalysis(request, principal, target, haveRefs, 1);
    const framework = catalog.framework(report.coverage.frameworkId)!;
    const ref = frameworkLabel(catalog, framework.id);
    const haveLabels = haveRefs?.map((r, i) => {
      return frameworkLabel(catalog, catalog.resolveFramework(r, `have[${i}]`).id);
    });
    const controlIds = [...new Set(report.gaps.flatMap((g) => g.controls.map((c) => c.id)))];
    const controls = new Map((controlIds.length === 0 ? [] : await this.controls.controlsByIds(principal.organizationId, controlIds)).map((c) => [c.id, c]));
    const organization = await this.organizations.organizationName(principal.organizationId);
    const given = haveLabels ? `${[...new Set(haveLabels)].join(', ')} taken as fully in place` : "the organization's controls";
    const title = `Gap analysis — ${ref}`;
    const heading = [title, `Organization: ${organization}`, `Framework: ${framework.name}`, `Given: ${given}`, generatedLine(generatedAt)];
    return {
      title,
      generatedAt,
      readMe: [
        `What is left of ${ref} (${framework.name}) for ${organization}, given ${given}, as Crosswalk computes it on ${generatedAt.toISOString().slice(0, 10)} (one crosswalk hop).`,
        `Sheet "${GAPS_SHEET}": one row per applicable requirement that can be assessed and is not FULL, in the standard's order: its status and weight, ` +
          'its best partial sources (up to five paths, best first: which requirement, through which crosswalk, from which control), and the controls that ' +
          'already touch it, directly or through a crosswalk, whatever their status (a planned control is listed, though it satisfies nothing yet). ' +
          'Requirements the Statement of Applicability excludes are not gaps.',
        `Sheet "${GAPS_COVERAGE_SHEET}": the framework's coverage now: full, partial, none, excluded and score.`,
        ...COVERAGE,
        ...FORMULAS,
      ],
      sheets: [
        {
          name: GAPS_SHEET,
          heading,
          columns: [
            { header: 'Ref ID', width: 12 },
            { header: 'Title', width: 40, wrap: true },
            { header: 'Coverage status', width: 12, status: true },
            { header: 'Weight', width: 8 },
            { header: 'Best partial sources', width: 70, wrap: true },
            { header: 'Controls that touch it', width: 34, wrap: true },
            { header: 'Control titles', width: 40, wrap: true },
          ],
          rows: report.gaps.map((gap): CellValue[] => {
            const requirement = catalog.requirement(gap.requirementId)!;
            const touching = gap.controls.map((link) => ({ link, control: controls.get(link.id) }));
            return [
              requirement.refId,
              requirement.title,
              gap.status,
              gap.weight,
              howReached(catalog, gap.sources),
              lines(touching.map(({ link, control }) => `${link.code} — ${control?.status ?? 'unknown'} — ${link.coverage} link`)),
              lines(touching.map(({ control }) => control?.title ?? '')),
            ];
          }),
        },
        {
          name: GAPS_COVERAGE_SHEET,
          heading,
          columns: [...COVERAGE_COUNT_COLUMNS, { header: 'Given', width: 40, wrap: true }],
          rows: [[...coverageCountCells(framework, report.coverage), given]],
        },
      ],
    };
  }
}
