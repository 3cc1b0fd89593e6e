import { Injectable } from '@nestjs/common';
import { resolveFrameworkVersion } from '../catalog/framework-ref';
import type { Framework } from '../catalog/models/framework.model';
import type { CrosswalkReadOptions } from './crosswalks.loaders';
import { CrosswalksRepository } from './crosswalks.repository';
import { toMappingSet } from './mapping-set.mapper';
import type { CrosswalkArgs, MappingSetsArgs } from './models/crosswalk.args';
import type { MappingSet } from './models/mapping-set.model';

@Injectable()
export class CrosswalksService {
  constructor(private readonly repository: CrosswalksRepository) {}

  /** Turns `crosswalks(direction, framework)` arguments into loader options. */
  readOptions(args: CrosswalkArgs, frameworks: Framework[]): CrosswalkReadOptions {
    if (args.framework === undefined || args.framework === null) return { direction: args.direction };
    const other = resolveFrameworkVersion(frameworks, args.framework, 'framework');
    return { direction: args.direction, otherFrameworkIds: [other.id] };
  }

  async listMappingSets(args: MappingSetsArgs, frameworks: Framework[]): Promise<MappingSet[]> {
    const source = args.source ? [resolveFrameworkVersion(frameworks, args.source, 'source').id] : undefined;
    const target = args.target ? [resolveFrameworkVersion(frameworks, args.target, 'target').id] : undefined;
    return (await this.repository.listMappingSets(source, target)).map(toMappingSet);
  }
}
