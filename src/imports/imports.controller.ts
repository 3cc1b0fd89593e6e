import { Controller, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BadUserInputError } from '../common/errors/domain-error';
import { KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import { RouteRefusals, send } from '../common/http/route-refusals.filter';
import { RequestScopeFactory } from '../graphql/request-scope.factory';
import { ControlImportService } from './control-import.service';
import type { ControlImportReport, ImportMode } from './control-import.types';
import { type ControlFile, readControlFile } from './control-file';
import { ImportFileError } from './import-file-error';
import { importPrincipal } from './import-principal';
import { readUpload, UnsupportedUpload } from './upload';

const PARAMS = ['mode', 'dryRun'];
const MODES: Record<string, ImportMode> = { replace: 'replace', merge: 'merge' };

/** What POST /import/controls answers: the import's report, and what was read of the file's header. */
export interface ControlFileImportAnswer extends ControlImportReport {
  /** The columns read, with their letters as a spreadsheet shows them. */
  columns: ControlFile['columns'];
  /** Header names not read (their cells are ignored): reported, not refused. */
  unknownColumns: string[];
}

/**
 * `POST /import/controls[?mode=merge][&dryRun=true]` (issue 13): a control inventory file, CSV or XLSX, imported all or
 * nothing by ControlImportService, the service behind GraphQL importControls.
 *
 * - The file is the body (Content-Type text/csv or the XLSX type) or the one file of a multipart/form-data form;
 *   anything else: 415. Larger than IMPORT_BODY_LIMIT: 413, before it is read (readBodiesAsExpress).
 * - A key with role ADMIN or EDITOR; the request spends one point of the key's rate-limit budget, as one GraphQL
 *   operation does, whatever the file holds.
 * - A file refused as a whole (broken, hostile, too big for the parser, no `code` or `title` column): 400 (413 for
 *   FILE_TOO_LARGE) with `extensions.reason` (ImportFileError's code) and where, when known.
 * - Rows with problems: 422 with the report listing every one (row, column, value, reason); nothing is written.
 *   A dry run answers its report with 200, problems or not, and writes nothing.
 * - Otherwise 200 with the report: counts and the import id its audit events are grouped under.
 */
@Controller('import')
@UseFilters(RouteRefusals)
export class ImportsController {
  constructor(
    private readonly limiter: KeyRateLimiter,
    private readonly scopes: RequestScopeFactory,
    private readonly imports: ControlImportService,
  ) {}

  @Post('controls')
  async controls(@Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { mode, dryRun } = readImportParams(query);
    const principal = await importPrincipal(this.scopes, this.limiter, req);
    let file: ControlFile;
    try {
      const upload = await readUpload(req.headers['content-type'], req.body);
      file = await readControlFile(upload.bytes, upload.format);
    } catch (error) {
      if (error instanceof UnsupportedUpload) return send(reply, 415, { message: error.message, code: error.code, field: 'file' });
      if (error instanceof ImportFileError) {
        const { row, line, column } = error;
        const place = { ...(row !== undefined ? { row } : {}), ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}) };
        return send(reply, error.code === 'FILE_TOO_LARGE' ? 413 : 400, { message: `file: ${error.message}`, code: 'BAD_USER_INPUT', field: 'file', extensions: { reason: error.code, ...place } });
      }
      throw error;
    }
    const report = await this.imports.importControls(principal, file.rows, { dryRun, mode, rowNumbers: file.rowNumbers });
    const answer: ControlFileImportAnswer = { ...report, columns: file.columns, unknownColumns: file.unknownColumns };
    void reply
      .code(report.ok || dryRun ? 200 : 422)
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(answer);
  }
}

/** `mode` (replace or merge, default replace) and `dryRun` (true or false, default false), each at most once. */
export function readImportParams(query: Record<string, unknown>): { mode: ImportMode; dryRun: boolean } {
  for (const key of Object.keys(query)) {
    if (!PARAMS.includes(key)) throw new BadUserInputError(key.slice(0, 40), `unknown parameter; this import takes ${PARAMS.join(' and ')}`);
  }
  const one = (name: string): string | undefined => {
    const value = query[name];
    if (value !== undefined && typeof value !== 'string') throw new BadUserInputError(name, 'given more than once; give it once');
    return value;
  };
  const modeText = one('mode') ?? 'replace';
  const mode = MODES[modeText];
  if (!mode) throw new BadUserInputError('mode', `must be replace (each row's links become exactly its list) or merge (links are only added or changed), got "${modeText.slice(0, 40)}"`);
  const dryRunText = one('dryRun') ?? 'false';
  if (dryRunText !== 'true' && dryRunText !== 'false') throw new BadUserInputError('dryRun', `must be true or false, got "${dryRunText.slice(0, 40)}"`);
  return { mode, dryRun: dryRunText === 'true' };
}
