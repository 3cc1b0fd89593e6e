import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors/domain-error';
import { KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import { RequestScopeFactory } from '../graphql/request-scope.factory';
import { CertificationPlanExport } from './certification-plan-export';
import { CommonControlsExport } from './common-controls-export';
import { CoverageExport } from './coverage-export';
import { writeCsv } from './csv-writer';
import { exportFileName, fileHeaders, pickSheet, readExportLists, readParams } from './export-file';
import { EXPORT_REGISTRY, type ExportBuilders, exportRefs, findExport } from './export-registry';
import { RouteRefusals, send } from '../common/http/route-refusals.filter';
import { GapsExport } from './gaps-export';
import { ICS_TYPE, writeIcs } from './ics-writer';
import { SoaExport } from './soa-export';
import { Soc2PlusExport } from './soc2-plus-export';
import { VendorQuestionnaireExport } from './vendor-questionnaire-export';
import { writeXlsx, XLSX_TYPE } from './xlsx-writer';

const ACCEPTED = EXPORT_REGISTRY.map((d) => `/export/${d.name}.xlsx or .csv${d.keyed && d.calendar ? ' or .ics' : ''}`).join(', ');

/**
 * `GET /export/<name>.xlsx|.csv` (issue 13): spreadsheets of what GraphQL answers, made by the same services. Refusals
 * are JSON in the GraphQL error shape with the code GraphQL would give (BAD_USER_INPUT or NOT_FOUND on a parameter:
 * 400; UNAUTHENTICATED: 401; FORBIDDEN: 403, or 429 with Retry-After for the rate limit) and nothing else. Each
 * request spends one point of the same per-key (per-address without a key) budget as a GraphQL operation. Whatever
 * refuses the request, the global validation pipe (NUL characters) included, is answered by RouteRefusals. The
 * exports, their parameters and how each is made are EXPORT_REGISTRY's.
 */
@Controller('export')
@UseFilters(RouteRefusals)
export class ExportsController {
  private readonly builders: ExportBuilders;

  constructor(
    private readonly limiter: KeyRateLimiter,
    private readonly scopes: RequestScopeFactory,
    soa: SoaExport,
    soc2Plus: Soc2PlusExport,
    commonControls: CommonControlsExport,
    coverage: CoverageExport,
    gaps: GapsExport,
    vendorQuestionnaire: VendorQuestionnaireExport,
    certificationPlan: CertificationPlanExport,
  ) {
    this.builders = { soa, soc2Plus, commonControls, coverage, gaps, vendorQuestionnaire, certificationPlan };
  }

  @Get(':file')
  async export(@Param('file') file: string, @Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const match = /^([a-z0-9-]+)\.(xlsx|csv|ics)$/.exec(file);
    const spec = match ? findExport(match[1]) : undefined;
    if (!match || !spec || (match[2] === 'ics' && !(spec.keyed && spec.calendar))) {
      return send(reply, 404, { message: `export: no export "${file.slice(0, 60)}"; available: ${ACCEPTED}`, code: ErrorCode.NOT_FOUND });
    }
    const [, name, format] = match;
    const params = readParams(query, spec.params, format === 'csv');
    const lists = await readExportLists(spec, params);
    // The key is verified once (the request scope), and pays for the request; without a valid one the client address
    // pays, before the refusal: guessing keys here costs the same budget as through GraphQL.
    const scope = await this.scopes.create(req, { maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
    const refused = await this.limiter.refusal(await scope.verifiedKey(), req.ip);
    if (refused) throw refused;
    const now = new Date();
    const input = { scope, builders: this.builders, values: params, lists, now };
    if (format === 'ics' && spec.keyed && spec.calendar) {
      const body = writeIcs(await spec.calendar(input, await scope.principal()));
      return void reply.code(200).headers(fileHeaders(ICS_TYPE, exportFileName(name, exportRefs(spec, params), now, 'ics'), true)).send(body);
    }
    const book = spec.keyed ? await spec.workbook(input, await scope.principal()) : await spec.workbook(input);
    const refs = exportRefs(spec, params);
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
