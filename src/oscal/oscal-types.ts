/** The OSCAL JSON shapes this layer reads and writes, as the schemas in src/oscal/schemas/ admit them. */
export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
  uuid?: string;
  group?: string;
  remarks?: string;
}

export interface OscalLink {
  href: string;
  rel?: string;
  text?: string;
  'media-type'?: string;
}

export interface OscalPart {
  id?: string;
  name: string;
  ns?: string;
  class?: string;
  title?: string;
  props?: OscalProp[];
  prose?: string;
  parts?: OscalPart[];
  links?: OscalLink[];
}

export interface OscalParam {
  id: string;
  class?: string;
  props?: OscalProp[];
  label?: string;
  usage?: string;
  values?: string[];
  select?: { 'how-many'?: 'one' | 'one-or-more'; choice?: string[] };
  guidelines?: Array<{ prose: string }>;
  remarks?: string;
}

/** What a group and a control have in common. */
interface OscalControlContainer {
  class?: string;
  title: string;
  params?: OscalParam[];
  props?: OscalProp[];
  links?: OscalLink[];
  parts?: OscalPart[];
  controls?: OscalControl[];
}

export interface OscalControl extends OscalControlContainer {
  id: string;
}

export interface OscalGroup extends OscalControlContainer {
  id?: string;
  groups?: OscalGroup[];
}

export interface OscalMetadata {
  title: string;
  published?: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  props?: OscalProp[];
  links?: OscalLink[];
  roles?: object[];
  parties?: object[];
  'responsible-parties'?: object[];
  remarks?: string;
}

export interface OscalBackMatter {
  resources?: Array<{ uuid: string; title?: string; description?: string; props?: OscalProp[]; rlinks?: Array<{ href: string }> }>;
}

export interface OscalCatalogDocument {
  catalog: {
    uuid: string;
    metadata: OscalMetadata;
    params?: OscalParam[];
    controls?: OscalControl[];
    groups?: OscalGroup[];
    'back-matter'?: OscalBackMatter;
  };
}

export type OscalRelationship = 'equivalent-to' | 'equal-to' | 'subset-of' | 'superset-of' | 'intersects-with' | 'no-relationship';
export type OscalMatchingRationale = 'syntactic' | 'semantic' | 'functional';
export type OscalMappingStatus = 'complete' | 'not-complete' | 'draft' | 'deprecated' | 'superseded';

export interface OscalConfidenceScore {
  category?: string;
  percentage?: number;
}

export interface OscalCoverage {
  'target-coverage': number;
  'generation-method'?: string;
}

export interface OscalMappingItem {
  type: 'control' | 'statement';
  'id-ref': string;
  props?: OscalProp[];
  remarks?: string;
}

export interface OscalQualifier {
  subject: 'source' | 'target' | 'both';
  predicate: 'has-requirement' | 'has-incompatibility';
  category: 'restricted' | 'addressable' | 'blocked';
  description: string;
  remarks?: string;
}

export interface OscalMap {
  uuid: string;
  ns?: string;
  'matching-rationale'?: OscalMatchingRationale;
  relationship: string;
  sources: OscalMappingItem[];
  targets: OscalMappingItem[];
  qualifiers?: OscalQualifier[];
  'confidence-score'?: OscalConfidenceScore;
  coverage?: OscalCoverage;
  props?: OscalProp[];
  remarks?: string;
}

export interface OscalResourceReference {
  type: string;
  href: string;
  ns?: string;
  props?: OscalProp[];
  remarks?: string;
}

export interface OscalMapping {
  uuid: string;
  method?: 'human' | 'automation' | 'hybrid';
  'matching-rationale'?: OscalMatchingRationale;
  status?: OscalMappingStatus;
  'source-resource': OscalResourceReference;
  'target-resource': OscalResourceReference;
  maps: OscalMap[];
  props?: OscalProp[];
  remarks?: string;
  'mapping-description'?: string;
  'confidence-score'?: OscalConfidenceScore;
  coverage?: OscalCoverage;
}

export interface OscalMappingCollectionDocument {
  'mapping-collection': {
    uuid: string;
    metadata: OscalMetadata;
    provenance: {
      method: 'human' | 'automation' | 'hybrid';
      'matching-rationale': OscalMatchingRationale;
      status: OscalMappingStatus;
      'mapping-description': string;
      'confidence-score'?: OscalConfidenceScore;
      coverage?: OscalCoverage;
      props?: OscalProp[];
      links?: OscalLink[];
      remarks?: string;
    };
    mappings: OscalMapping[];
    'back-matter'?: OscalBackMatter;
  };
}

/** The OSCAL namespace: a prop, part or map without `ns` is in it. */
export const OSCAL_NS = 'http://csrc.nist.gov/ns/oscal';
/** Our own namespace, for props OSCAL has no name for (a heading written as a control, a requirement's kind). */
export const CROSSWALK_NS = 'urn:crosswalk:oscal';
/** The OSCAL version the writers declare: the metaschema tag the schemas were derived from. */
export const WRITTEN_OSCAL_VERSION = '1.2.2';

export function inOscalNamespace(item: { ns?: string }): boolean {
  return item.ns === undefined || item.ns === OSCAL_NS;
}
