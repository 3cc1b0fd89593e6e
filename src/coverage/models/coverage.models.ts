import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { enumObject } from '../../common/models/enum-object';
import { CrosswalkConditionEnum, RationaleEnum, RelationshipEnum } from '../../crosswalks/models/enums';
import { LinkCoverageEnum } from '../../controls/models/control.model';
import type { CrosswalkCondition, Rationale, Relationship } from '../../graph/relationship';
import { DETAIL_MAX_PATHS } from '../../graph/framework-overlap';
import { STATUS_NAMES, type StatusName } from '../../graph/status-code';

export const CoverageStatusEnum = enumObject(STATUS_NAMES);
registerEnumType(CoverageStatusEnum, {
  name: 'CoverageStatus',
  description: 'How far a requirement is satisfied (DESIGN "What the numbers mean").',
  valuesMap: {
    FULL: { description: 'Satisfied: by a FULL link of an IMPLEMENTED control, or through EQUAL/SUPERSET_OF crosswalks from one.' },
    PARTIAL: { description: 'Partly satisfied; see weight. Several partials never add up to FULL.' },
    NONE: { description: 'Applicable and not satisfied at all.' },
    EXCLUDED: { description: 'Excluded by the Statement of Applicability; out of the denominator.' },
  },
});

/** Full, partial, none, excluded and the score: how a set of assessable requirements is covered (DESIGN 4). */
@ObjectType({ isAbstract: true })
export class CoverageCounts {
  @Field(() => Int, { description: 'Applicable assessable requirements that are FULL.' })
  full: number;

  @Field(() => Int, { description: 'Applicable assessable requirements that are PARTIAL.' })
  partial: number;

  @Field(() => Int, { description: 'Applicable assessable requirements that are neither FULL nor PARTIAL.' })
  none: number;

  @Field(() => Int, { description: 'Assessable requirements excluded by the Statement of Applicability (not in the denominator).' })
  excluded: number;

  @Field(() => Float, { description: '(full + Σ partial weights) / applicable assessable requirements, from 0 to 1.' })
  score: number;
}

@ObjectType({ description: "Coverage of one framework version: all three parts, never only the score." })
export class FrameworkCoverage extends CoverageCounts {
  /** Internal: resolved by `framework`. */
  frameworkId: string;
}

@ObjectType({ description: 'Coverage of the target framework if every assessable requirement of the source were FULL.' })
export class FrameworkOverlap {
  sourceId: string;
  targetId: string;

  @Field(() => Int, { description: 'Distinct target requirements that would be FULL.' })
  full: number;

  @Field(() => Int, { description: 'Distinct target requirements that would be PARTIAL.' })
  partial: number;

  @Field(() => Int, { description: 'Target requirements the source does not reach.' })
  none: number;

  @Field(() => Float, { description: '(full + Σ partial weights) / assessable target requirements.' })
  score: number;
}

@ObjectType({ description: 'One crosswalk step of a coverage path, read in the direction the coverage flows.' })
export class CoverageStep {
  fromId: string;
  toId: string;
  mappingSetId: string;

  @Field(() => Boolean, {
    description:
      "True when the step's mapping set is the organization's own (an imported OSCAL mapping or a hand-made edge), " +
      'not the public catalog: a claim resting on it rests on the organization\'s own judgement.',
  })
  mappingSetPrivate: boolean;

  @Field(() => RelationshipEnum, { description: 'The relationship as read from `from` to `to`, as this organization reads it (see `conditionMet`).' })
  relationship: Relationship;

  @Field(() => RationaleEnum, { nullable: true, description: 'Why the two were judged related.' })
  rationale: Rationale | null;

  @Field(() => Int, { description: 'NIST IR 8278A strength, 0–10.' })
  strength: number;

  @Field({ description: 'True when this reads the stored edge from its target to its source.' })
  reversed: boolean;

  @Field(() => CrosswalkConditionEnum, { nullable: true, description: "The stored edge's condition; null when it holds unconditionally." })
  condition: CrosswalkCondition | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Whether the organization meets the condition (SAME_MANAGEMENT_SYSTEM: one declared management system holds both frameworks; ' +
      'in frameworkOverlapDetail, whether `assumeSameManagementSystem` was asked). ' +
      'When false, `relationship` is INTERSECTS_WITH and `strength` at most 9, whatever the edge stores. Null for an unconditional edge.',
  })
  conditionMet: boolean | null;
}

@ObjectType({ description: 'Public. How a source requirement, assumed FULL, reaches a target requirement of an overlap: source → crosswalk steps → target.' })
export class OverlapPath {
  /** Internal: the source framework's requirement the path starts from. */
  sourceId: string;

