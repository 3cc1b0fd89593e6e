import { ObjectType } from '@nestjs/graphql';
import { Connection } from '../../common/paging/connection.model';
import { Control } from './control.model';

@ObjectType({ description: "A page of the organization's controls, ordered by code." })
export class ControlConnection extends Connection(Control, 'Control', 'control') {}
