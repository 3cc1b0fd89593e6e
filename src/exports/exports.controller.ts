import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { BadUserInputError, DomainError, ErrorCode } from '../common/errors/domain-error';
import { KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import { RequestScopeFactory } from '../graphql/request-scope.factory';
import { crosswalkWorkbook } from './crosswalk-export';
import { writeCsv } from './csv-writer';
import { exportFileName, pickSheet } from './export-file';
import type { Workbook } from './sheet';
import { SoaExport } from './soa-export';
import { writeXlsx } from './xlsx-writer';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The exports this route serves, each with the query parameters it takes (all required but `sheet`). */
const EXPORTS: Record<string, { params: string[]; keyed: boolean }> = {
  crosswalk: { params: ['source', 'target'], keyed: false },
  soa: { params: ['framework'], keyed: true },
};
const ACCEPTED = Object.keys(EXPORTS).map((name) => `/export/${name}.xlsx or .csv`).join(', ');

/**
 * `GET /export/<name>.xlsx|.csv` (issue 13): spreadsheets of what GraphQL answers, made by the same services. Refusals
 * are JSON in the GraphQL error shape with the code GraphQL would give (BAD_USER_INPUT or NOT_FOUND on a parameter:
 * 400; UNAUTHENTICATED: 401; FORBIDDEN: 403, or 429 with Retry-After for the rate limit) and nothing else. Each
 * request spends one point of the same per-key (per-address without a key) budget as a GraphQL operation. The
 * Fastify reply is written here, so no Nest exception filter rewords a refusal.
 */
@Controller('export')
export class ExportsController {
  constructor(
    private readonly snapshots: CatalogSnapshots,
    private readonly limiter: KeyRateLimiter,
    private readonly scopes: RequestScopeFactory,
    private readonly soa: SoaExport,
  ) {}

  @Get(':file')
  async export(@Param('file') file: string, @Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    try {
      const match = /^([a-z0-9-]+)\.(xlsx|csv)$/.exec(file);
      const spec = match ? EXPORTS[match[1]] : undefined;
      if (!match || !spec) {
        return send(reply, 404, { message: `export: no export "${file.slice(0, 60)}"; available: ${ACCEPTED}`, code: ErrorCode.NOT_FOUND });
      }
      const [, name, format] = match;
      const params = readParams(query, spec.params, format === 'csv');
      // The key is verified once (the request scope), and pays for the request; without one the client address pays.
      const scope = await this.scopes.create(req, { maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
      const principal = spec.keyed ? await scope.principal() : undefined;
      const refused = await this.limiter.refusal(principal ?? (await scope.verifiedKey()), req.ip);
      if (refused) throw refused;
      const now = new Date();
      const book: Workbook = name === 'crosswalk'
        ? crosswalkWorkbook(scope.catalog, { source: params.source, target: params.target }, now)
        : await this.soa.workbook(scope, principal!, params.framework, now);
      const refs = spec.params.map((p) => params[p]);
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
    } catch (error) {
      return refuse(reply, error);
    }
  }
}

/** The parameters an export takes, each given once: BAD_USER_INPUT naming any other, or a missing or repeated one. */
function readParams(query: Record<string, unknown>, names: string[], csv: boolean): Record<string, string> {
  const accepted = csv ? [...names, 'sheet'] : names;
  for (const key of Object.keys(query)) {
    if (!accepted.includes(key)) throw new BadUserInputError(key.slice(0, 40), `unknown parameter; this export takes ${accepted.join(', ')}`);
  }
  const values: Record<string, string> = {};
  for (const name of accepted) {
    const value = query[name];
    if (value === undefined && name === 'sheet') continue;
    if (value === undefined || value === '') throw new BadUserInputError(name, 'is required: a framework reference such as ISO27001 or ISO27001:2022');
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

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 400, // a parameter names nothing in the catalog; the export itself exists
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.CONFLICT]: 409,
};

function refuse(reply: FastifyReply, error: unknown): void {
  if (!(error instanceof DomainError)) throw error; // Nest logs it and answers 500 without details
  const retry = error.extensions.retryAfterSeconds;
  if (retry !== undefined) void reply.header('retry-after', String(retry));
  const status = retry !== undefined ? 429 : (STATUS[error.code] ?? 400);
  send(reply, status, { message: error.message, code: error.code, field: error.field, extensions: error.extensions });
}

function send(reply: FastifyReply, status: number, e: { message: string; code: string; field?: string; extensions?: Readonly<Record<string, string | number>> }): void {
  const extensions = { code: e.code, ...(e.field ? { field: e.field } : {}), ...(e.extensions ?? {}) };
  void reply.code(status).type('application/json; charset=utf-8').header('cache-control', 'no-store').send({ errors: [{ message: e.message, extensions }] });
}