  @Field(() => [CoverageStep], { description: 'The crosswalk steps, in order, each with its relationship, strength, rationale and mapping set.' })
  steps: CoverageStep[];

  @Field(() => CoverageStatusEnum, { description: 'What this path alone gives: FULL (through EQUAL or SUPERSET_OF only) or PARTIAL.' })
  status: StatusName;

  @Field(() => Float, { description: 'Weight this path alone gives (1 for FULL).' })
  weight: number;

  @Field({ description: 'True for a composed path of two or more steps (maxHops > 1).' })
  inferred: boolean;
}

@ObjectType({ description: 'Public. One assessable requirement of the target of an overlap, as it would be if every assessable requirement of the source were FULL.' })
export class OverlapRequirement {
  requirementId: string;

  @Field(() => CoverageStatusEnum, { description: 'FULL, PARTIAL or NONE: the status the overlap counts it by (never EXCLUDED: no organization is involved).' })
  status: StatusName;

  @Field(() => Float, { description: '1 for FULL, the best path weight for PARTIAL, 0 for NONE.' })
  weight: number;

  @Field({ description: 'True when the status is reached only through composed (multi-hop) paths.' })
  inferred: boolean;

  @Field(() => Int, { description: 'How many paths from the source contribute (0 for NONE); `paths` lists the best of them.' })
  pathCount: number;

  @Field(() => [OverlapPath], { description: `The best contributing paths from the source, best first (weight, then fewer steps): at most ${DETAIL_MAX_PATHS} of \`pathCount\`; empty for NONE.` })
  paths: OverlapPath[];
}

@ObjectType({ description: 'Public. One cell of frameworkOverlap taken apart: its counts, and the target requirements they are made of.' })
export class FrameworkOverlapDetail {
  @Field(() => FrameworkOverlap, { description: 'The cell: the same source, target, full, partial, none and score as frameworkOverlap answers for this pair.' })
  overlap: FrameworkOverlap;

  @Field(() => [OverlapRequirement], {
    description: "Every assessable requirement of the target, in document order, with its status and paths: as many FULL, PARTIAL and NONE as `overlap` counts.",
  })
  requirements: OverlapRequirement[];
}

@ObjectType({ description: 'A control that makes the start of a path directly satisfied.' })
export class CoverageControl {
  @Field(() => ID, { description: "The control's id (`Control.id`): it stays when the code changes. Use it with `control(id:)`." })
  id: string;

  @Field({ description: "The control's code, as it is now; codes can change, `id` does not." })
  code: string;

  @Field(() => LinkCoverageEnum, { description: 'How the control is linked to the path\'s first requirement.' })
  coverage: 'FULL' | 'PARTIAL';
}

@ObjectType({ description: 'Why a requirement has its status: control → requirement → crosswalk steps → this requirement.' })
export class CoveragePath {
  /** Internal: the directly satisfied requirement the path starts from. */
  sourceId: string;

  @Field(() => [CoverageControl], { description: 'The IMPLEMENTED controls linked to the first requirement; empty for an assumed "have".' })
  controls: CoverageControl[];

  @Field(() => [CoverageStep], { description: 'The crosswalk steps, in order; empty when a control is linked to this requirement itself.' })
  steps: CoverageStep[];

  @Field(() => CoverageStatusEnum, { description: 'What this path alone gives: FULL or PARTIAL.' })
  status: StatusName;

  @Field(() => Float, { description: 'Weight this path alone gives (1 for FULL).' })
  weight: number;

  @Field({ description: 'True for a composed path of two or more steps (maxHops > 1).' })
  inferred: boolean;
}

@ObjectType({ description: "A heading's assessable descendants (excluded through the heading or on their own), counted as framework coverage counts them (DESIGN 4 and 9); 0 applicable gives score 0." })
export class HeadingRollUp extends CoverageCounts {}

@ObjectType({ description: 'A requirement\'s status, with every path that explains it; for a heading, the roll-up of its assessable descendants.' })
export class RequirementCoverage {
  requirementId: string;

  @Field(() => CoverageStatusEnum, {
    description:
      'FULL, PARTIAL, NONE or EXCLUDED. For a heading: FULL only when every applicable assessable descendant is FULL, NONE when none is ' +
      'covered at all (or it has no assessable descendant), EXCLUDED when every one is excluded, PARTIAL otherwise.',
  })
  status: StatusName;

  @Field(() => Float, { description: '1 for FULL, the best partial weight for PARTIAL, 0 otherwise. For a heading: its roll-up score.' })
  weight: number;

  @Field({ description: 'True when the status is reached only through composed (multi-hop) paths; for a heading, when all its covered descendants are.' })
  inferred: boolean;

  @Field(() => [CoveragePath], { description: 'Every contributing path, best first. Empty for a heading: ask for its descendants to see theirs.' })
  paths: CoveragePath[];

