/**
 * The spreadsheet exports (issue 13), each described once: its name, its parameters, whether it reads an
 * organization's data, what it holds, an example, and how its workbook is made. GET /export/<name>.xlsx|.csv
 * (ExportsController) and `npm run export` (cli/) both serve what is listed here and nothing else, and the CLI's
 * --help and usage errors are written from it, so adding an export is one entry.
 *
 * `npm run export -- --help` reads this file and must not load TypeORM, pg or Nest's core: the services that build
 * the keyed exports are handed in (ExportBuilders, types only here), and a list's GraphQL arguments class is loaded
 * when a list is read.
 */
import type { CatalogSnapshot } from '../catalog/catalog-snapshot';
import type { RequestScope } from '../graphql/request-scope';
import type { Principal } from '../organizations/auth/principal';
import type { CommonControlsExport } from './common-controls-export';
import type { CoverageExport } from './coverage-export';
import { crosswalkWorkbook } from './crosswalk-export';
import type { GapsExport } from './gaps-export';
import type { OscalExport, OscalExportFile } from './oscal-export';
import type { CertificationPlanExport } from './certification-plan-export';
import type { Calendar } from './ics-writer';
import type { Workbook } from './sheet';
import type { SoaExport } from './soa-export';
import type { Soc2PlusExport } from './soc2-plus-export';
import type { VendorQuestionnaireExport } from './vendor-questionnaire-export';

/** The services behind the keyed exports: Nest injects them into ExportsController, `npm run export` builds them. */
export interface ExportBuilders {
  soa: SoaExport;
  soc2Plus: Soc2PlusExport;
  commonControls: CommonControlsExport;
  coverage: CoverageExport;
  gaps: GapsExport;
  vendorQuestionnaire: VendorQuestionnaireExport;
  certificationPlan: CertificationPlanExport;
}

export interface ExportParam {
  /** The query parameter, and the CLI's `--<name>`. */
  name: string;
  /** Left out, the export takes its default (as the GraphQL field does without the argument). */
  optional?: true;
  /**
   * A comma-separated list of framework references, held to the rules of this GraphQL field's arguments class
   * (readFrameworkList); without it, one framework reference.
   */
  list?: () => Promise<new () => object>;
  /** A list that may also be given as the parameter repeated (`?stage2=A:2026-01-01&stage2=B:2026-02-01`): the values join the list in order. */
  repeatable?: true;
}

/** What a workbook is made from: the parameters as given, each list read into its items. */
export interface ExportInput {
  scope: RequestScope;
  builders: ExportBuilders;
  values: Record<string, string | undefined>;
  lists: Record<string, string[] | undefined>;
  now: Date;
}

interface ExportCommon {
  name: string;
  params: ExportParam[];
  /** What the export holds, for the CLI's --help. */
  description: string;
  /** The CLI's arguments after the name, for the --help's examples (`7d4c…e1` stands for an organization id). */
  example: string;
}

/** Catalog data only: no key over HTTP, no --org on the command line; shared caches may keep it. */
export interface PublicExport extends ExportCommon {
  keyed: false;
  workbook(input: ExportInput): Promise<Workbook>;
}

/** One organization's data: that organization's API key over HTTP, --org on the command line. */
export interface KeyedExport extends ExportCommon {
  keyed: true;
  workbook(input: ExportInput, principal: Principal): Promise<Workbook>;
  /** Also an iCalendar file (GET /export/<name>.ics), for an export of dates. */
  calendar?(input: ExportInput, principal: Principal): Promise<Calendar>;
}

export type ExportDefinition = PublicExport | KeyedExport;

const coverageArgs = () => import('../coverage/models/coverage.args');
const planArgs = async () => (await import('../certification/models/certification-plan-export.args')).CertificationPlanExportArgs;
/** The certification-plan export's parameters as its builder takes them. */
const planParams = ({ values, lists }: ExportInput) => ({ certification: lists.certification, stage2: lists.stage2, integrated: values.integrated });

