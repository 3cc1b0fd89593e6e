import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/paging/connection.model';
import { Requirement } from './requirement.model';

@ObjectType({ description: 'A page of requirements in document order.' })
export class RequirementConnection extends Connection(Requirement, 'Requirement', 'requirement') {}
