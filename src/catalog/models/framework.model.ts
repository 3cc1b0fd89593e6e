import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { FRAMEWORK_KINDS, type FrameworkKind } from '../framework-kind';
import { enumObject } from '../../common/models/enum-object';
import { SourceDocument } from '../../common/models/source-document.model';

export const FrameworkKindEnum = enumObject(FRAMEWORK_KINDS);
registerEnumType(FrameworkKindEnum, {
  name: 'FrameworkKind',
  description: 'What sort of document a framework is.',
  valuesMap: {
    MANAGEMENT_SYSTEM_STANDARD: { description: 'A certifiable management-system standard (ISO 27001, 42001, 9001, 27701).' },
    ATTESTATION_CRITERIA: { description: 'Criteria an auditor attests against (AICPA SOC 2 Trust Services Criteria).' },
    RISK_FRAMEWORK: { description: 'A voluntary risk-management framework (NIST AI RMF).' },
    CONTROL_CATALOG: { description: 'A catalog of controls (for example an OSCAL catalog).' },
  },
});

@ObjectType({ description: 'One version of a compliance framework, e.g. ISO27001:2022.' })
export class Framework {
  @Field(() => ID, { description: 'Opaque identifier of this framework version.' })
  id: string;

  @Field({ description: 'Stable code: ISO27001, ISO27701, ISO9001, ISO42001, SOC2 or NIST-AI-RMF.' })
  code: string;

  @Field({ description: 'Edition, e.g. 2022. `code:version` is how arguments refer to it.' })
  version: string;

  @Field({ description: 'Full name of the document.' })
  name: string;

  @Field({ description: 'Who publishes it, e.g. ISO/IEC, AICPA, NIST.' })
  publisher: string;

  @Field(() => FrameworkKindEnum, { description: 'What sort of document it is.' })
  kind: FrameworkKind;

  @Field(() => String, { nullable: true, description: 'What the framework covers, in our own words.' })
  description: string | null;

  @Field({ description: 'What Crosswalk may ship of it, and how to load licensed text.' })
  licenceNote: string;

  @Field(() => [SourceDocument], { description: 'Where the identifiers and titles come from.' })
  sources: SourceDocument[];

  @Field(() => Boolean, {
    description:
      "True for an organization's own framework (its policies, contracts, imported OSCAL catalogs), reached only " +
      'through tenant fields such as `ownFrameworks`; false for the public catalog.',
  })
  own?: boolean;
}
