import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/paging/connection.model';
import { Crosswalk } from './crosswalk.model';

@ObjectType({ description: 'A page of crosswalk edges in their stored direction and file order.' })
export class CrosswalkConnection extends Connection(Crosswalk, 'Crosswalk', 'crosswalk edge') {}
