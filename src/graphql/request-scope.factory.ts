import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CatalogSnapshots } from '../catalog/catalog-snapshots';
import { OrganizationsService } from '../organizations/organizations.service';
import { ExecutionBudget, type ExecutionLimits } from './execution-budget.plugin';
import { RequestScope } from './request-scope';

/** The one place a request's scope is made: its catalog snapshot, its budget, and how its key is verified. */
@Injectable()
export class RequestScopeFactory {
  constructor(
    private readonly snapshots: CatalogSnapshots,
    private readonly organizations: OrganizationsService,
  ) {}

  async create(req: FastifyRequest, limits: ExecutionLimits): Promise<RequestScope> {
    return new RequestScope(req, await this.snapshots.get(), new ExecutionBudget(limits), (header) => this.organizations.authenticate(header));
  }
}
