import { Controller, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadUserInputError } from '../common/errors/domain-error';
import { KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import { RouteRefusals, send } from '../common/http/route-refusals.filter';
import { RequestScopeFactory } from '../graphql/request-scope.factory';
import { ImportFileError } from '../imports/import-file-error';
import { importScope } from '../imports/import-principal';
import { readUpload, UnsupportedUpload } from '../imports/upload';
import { type AnswerFileRow, readAnswerFile } from './vendor-answer-file';
import { VendorAnswersImportService } from './vendor-answers-import.service';
import { UUID } from '../common/validation/uuid';

/**
 * `POST /import/vendor-answers?vendor=<id>` (issue 14, part 3): a vendor's answered questionnaire, the exported CSV or
 * XLSX filled in, imported all or nothing by VendorAnswersImportService. The same rules as POST /import/controls: the
 * file as the body or the one file of a form (else 415), IMPORT_BODY_LIMIT (413), a key with role ADMIN or EDITOR and
 * one point of its rate limit; a file refused as a whole: 400 with `extensions.reason`; rows with problems: 422 with
 * the report listing each (row, column, value, reason), nothing written; otherwise 200 with the report.
 */
@Controller('import')
@UseFilters(RouteRefusals)
export class VendorAnswersController {
  constructor(
    private readonly limiter: KeyRateLimiter,
    private readonly scopes: RequestScopeFactory,
    private readonly imports: VendorAnswersImportService,
  ) {}

  @Post('vendor-answers')
  async vendorAnswers(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const vendorId = readVendorParam(query);
    const { scope, principal } = await importScope(this.scopes, this.limiter, req);
    let rows: AnswerFileRow[];
    try {
      const upload = await readUpload(req.headers['content-type'], req.body);
      rows = await readAnswerFile(upload.bytes, upload.format);
    } catch (error) {
      if (error instanceof UnsupportedUpload) return send(reply, 415, { message: error.message, code: error.code, field: 'file' });
      if (error instanceof ImportFileError) {
        return send(reply, error.code === 'FILE_TOO_LARGE' ? 413 : 400, { message: `file: ${error.message}`, code: 'BAD_USER_INPUT', field: 'file', extensions: { reason: error.code, ...error.place } });
      }
      throw error;
    }
    const report = await this.imports.import(scope, principal, vendorId, rows);
    void reply.code(report.ok ? 200 : 422).type('application/json; charset=utf-8').header('cache-control', 'no-store').send(report);
  }
}

/** `vendor`, the vendor's id, exactly once; nothing else. */
export function readVendorParam(query: Record<string, unknown>): string {
  for (const key of Object.keys(query)) {
    if (key !== 'vendor') throw new BadUserInputError(key.slice(0, 40), 'unknown parameter; this import takes vendor (the vendor\'s id)');
  }
  const value = query.vendor;
  if (value === undefined || value === '') throw new BadUserInputError('vendor', 'is required: the vendor\'s id, as `vendors { id }` lists it');
  if (typeof value !== 'string') throw new BadUserInputError('vendor', 'given more than once; give it once');
  if (!UUID.test(value)) throw new BadUserInputError('vendor', `must be a vendor id (a UUID), got "${value.slice(0, 40)}"`);
  return value;
}