  @Field({ description: 'True for a heading (a requirement that is not assessable): it has no status of its own, and status, weight and rollUp sum up its assessable descendants.' })
  heading: boolean;

  @Field(() => HeadingRollUp, { nullable: true, description: "For a heading, its assessable descendants' full, partial, none and excluded counts and score; null for an assessable requirement." })
  rollUp: HeadingRollUp | null;
}

@ObjectType({ description: 'A target requirement that is not FULL, with what already touches it.' })
export class Gap {
  requirementId: string;

  @Field(() => CoverageStatusEnum, { description: 'PARTIAL or NONE.' })
  status: StatusName;

  @Field(() => Float, { description: 'Current weight.' })
  weight: number;

  @Field(() => [CoveragePath], { description: 'The best partial sources, best first.' })
  sources: CoveragePath[];

  @Field(() => [CoverageControl], { description: 'Controls that already touch it, directly or through crosswalks.' })
  controls: CoverageControl[];
}

@ObjectType({ description: 'What is left of a target framework given what you have.' })
export class GapReport {
  @Field(() => FrameworkCoverage, { description: 'Coverage of the target now.' })
  coverage: FrameworkCoverage;

  @Field(() => [Gap], { description: 'Applicable requirements that are not FULL, in document order.' })
  gaps: Gap[];
}

@ObjectType({ description: 'The requirements one common control satisfies in one framework.' })
export class CommonControlTarget {
  frameworkId: string;
  requirementIds: string[];
}

@ObjectType({ description: 'One common control objective: a requirement whose EQUAL/SUPERSET_OF edges make it cover others across frameworks.' })
export class CommonControl {
  anchorId: string;
  newlyCoveredIds: string[];

  @Field(() => [CommonControlTarget], { description: 'Per framework, the requirements it satisfies.' })
  satisfies: CommonControlTarget[];
}

/** What SOC 2 alone does for an added requirement: shared by an item and the members merged into it. */
@ObjectType({ isAbstract: true })
abstract class Soc2PlusCandidate {
  requirementId: string;

  @Field(() => CoverageStatusEnum, { description: 'How far SOC 2 alone covers it: PARTIAL or NONE.' })
  status: StatusName;

  @Field(() => Float, { description: 'Weight of the SOC 2 partial coverage.' })
  weight: number;

  @Field(() => [CoveragePath], { description: 'The SOC 2 criteria that partly cover it, and how: the overlap explanation.' })
  soc2Sources: CoveragePath[];
}

@ObjectType({ description: 'An added requirement merged into a SOC 2+ item: meeting the item\'s requirement meets it.' })
export class Soc2PlusMember extends Soc2PlusCandidate {

  @Field({ description: "True when it and the item's requirement contain each other (EQUAL, or a cycle of containment): the same criterion. False when it is only contained." })
  equivalent: boolean;

  @Field(() => CoverageStep, {
    description:
      'The crosswalk it merged by, read from it (`from`) to the member of the item that directly contains it (`to`): EQUAL or SUBSET_OF. ' +
      "Following `to` leads to the item's requirement.",
  })
  mergedBy: CoverageStep;
}

@ObjectType({ description: 'A candidate additional criterion for a SOC 2+ report, with the added requirements it contains, which count once with it.' })
export class Soc2PlusItem extends Soc2PlusCandidate {
  equivalentIds: string[];

  @Field(() => [Soc2PlusMember], {
    description:
      'Every other added requirement merged into this item (equivalents and contained ones), in the order of `additional` then document order. ' +
      'Meeting `requirement` meets each of them.',
  })
  members: Soc2PlusMember[];
}

@ObjectType({ description: 'Candidates grouped by topic (the top-level requirement they sit under).' })
export class Soc2PlusTopic {
  frameworkId: string;
  topicId: string;

  @Field({ description: 'The topic title.' })
  title: string;

  @Field(() => [Soc2PlusItem], { description: 'The candidates under this topic.' })
  items: Soc2PlusItem[];
}

@ObjectType({ description: 'SOC 2 plus additional frameworks: what the additions bring beyond the Trust Services Criteria.' })
export class Soc2PlusScope {
  @Field(() => [Soc2PlusTopic], { description: 'Candidates for Section 4 additional criteria, by topic.' })
  topics: Soc2PlusTopic[];

  @Field(() => Int, {
    description: 'Distinct additional criteria: one per item. An added requirement another added requirement contains (EQUAL, or SUBSET_OF towards the container) counts once, with its container.',
  })
  itemCount: number;

  @Field(() => Int, { description: 'Requirements not fully covered by SOC 2, merged members included.' })
  requirementCount: number;
}
