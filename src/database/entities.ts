import { CatalogStateEntity } from '../catalog/entities/catalog-state.entity';
import { FrameworkEntity } from '../catalog/entities/framework.entity';
import { RequirementEntity } from '../catalog/entities/requirement.entity';
import { CrosswalkEdgeEntity } from '../crosswalks/entities/crosswalk-edge.entity';
import { MappingSetEntity } from '../crosswalks/entities/mapping-set.entity';

/** Every TypeORM entity, listed by hand so that builds and tests need no file globbing. */
export const ENTITIES = [FrameworkEntity, RequirementEntity, MappingSetEntity, CrosswalkEdgeEntity, CatalogStateEntity];
