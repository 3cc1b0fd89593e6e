/**
 * The `soa` export (issue 13): the organization's Statement of Applicability for one framework as a workbook. The
 * lines are ApplicabilityService.statement's, the same that `statementOfApplicability` pages through, and "how
 * reached" is CoverageService.requirementCoverage's explanation, the same as `requirementCoverage.paths`: this file
 * only lays them out. For a framework with annexes (ISO 27001 and 42001: Annex A) each annex has its own sheet, one
 * row per control, and the clauses have theirs; other frameworks get one sheet of every assessable requirement.
 */
import { Injectable } from '@nestjs/common';
import { ApplicabilityService } from '../applicability/applicability.service';
import type { StatementOfApplicabilityEntry } from '../applicability/models/applicability.model';
import type { Requirement } from '../catalog/models/requirement.model';
import { ControlsService } from '../controls/controls.service';
import type { Control } from '../controls/models/control.model';
import type { CoveragePath } from '../coverage/models/coverage.models';
import { CoverageService } from '../coverage/coverage.service';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import { OrganizationsService } from '../organizations/organizations.service';
import { generatedLine, requirementLabel, type CatalogLookup } from './labels';
import { APPLICABILITY, COVERAGE, FORMULAS } from './read-me';
import type { CellValue, Sheet, Workbook } from './sheet';

/** The sheet of a framework without annexes, and of the clauses of one with them. */
export const SOA_SHEET = 'Statement of Applicability';
export const SOA_CLAUSES_SHEET = 'Clauses';
/** How many explanation paths a line shows before "and N more". */
const MAX_PATHS = 5;

@Injectable()
export class SoaExport {
  constructor(
    private readonly applicability: ApplicabilityService,
    private readonly coverage: CoverageService,
    private readonly controls: ControlsService,
    private readonly organizations: OrganizationsService,
  ) {}

