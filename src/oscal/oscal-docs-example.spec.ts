/** docs/oscal.md's example stays true: its mapping-collection validates and reads to the edge it shows. */
import * as fs from 'node:fs';
import { ISO_ANNEX_A, resolverOver, sp80053Requirements } from './oscal-test-support.fixture';
import { readOscalMappingCollection } from './read-oscal-mapping-collection';

it('docs/oscal.md: the example mapping-collection reads to the edge shown', () => {
  const blocks = [...fs.readFileSync('docs/oscal.md', 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]) as unknown);
  expect(blocks).toHaveLength(2);
  const read = readOscalMappingCollection(blocks[0], resolverOver(sp80053Requirements(), ISO_ANNEX_A));
  const { source, target, path: _path, oscalUuid: _uuid, ...rest } = read.edges[0];
  expect(read.edges).toHaveLength(1);
  expect({ source: source.refId, target: target.refId, ...rest }).toEqual(blocks[1]);
});