/** In the order the CLI's --help, its errors and the 404's list of exports name them. */
export const EXPORT_REGISTRY: readonly ExportDefinition[] = [
  {
    name: 'crosswalk',
    keyed: false,
    params: [{ name: 'source' }, { name: 'target' }],
    description: 'every crosswalk edge between two frameworks (sheet Edges) and a source x target matrix (sheet Matrix); public catalog data',
    example: '--source ISO27001 --target ISO42001 --out crosswalk.xlsx',
    workbook: ({ scope, values, now }) => Promise.resolve(crosswalkWorkbook(scope.catalog, { source: values.source!, target: values.target! }, now)),
  },
  {
    name: 'soa',
    keyed: true,
    params: [{ name: 'framework' }],
    description:
      'an organization\'s Statement of Applicability: for ISO 27001 and 42001 one row per Annex A control (sheet "Annex A"), the clauses on "Clauses"; other frameworks: every assessable requirement on one sheet',
    example: '--org 7d4c…e1 --framework ISO27001 --format csv --out soa.csv',
    workbook: ({ scope, builders, values, now }, principal) => builders.soa.workbook(scope, principal, values.framework!, now),
  },
  {
    name: 'soc2-plus',
    keyed: true,
    params: [{ name: 'additional', list: async () => (await coverageArgs()).Soc2PlusArgs }],
    description:
      'the SOC 2+ additional criteria (1 to 10 frameworks added to SOC 2), deduplicated, by topic (sheet "Additional criteria"), and the requirements counted with them (sheet "Merged requirements")',
    example: '--org 7d4c…e1 --additional ISO42001,NIST-AI-RMF --out soc2-plus.xlsx',
    workbook: ({ scope, builders, lists, now }, principal) => builders.soc2Plus.workbook(scope, principal, lists.additional!, now),
  },
  {
    name: 'common-controls',
    keyed: true,
    params: [{ name: 'frameworks', list: async () => (await coverageArgs()).CommonControlsArgs }],
    description:
      'common control objectives covering 1 to 20 frameworks together, each with what it satisfies per framework (sheet "Common controls"), and one row per satisfied requirement (sheet "Requirements")',
    example: '--org 7d4c…e1 --frameworks ISO27001,ISO42001,SOC2 --out common.xlsx',
    workbook: ({ scope, builders, lists, now }, principal) => builders.commonControls.workbook(scope, principal, lists.frameworks!, now),
  },
  {
    name: 'coverage',
    keyed: true,
    params: [{ name: 'frameworks', list: async () => (await coverageArgs()).CoverageArgs }],
    description:
      "an organization's coverage: full, partial, none, excluded and score per framework (sheet Summary), then a sheet per framework with every requirement, its status, weight and how it is reached",
    example: '--org 7d4c…e1 --frameworks ISO27001,SOC2 --out coverage.xlsx',
    workbook: ({ scope, builders, lists, now }, principal) => builders.coverage.workbook(scope, principal, lists.frameworks!, now),
  },
  {
    name: 'gaps',
    keyed: true,
    params: [{ name: 'target' }, { name: 'have', optional: true, list: async () => (await coverageArgs()).GapAnalysisArgs }],
    description:
      "what is left of the target: each requirement not FULL, its best partial sources and the controls that touch it (sheet Gaps), and the target's coverage (sheet Coverage); given the organization's controls, or with --have, those frameworks taken as fully in place",
    example: '--org 7d4c…e1 --target ISO42001 --have ISO27001 --out gaps.xlsx',
    workbook: ({ scope, builders, values, lists, now }, principal) => builders.gaps.workbook(scope, principal, values.target!, lists.have, now),
  },
  {
    name: 'vendor-questionnaire',
    keyed: true,
    params: [
      { name: 'frameworks', list: async () => (await import('../vendors/models/vendor-questionnaire.model')).VendorFrameworksArgs },
      { name: 'aiRoles', optional: true },
    ],
    description:
      'a questionnaire for suppliers over 1 to 20 frameworks, one question per common-control group (sheet "Questionnaire"), with an Answer column ' +
      '(YES, PARTIAL, NO, NOT_APPLICABLE) and an Evidence column to fill in; --aiRoles (comma-separated AI roles) puts the AI-specific questions first. ' +
      'The answered file goes back through import vendor-answers',
    example: '--org 7d4c…e1 --frameworks ISO27001,ISO42001 --aiRoles AI_CUSTOMER --out questionnaire.xlsx',
    workbook: ({ scope, builders, values, lists, now }, principal) => builders.vendorQuestionnaire.workbook(scope, principal, lists.frameworks!, values.aiRoles, now),
  },
  {
    name: 'certification-plan',
    keyed: true,
    params: [
      { name: 'certification', optional: true, repeatable: true, list: planArgs },
      { name: 'stage2', optional: true, repeatable: true, list: planArgs },
      { name: 'integrated', optional: true },
    ],
    description:
      'the ISO/IEC 17021-1 certification cycle of each standard (certification=STANDARD:decision date, stage2=STANDARD:planned Stage 2 date; ' +
      'integrated=true combines them): every audit with its due date (sheet Plan) and one sheet per audit with its topics and sampled controls; also .ics over HTTP',
    example: '--org 7d4c…e1 --certification ISO27001:2025-03-01 --stage2 ISO42001:2026-06-15 --integrated true --out plan.xlsx',
    workbook: (input, principal) => input.builders.certificationPlan.workbook(input.scope, principal, planParams(input), input.now),
    calendar: (input, principal) => input.builders.certificationPlan.calendar(input.scope, principal, planParams(input), input.now),
  },
];

