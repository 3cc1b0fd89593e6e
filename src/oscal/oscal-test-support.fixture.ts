/** Shared by the OSCAL specs: the fixtures in test/fixtures/oscal/ and a resolver over them. */
import * as fs from 'node:fs';
import { requirementLookup, type ResolvableRequirement } from './normalize-control-ref';
import type { RequirementResolver } from './read-oscal-mapping-collection';
import { readOscalCatalog } from './read-oscal-catalog';

export function oscalFixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(`test/fixtures/oscal/${name}`, 'utf8'));
}

export const SP800_53 = 'NIST_SP-800-53_rev5_catalog.2021-06-08.json';
export const SP800_53_TO_ISO = 'sp800-53-to-iso27001.mapping-collection.json';

let sp80053: ResolvableRequirement[] | undefined;
export function sp80053Requirements(): ResolvableRequirement[] {
  sp80053 ??= readOscalCatalog(oscalFixture(SP800_53)).requirements;
  return sp80053;
}

export const ISO_ANNEX_A: ResolvableRequirement[] = ['A.5.1', 'A.5.15', 'A.5.16', 'A.5.18', 'A.8.5', 'A.8.15', 'A.8.32'].map((refId) => ({ refId }));

export function resolverOver(sources: ResolvableRequirement[], targets: ResolvableRequirement[]): RequirementResolver<ResolvableRequirement> {
  const source = requirementLookup(sources);
  const target = requirementLookup(targets);
  return (side, ref) => (side === 'source' ? source(ref) : target(ref));
}

/** A minimal valid mapping-collection around `maps`. */
export function mappingCollection(maps: object[], provenance: object = {}): unknown {
  return {
    'mapping-collection': {
      uuid: '22222222-2222-4222-8222-222222222222',
      metadata: { title: 'Tiny', 'last-modified': '2026-01-01T00:00:00Z', version: '1', 'oscal-version': '1.2.2' },
      provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'draft', 'mapping-description': 'test', ...provenance },
      mappings: [
        {
          uuid: '33333333-3333-4333-8333-333333333333',
          'source-resource': { type: 'catalog', href: 'a.json' },
          'target-resource': { type: 'catalog', href: 'b.json' },
          maps,
        },
      ],
    },
  };
}

let n = 0;
/** A map from one source to one target. */
export function oneMap(source: string, target: string, relationship: string, more: object = {}): object {
  n += 1;
  return {
    uuid: `44444444-4444-4444-8444-${String(n).padStart(12, '0')}`,
    relationship,
    sources: [{ type: 'control', 'id-ref': source }],
    targets: [{ type: 'control', 'id-ref': target }],
    ...more,
  };
}
