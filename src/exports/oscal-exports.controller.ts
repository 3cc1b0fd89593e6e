import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode } from '../common/errors/domain-error';
import { KeyRateLimiter } from '../common/rate-limit/key-rate-limiter';
import { RouteRefusals, send } from '../common/http/route-refusals.filter';
import { RequestScopeFactory } from '../graphql/request-scope.factory';
import { exportFileName, fileHeaders, readParams } from './export-file';
import { exportRefs, OSCAL_EXPORT_REGISTRY } from './export-registry';
import { NoMappingSetError, OscalExport } from './oscal-export';

const ACCEPTED = OSCAL_EXPORT_REGISTRY.map(({ path }) => `/export/oscal/${path}`).join(', ');

/**
 * `GET /export/oscal/catalog` and `/export/oscal/mapping-collection` (issue 12): OSCAL JSON documents of a framework
 * or of the mapping sets between two, as one organization sees the catalog (public plus its own). Like the
 * spreadsheet exports (ExportsController): any key of the organization may read (AUDITOR included), each request
 * spends one point of the per-key budget, and refusals are coded JSON from RouteRefusals. Without a valid key the
 * answer is UNAUTHENTICATED whatever the parameters name, so nothing is learnt about any organization's codes. Two
 * frameworks with no mapping set from one to the other answer 404 (NoMappingSetError).
 */
@Controller('export/oscal')
@UseFilters(RouteRefusals)
export class OscalExportsController {
  constructor(
    private readonly limiter: KeyRateLimiter,
    private readonly scopes: RequestScopeFactory,
    private readonly builder: OscalExport,
  ) {}

  @Get(':kind')
  async export(@Param('kind') kind: string, @Query() query: Record<string, unknown>, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const spec = OSCAL_EXPORT_REGISTRY.find((definition) => definition.path === kind);
    if (!spec) return send(reply, 404, { message: `export: no OSCAL export "${kind.slice(0, 60)}"; available: ${ACCEPTED}`, code: ErrorCode.NOT_FOUND });
    const values = readParams(query, spec.params, false);
    const scope = await this.scopes.create(req, { maxMs: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY });
    const refused = await this.limiter.refusal(await scope.verifiedKey(), req.ip);
    if (refused) throw refused;
    const principal = await scope.principal();
    const now = new Date();
    const made = await spec.document(this.builder, { catalog: scope.catalog, organizationId: principal.organizationId, values, now }).catch((error: unknown) => {
      if (error instanceof NoMappingSetError) return error;
      throw error;
    });
    if (made instanceof NoMappingSetError) return send(reply, 404, { message: made.message, code: made.code, field: made.field });
    const { document, refs } = made;
    const name = exportFileName(spec.name, refs.length > 0 ? refs : exportRefs(spec, values), now, 'json');
    return void reply.code(200).headers(fileHeaders('application/json; charset=utf-8', name, true)).send(JSON.stringify(document, null, 2));
  }
}
