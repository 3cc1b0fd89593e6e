import { Controller, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadUserInputError, DomainError, ErrorCode } from '../common/errors/domain-error';
import { contentTypeCharset } from '../common/http/http-errors.middleware';
import { RouteRefusals, send } from '../common/http/route-refusals.filter';
import { KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import { RequestScopeFactory } from '../graphql/request-scope.factory';
import { OscalDocumentError } from '../oscal/oscal-error';
import { parseOscalJson } from '../oscal/parse-oscal-json';
import { importPrincipal } from './import-principal';
import { OscalImportService } from './oscal-import.service';

/**
 * `POST /import/oscal/catalog?code=CODE[&version=VERSION]` and
 * `POST /import/oscal/mapping-collection?source=CODE[:VERSION]&target=CODE[:VERSION]` (issue 12): an OSCAL JSON
 * document imported into the key's organization's own catalog by OscalImportService, all or nothing.
 *
 * - The document is the body, Content-Type application/json (UTF-8), read as bytes up to IMPORT_BODY_LIMIT (413
 *   naming it past that); anything else: 415. The key and role rules are POST /import/controls's (import-principal.ts).
 * - Refusals are JSON `{ errors: [{ message, extensions: { code, path, problems? } }] }`, `path` the JSON path of the
 *   first problem: 400 for malformed JSON or a document that is not valid OSCAL (or a bad parameter), 404 for a
 *   framework reference to nothing (exactly as for a framework that does not exist, whoever owns it), 409 for an own
 *   framework that exists already, 422 for valid OSCAL that does not fit (references that match nothing, duplicates,
 *   the organization's limits). Nothing is written on any of them.
 * - 200: the import's counts and `tookMs`.
 */
@Controller('import/oscal')
@UseFilters(RouteRefusals)
export class OscalImportsController {
  constructor(
    private readonly limiter: KeyRateLimiter,
    private readonly scopes: RequestScopeFactory,
    private readonly imports: OscalImportService,
  ) {}

  @Post('catalog')
  async catalog(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = readParams(query, ['code', 'version']);
    const principal = await importPrincipal(this.scopes, this.limiter, req);
    await answer(reply, async () => this.imports.importCatalog(principal, readJsonDocument(req), { code: params.code, version: params.version }));
  }

  @Post('mapping-collection')
  async mappingCollection(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const params = readParams(query, ['source', 'target']);
    const principal = await importPrincipal(this.scopes, this.limiter, req);
    await answer(reply, async () => this.imports.importMappingCollection(principal, readJsonDocument(req), { source: params.source, target: params.target }));
  }
}

/** An OSCAL route's body that is not a JSON document: 415, naming what it takes. */
class NotJson extends DomainError {
  constructor(detail: string) {
    super(ErrorCode.BAD_USER_INPUT, `request body: ${detail}; send the OSCAL document as the body, with Content-Type application/json (UTF-8)`, 'body');
  }
}

/** Each of `names` at most once, and no other parameter. */
function readParams(query: Record<string, unknown>, names: readonly string[]): Record<string, string | undefined> {
  for (const key of Object.keys(query)) {
    if (!names.includes(key)) throw new BadUserInputError(key.slice(0, 40), `unknown parameter; this import takes ${names.join(' and ')}`);
  }
  const out: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = query[name];
    if (value !== undefined && typeof value !== 'string') throw new BadUserInputError(name, 'given more than once; give it once');
    out[name] = value;
  }
  return out;
}

/** The body (bytes, readBodiesAsExpress) parsed as JSON; malformed JSON is an OscalDocumentError at `$`. */
function readJsonDocument(req: FastifyRequest): unknown {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new NotJson(type ? `Content-Type ${type.split(';')[0].trim().slice(0, 80)} is not taken` : 'no Content-Type');
  const charset = contentTypeCharset(type);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') throw new NotJson(`JSON in charset ${charset.slice(0, 40)}`);
  return parseOscalJson(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
}

/** Runs the import and answers it: 200 with its result, or the refusal with the status above. */
async function answer(reply: FastifyReply, work: () => Promise<object>): Promise<void> {
  let result: object;
  try {
    result = await work();
  } catch (error) {
    if (error instanceof NotJson) return send(reply, 415, { message: error.message, code: error.code, field: 'body' });
    if (error instanceof OscalDocumentError) {
      return send(reply, error.stage === 'content' ? 422 : 400, {
        message: error.message,
        code: error.code,
        extensions: { path: error.problems[0]?.path ?? '$', problems: error.problems, problemCount: error.total },
      });
    }
    if (error instanceof DomainError) {
      const limit = error.extensions.reason === 'LIMIT_EXCEEDED';
      const status = limit ? 422 : error.code === ErrorCode.NOT_FOUND ? 404 : error.code === ErrorCode.CONFLICT ? 409 : 400;
      return send(reply, status, { message: error.message, code: error.code, field: error.field, extensions: { ...error.extensions, ...(limit ? { path: '$' } : {}) } });
    }
    throw error;
  }
  void reply.code(200).type('application/json; charset=utf-8').header('cache-control', 'no-store').send(result);
}
