/**
 * The `coverage` export (issue 13): a summary sheet with each framework's full, partial, none, excluded and score, as
 * GraphQL `coverage` answers them (CoverageService.coverage), then one sheet per framework with every requirement in
 * document order, its status and weight and how that status is reached, in words, from the paths
 * `requirementCoverage` answers (CoverageService.requirementCoverage). This file only lays them out.
 */
import { Injectable } from '@nestjs/common';
import type { Framework } from '../catalog/models/framework.model';
import type { FrameworkCoverage, RequirementCoverage } from '../coverage/models/coverage.models';
import { CoverageService } from '../coverage/coverage.service';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { OrganizationsService } from '../organizations/organizations.service';
import { generatedLine, type CatalogLookup } from './labels';
import { COVERAGE, FORMULAS } from './read-me';
import type { CellValue, Sheet, SheetColumn, Workbook } from './sheet';
import { howReached } from './soa-export';

export const COVERAGE_SUMMARY_SHEET = 'Summary';

@Injectable()
export class CoverageExport {
  constructor(
    private readonly coverage: CoverageService,
    private readonly organizations: OrganizationsService,
  ) {}

  /** `refs`: CODE or CODE:VERSION references, as readFrameworkList read them against CoverageArgs. */
  async workbook(request: RequestScope, principal: Principal, refs: string[], generatedAt: Date): Promise<Workbook> {
    // The organization's own frameworks are named and resolved like public ones (issue 12).
    const catalog = await this.coverage.tenantCatalog(request, principal);
    const summary = await this.coverage.coverage(request, principal, refs, 1);
    const chosen = summary.map((c) => catalog.framework(c.frameworkId)!);
    const organization = await this.organizations.organizationName(principal.organizationId);
    const title = `Coverage — ${chosen.map(label).join(', ')}`;
    const heading = [title, `Organization: ${organization}`, generatedLine(generatedAt)];
    const names = sheetNames(chosen);
    const sheets: Sheet[] = [
      {
        name: COVERAGE_SUMMARY_SHEET,
        heading,
        columns: [...COVERAGE_COUNT_COLUMNS, { header: 'Sheet', width: 18 }],
        rows: summary.map((c, i): CellValue[] => [...coverageCountCells(chosen[i], c), names[i]]),
      },
    ];
    for (const [i, framework] of chosen.entries()) {
      const requirements = catalog.requirementPage(framework.id, undefined, catalog.requirementCount(framework.id, false), undefined).rows;
      const rows: CellValue[][] = [];
      for (const requirement of requirements) {
        const answer = await this.coverage.requirementCoverage(request, principal, label(framework), requirement.refId, 1);
        rows.push([requirement.refId, requirement.title, answer.heading ? 'heading' : requirement.kind, answer.status, answer.weight, explain(catalog, answer)]);
      }
      sheets.push({
        name: names[i],
        heading: [`Coverage — ${label(framework)}`, `Organization: ${organization}`, `Framework: ${framework.name}`, heading[2]],
        columns: [
          { header: 'Ref ID', width: 12 },
          { header: 'Title', width: 40, wrap: true },
          { header: 'Kind', width: 12 },
          { header: 'Coverage status', width: 12, status: true },
          { header: 'Weight', width: 8 },
          { header: 'How reached', width: 70, wrap: true },
        ],
        rows,
      });
    }
    return {
      title,
      generatedAt,
      readMe: [
        `${organization}'s coverage of ${chosen.map(label).join(', ')}, as Crosswalk computes it on ${generatedAt.toISOString().slice(0, 10)} (one crosswalk hop).`,
        `Sheet "${COVERAGE_SUMMARY_SHEET}": per framework, how many of its applicable requirements that can be assessed are FULL, PARTIAL and NONE, ` +
          'how many the Statement of Applicability excludes, and the score.',
        `Then one sheet per framework (${names.map((n) => `"${n}"`).join(', ')}): every requirement in the standard's order, its status, its weight ` +
          '(1 for FULL, the best partial weight for PARTIAL, 0 otherwise) and how the status is reached: directly by a control, or through which crosswalk. ' +
          'A heading (a clause or theme that only groups others) has no status of its own: its row sums up the requirements under it, and its weight is their score.',
        ...COVERAGE,
        ...FORMULAS,
      ],
      sheets,
    };
  }
}

const label = (f: Framework) => `${f.code}:${f.version}`;

/** A framework's coverage counts as columns, as GraphQL `coverage` and `gapAnalysis.coverage` answer them. */
export const COVERAGE_COUNT_COLUMNS: readonly SheetColumn[] = [
  { header: 'Framework', width: 18 },
  { header: 'Name', width: 50, wrap: true },
  { header: 'Full', width: 8 },
  { header: 'Partial', width: 8 },
  { header: 'None', width: 8 },
  { header: 'Excluded', width: 9 },
  { header: 'Score', width: 8 },
];

export function coverageCountCells(framework: Framework, c: FrameworkCoverage): CellValue[] {
  return [label(framework), framework.name, c.full, c.partial, c.none, c.excluded, c.score];
}

/** How a requirement's status is reached, in words; a heading says what it sums up. */
function explain(catalog: CatalogLookup, answer: RequirementCoverage): string | null {
  if (answer.rollUp) {
    const { full, partial, none, excluded } = answer.rollUp;
    return `heading: sums up the requirements under it: ${full} full, ${partial} partial, ${none} none, ${excluded} excluded`;
  }
  if (answer.status === 'EXCLUDED') return 'excluded by the Statement of Applicability';
  return howReached(catalog, answer.paths);
}

/** "ISO27001 2022": unique, within Excel's 31 characters, without the characters it refuses, never "Summary" or "Read me". */
function sheetNames(frameworks: Framework[]): string[] {
  const taken = new Set([COVERAGE_SUMMARY_SHEET.toLowerCase(), 'read me']);
  return frameworks.map((f) => {
    const base = `${f.code} ${f.version}`.replace(/[:\\/?*[\]]/g, '-').slice(0, 27);
    let name = base;
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${n})`;
    taken.add(name.toLowerCase());
    return name;
  });
}