  async workbook(request: RequestScope, principal: Principal, frameworkRef: string, generatedAt: Date): Promise<Workbook> {
    // The organization's own frameworks are named and resolved like public ones (issue 12).
    const catalog = await this.coverage.tenantCatalog(request, principal);
    const framework = catalog.resolveFramework(frameworkRef, 'framework');
    const ref = `${framework.code}:${framework.version}`;
    const { rows } = await this.applicability.statement(request, principal, ref, catalog.requirementCount(framework.id, true), 0);
    const controlIds = [...new Set(rows.flatMap((row) => row.controls.map((c) => c.controlId)))];
    const controls = new Map((controlIds.length === 0 ? [] : await this.controls.controlsByIds(principal.organizationId, controlIds)).map((c) => [c.id, c]));
    const explained = new Map<string, CoveragePath[]>();
    for (const row of rows) {
      if (row.status !== 'FULL' && row.status !== 'PARTIAL') continue;
      const requirement = catalog.requirement(row.requirementId)!;
      explained.set(row.requirementId, (await this.coverage.requirementCoverage(request, principal, ref, requirement.refId, 1)).paths);
    }
    const organization = await this.organizations.organizationName(principal.organizationId);
    const title = `Statement of Applicability — ${ref}`;
    const heading = [title, `Organization: ${organization}`, `Framework: ${framework.name}`, generatedLine(generatedAt)];

    const groups = new Map<string, StatementOfApplicabilityEntry[]>();
    for (const row of rows) {
      const annex = annexOf(catalog, catalog.requirement(row.requirementId)!);
      const key = annex ? annexSheetName(annex) : '';
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const annexes = [...groups.keys()].filter((k) => k !== '');
    const names = [...annexes, ...(groups.has('') ? [annexes.length > 0 ? SOA_CLAUSES_SHEET : SOA_SHEET] : [])];
    const sheets = names.map((name) => this.sheet(catalog, name, heading, groups.get(annexes.includes(name) ? name : '')!, controls, explained));
    return {
      title,
      generatedAt,
      readMe: [
        `${organization}'s Statement of Applicability for ${ref} (${framework.name}), as Crosswalk holds it on ${generatedAt.toISOString().slice(0, 10)}.`,
        annexes.length > 0
          ? `Sheets ${annexes.map((a) => `"${a}"`).join(', ')}: one row per control of the annex. Sheet "${SOA_CLAUSES_SHEET}": the clauses that can be assessed.`
          : `Sheet "${SOA_SHEET}": one row per requirement that can be assessed.`,
        'Columns: whether the requirement applies (yes/no), the justification, who set it (the API key\'s name) and when; "Decided on" names the heading ' +
          'whose decision it inherits. Linked controls: the organization\'s controls linked to it, each with its status and whether the link claims FULL or ' +
          'PARTIAL coverage. Coverage status: where it stands today (one crosswalk hop), and how it is reached: directly by a control, or through which crosswalk.',
        ...APPLICABILITY,
        ...COVERAGE,
        ...FORMULAS,
      ],
      sheets,
    };
  }

  private sheet(
    catalog: CatalogLookup,
    name: string,
    heading: string[],
    rows: StatementOfApplicabilityEntry[],
    controls: Map<string, Control>,
    explained: Map<string, CoveragePath[]>,
  ): Sheet {
    return {
      name,
      heading,
      columns: [
        { header: 'Ref ID', width: 10 },
        { header: 'Title', width: 40, wrap: true },
        { header: 'Applicable', width: 11 },
        { header: 'Justification', width: 50, wrap: true },
        { header: 'Decided on', width: 11 },
        { header: 'Set by', width: 18, wrap: true },
        { header: 'Set at', width: 20 },
        { header: 'Linked controls', width: 34, wrap: true },
        { header: 'Control titles', width: 40, wrap: true },
        { header: 'Coverage status', width: 12, status: true },
        { header: 'Weight', width: 8 },
        { header: 'How reached', width: 60, wrap: true },
      ],
      rows: rows.map((row): CellValue[] => {
        const requirement = catalog.requirement(row.requirementId)!;
        const linked = row.controls.map((link) => ({ link, control: controls.get(link.controlId) }));
        return [
          requirement.refId,
          requirement.title,
          row.applicable ? 'yes' : 'no',
          row.justification,
          row.inheritedFromId === null ? null : catalog.requirement(row.inheritedFromId)!.refId,
          row.setByName ?? row.setBy,
          row.setAt,
          lines(linked.map(({ link, control }) => `${control?.code ?? link.controlId} — ${control?.status ?? 'unknown'} — ${link.coverage} link`)),
          lines(linked.map(({ control }) => control?.title ?? '')),
          row.status,
          row.weight,
          howReached(catalog, explained.get(row.requirementId) ?? []),
        ];
      }),
    };
  }
}

/** The top-level annex holding a requirement (a root of kind `annex`), or null for clauses. */
function annexOf(catalog: CatalogLookup, requirement: Requirement): Requirement | null {
  let at: Requirement = requirement;
  while (at.parentId !== null) at = catalog.requirement(at.parentId)!;
  return at.kind === 'annex' ? at : null;
}

/** "Annex A", within Excel's 31 characters and without the characters it refuses in sheet names. */
function annexSheetName(annex: Requirement): string {
  return `Annex ${annex.refId}`.replace(/[:\\/?*[\]]/g, '-').slice(0, 31);
}

export function lines(values: string[]): string | null {
  return values.length === 0 ? null : values.join('\n');
}

/** Each path in words, best first (the coverage, gaps and soc2-plus exports word paths the same way): "directly: AC-01 (FULL link)" or "through ISO27001:2022 A.5.1 EQUAL → … (mapping set), from AC-01". */
export function howReached(catalog: CatalogLookup, paths: CoveragePath[]): string | null {
  if (paths.length === 0) return null;
  const req = (id: string) => requirementLabel(catalog, id);
  const words = paths.slice(0, MAX_PATHS).map((path) => {
    const by = path.controls.map((c) => `${c.code} (${c.coverage} link)`).join(', ');
    if (path.steps.length === 0) return `${path.status} directly: ${by}`;
    const hops = path.steps.map((s) => `${s.reversed ? 'read reversed, ' : ''}${s.relationship} ${req(s.toId)} (${catalog.mappingSet(s.mappingSetId)?.name ?? 'mapping set'})`);
    return `${path.status} (${round(path.weight)}) through crosswalk: ${req(path.sourceId)} → ${hops.join(' → ')}${by ? `, from ${by}` : ''}`;
  });
  if (paths.length > MAX_PATHS) words.push(`and ${paths.length - MAX_PATHS} more paths (requirementCoverage lists them all)`);
  return words.join('\n');
}

const round = (n: number) => Math.round(n * 100) / 100;
