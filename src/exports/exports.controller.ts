import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { BadUserInputError, ErrorCode } from '../common/errors/domain-error';
import { KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import { CommonControlsArgs, CoverageArgs, GapAnalysisArgs, Soc2PlusArgs } from '../coverage/models/coverage.args';
import { RequestScopeFactory } from '../graphql/request-scope.factory';
import { CommonControlsExport } from './common-controls-export';
import { CoverageExport } from './coverage-export';
import { crosswalkWorkbook } from './crosswalk-export';
import { writeCsv } from './csv-writer';
import { exportFileName, pickSheet, readFrameworkList } from './export-file';
import { ExportRefusals, send } from './export-refusals.filter';
import { GapsExport } from './gaps-export';
import type { Workbook } from './sheet';
import { SoaExport } from './soa-export';
import { Soc2PlusExport } from './soc2-plus-export';
import { writeXlsx } from './xlsx-writer';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The exports this route serves, each with the query parameters it takes (all required but `sheet` and those
 * `optional`). `lists`: the parameters that are comma-separated lists, each held to its GraphQL field's arguments
 * class (readFrameworkList).
 */
const EXPORTS: Record<string, { params: string[]; keyed: boolean; optional?: string[]; lists?: Record<string, new () => object> }> = {
  crosswalk: { params: ['source', 'target'], keyed: false },
  soa: { params: ['framework'], keyed: true },
  'soc2-plus': { params: ['additional'], keyed: true, lists: { additional: Soc2PlusArgs } },
  'common-controls': { params: ['frameworks'], keyed: true, lists: { frameworks: CommonControlsArgs } },
  coverage: { params: ['frameworks'], keyed: true, lists: { frameworks: CoverageArgs } },
  gaps: { params: ['target', 'have'], keyed: true, optional: ['have'], lists: { have: GapAnalysisArgs } },
};
const ACCEPTED = Object.keys(EXPORTS).map((name) => `/export/${name}.xlsx or .csv`).join(', ');

/**
 * `GET /export/<name>.xlsx|.csv` (issue 13): spreadsheets of what GraphQL answers, made by the same services. Refusals
 * are JSON in the GraphQL error shape with the code GraphQL would give (BAD_USER_INPUT or NOT_FOUND on a parameter:
 * 400; UNAUTHENTICATED: 401; FORBIDDEN: 403, or 429 with Retry-After for the rate limit) and nothing else. Each
 * request spends one point of the same per-key (per-address without a key) budget as a GraphQL operation. Whatever
 * refuses the request, the global validation pipe (NUL characters) included, is answered by ExportRefusals.
 */
@Controller('export')
@UseFilters(ExportRefusals)
export class ExportsController {
  constructor(
    private readonly snapshots: CatalogSnapshots,
    private readonly limiter: KeyRateLimiter,
    private readonly scopes: RequestScopeFactory,
    private readonly soa: SoaExport,
    private readonly soc2Plus: Soc2PlusExport,
    private readonly commonControls: CommonControlsExport,
    private readonly coverage: CoverageExport,
    private readonly gaps: GapsExport,
  ) {}

  @Get(':file')
  async export(@Param('file') file: string, @Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const match = /^([a-z0-9-]+)\.(xlsx|csv)$/.exec(file);
    const spec = match ? EXPORTS[match[1]] : undefined;
    if (!match || !spec) {
      return send(reply, 404, { message: `export: no export "${file.slice(0, 60)}"; available: ${ACCEPTED}`, code: ErrorCode.NOT_FOUND });
    }
    const [, name, format] = match;
    const lists = spec.lists ?? {};
    const params = readParams(query, spec.params, format === 'csv', spec.optional ?? [], Object.keys(lists));
    const list: Record<string, string[]> = {};
    for (const [p, args] of Object.entries(lists)) {
      if (params[p] !== undefined) list[p] = await readFrameworkList(p, params[p], args, params);
    }
    // The key is verified once (the request scope), and pays for the request; without a valid one the client address
    // pays, before the refusal: guessing keys here costs the same budget as through GraphQL.
    const scope = await this.scopes.create(req, { maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
    const refused = await this.limiter.refusal(await scope.verifiedKey(), req.ip);
    if (refused) throw refused;
    const principal = spec.keyed ? await scope.principal() : undefined;
    const now = new Date();
    let book: Workbook;
    if (name === 'crosswalk') book = crosswalkWorkbook(scope.catalog, { source: params.source, target: params.target }, now);
    else if (name === 'soc2-plus') book = await this.soc2Plus.workbook(scope, principal!, list.additional, now);
    else if (name === 'common-controls') book = await this.commonControls.workbook(scope, principal!, list.frameworks, now);
    else if (name === 'coverage') book = await this.coverage.workbook(scope, principal!, list.frameworks, now);
    else if (name === 'gaps') book = await this.gaps.workbook(scope, principal!, params.target, list.have, now);
    else book = await this.soa.workbook(scope, principal!, params.framework, now);
    const refs = spec.params.map((p) => params[p]).filter((r) => r !== undefined);
    if (format === 'xlsx') {
      const body = await writeXlsx(book);
      return void reply.code(200).headers(fileHeaders(XLSX_TYPE, exportFileName(name, refs, now, 'xlsx'), spec.keyed)).send(body);
    }
    const sheet = pickSheet(book, params.sheet);
    const body = writeCsv(sheet);
    return void reply
      .code(200)
      .headers({ ...fileHeaders('text/csv; charset=utf-8; header=present', exportFileName(name, refs, now, 'csv', sheet), spec.keyed), 'x-export-sheet': sheet.name })
      .send(body);
  }
}

/** The parameters an export takes, each given once: BAD_USER_INPUT naming any other, or a missing or repeated one. */
function readParams(query: Record<string, unknown>, names: string[], csv: boolean, optional: string[], lists: string[]): Record<string, string> {
  const accepted = csv ? [...names, 'sheet'] : names;
  for (const key of Object.keys(query)) {
    if (!accepted.includes(key)) throw new BadUserInputError(key.slice(0, 40), `unknown parameter; this export takes ${accepted.join(', ')}`);
  }
  const values: Record<string, string> = {};
  for (const name of accepted) {
    const value = query[name];
    if (value === undefined && (name === 'sheet' || optional.includes(name))) continue;
    if (value === '' && optional.includes(name)) throw new BadUserInputError(name, 'must not be empty; leave it out for the default');
    if (value === undefined || value === '') {
      throw new BadUserInputError(name, lists.includes(name) ? 'is required: comma-separated framework references such as ISO42001,NIST-AI-RMF' : 'is required: a framework reference such as ISO27001 or ISO27001:2022');
    }
    if (typeof value !== 'string') throw new BadUserInputError(name, 'given more than once; give it once');
    values[name] = value;
  }
  return values;
}

function fileHeaders(type: string, filename: string, keyed: boolean): Record<string, string> {
  return {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename}"`,
    'x-content-type-options': 'nosniff',
    // Tenant data stays out of shared caches.
    'cache-control': keyed ? 'private, no-store' : 'public, max-age=0, must-revalidate',
  };
}