/** The export called `name`, if there is one. */
export function findExport(name: string): ExportDefinition | undefined {
  return EXPORT_REGISTRY.find((definition) => definition.name === name);
}

/** The parameters that name what was exported, in order, for the file name (exportFileName): those given. */
export function exportRefs(definition: ExportDefinition | OscalExportDefinition, values: Record<string, string | undefined>): string[] {
  return definition.params.map((p) => values[p.name]).filter((value): value is string => value !== undefined);
}

/** What an OSCAL document is made from: the catalog the request reads, the organization, the parameters as given. */
export interface OscalExportInput {
  catalog: CatalogSnapshot;
  organizationId: string;
  values: Record<string, string | undefined>;
  now: Date;
}

/**
 * An OSCAL export (issue 12): JSON, one document, always of one organization's view of the catalog (the public
 * frameworks and sets plus its own), so it takes a key over HTTP and --org on the command line.
 */
export interface OscalExportDefinition extends ExportCommon {
  /** GET /export/oscal/<path>. */
  path: string;
  document(builder: OscalExport, input: OscalExportInput): Promise<OscalExportFile<object>>;
}

export const OSCAL_EXPORT_REGISTRY: readonly OscalExportDefinition[] = [
  {
    name: 'oscal-catalog',
    path: 'catalog',
    params: [{ name: 'framework' }],
    description:
      'a framework (public or the organization\'s own) as an OSCAL catalog (JSON): ids and titles, and statement text, guidance and objectives where the licence allows (NIST and own frameworks, not ISO or AICPA)',
    example: '--org 7d4c…e1 --framework NIST-AI-RMF --out nist-ai-rmf.json',
    document: (builder, { catalog, organizationId, values, now }) => builder.catalog(catalog, organizationId, values.framework!, now),
  },
  {
    name: 'oscal-mapping-collection',
    path: 'mapping-collection',
    params: [{ name: 'source' }, { name: 'target' }],
    description:
      'every mapping set (public or the organization\'s own) from source to target as an OSCAL 1.2 mapping-collection (JSON), one mapping per set, with provenance',
    example: '--org 7d4c…e1 --source ISO27001 --target ISO42001 --out iso27001-iso42001.json',
    document: (builder, { catalog, organizationId, values, now }) => builder.mappingCollection(catalog, organizationId, values.source!, values.target!, now),
  },
];

/** The OSCAL export called `name` (the CLI's name, e.g. oscal-catalog), if there is one. */
export function findOscalExport(name: string): OscalExportDefinition | undefined {
  return OSCAL_EXPORT_REGISTRY.find((definition) => definition.name === name);
}
