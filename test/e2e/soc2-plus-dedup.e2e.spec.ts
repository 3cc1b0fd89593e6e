/**
 * Issue 10, SOC 2+ deduplication over HTTP on the shipped catalog: an added requirement that another added requirement
 * contains (EQUAL, or SUBSET_OF towards the container) merges into the container's item. The containment between
 * ISO 42001 and ISO 27701 clauses holds only within one management system (SAME_MANAGEMENT_SYSTEM, see
 * mappings/crosswalks/iso42001-2023__iso27701-2019.yaml): declared as one system with ISO 27001, the organization
 * gets fewer items than requirements; without the declaration, or for another organization, nothing merges.
 */
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let admin: string;
let other: string;

const SCOPE = `{ soc2PlusScope(additional: ["ISO27701", "ISO42001"]) {
  itemCount requirementCount
  topics { items {
    requirement { refId framework { code } } equivalents { refId }
    members { requirement { refId framework { code } } equivalent status
      mergedBy { from { refId } to { refId } relationship strength condition conditionMet reversed mappingSet { name } } }
  } }
} }`;

async function ok(query: string, variables: Record<string, unknown> = {}, key = admin) {
  const res = await t.gql(query, variables, key);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

interface Item { requirement: { refId: string; framework: { code: string } }; equivalents: unknown[]; members: any[] }
const scope = async (key = admin) => (await ok(SCOPE, {}, key)).soc2PlusScope as { itemCount: number; requirementCount: number; topics: Array<{ items: Item[] }> };
const items = (s: Awaited<ReturnType<typeof scope>>) => s.topics.flatMap((topic) => topic.items);
const itemOf = (s: Awaited<ReturnType<typeof scope>>, code: string, refId: string) =>
  items(s).find((i) => i.requirement.framework.code === code && i.requirement.refId === refId);
const memberRefs = (item: Item | undefined) => item?.members.map((m) => `${m.requirement.framework.code} ${m.requirement.refId}`);

beforeAll(async () => {
  t = await startTestServer();
  admin = (await t.createOrganization('Integrated Privacy AI')).adminKey;
  other = (await t.createOrganization('Separate Systems Ltd')).adminKey;
});
afterAll(() => t?.close());

describe('soc2PlusScope(additional: ["ISO27701", "ISO42001"])', () => {
  let before: Awaited<ReturnType<typeof scope>>;
  let after: Awaited<ReturnType<typeof scope>>;
  let otherAfter: Awaited<ReturnType<typeof scope>>;

  beforeAll(async () => {
    before = await scope();
    await ok(`mutation { setManagementSystem(name: "IMS", frameworks: ["ISO27001", "ISO27701", "ISO42001"]) { id } }`);
    after = await scope();
    otherAfter = await scope(other);
    console.log(`SOC 2+ ISO27701 + ISO42001: ${before.requirementCount} requirements; items without a declared system ${before.itemCount}, ` +
      `with ISO27001+ISO27701+ISO42001 as one system ${after.itemCount}`);
  });

  it('without a declared management system merges nothing: the 42001/27701 containment is conditional', () => {
    expect(before.itemCount).toBe(before.requirementCount);
    expect(items(before).every((i) => i.members.length === 0)).toBe(true);
  });

  it('with one declared system gives fewer items than requirements, and every requirement is in exactly one item', () => {
    expect(after.requirementCount).toBe(before.requirementCount);
    expect(after.itemCount).toBeLessThan(after.requirementCount);
    expect(items(after)).toHaveLength(after.itemCount);
    const all = items(after).flatMap((i) => [`${i.requirement.framework.code} ${i.requirement.refId}`, ...memberRefs(i)!]);
    expect(all).toHaveLength(after.requirementCount);
    expect(new Set(all).size).toBe(all.length);
  });

  it('merges ISO42001 7.2 (competence) into ISO27701 5.5.2, which contains it, and says by which crosswalk', () => {
    const item = itemOf(after, 'ISO27701', '5.5.2');
    expect(memberRefs(item)).toEqual(['ISO42001 7.2']);
    expect(item!.members[0]).toMatchObject({
      equivalent: false,
      mergedBy: { from: { refId: '7.2' }, to: { refId: '5.5.2' }, relationship: 'SUBSET_OF', strength: 9, condition: 'SAME_MANAGEMENT_SYSTEM', conditionMet: true, reversed: false },
    });
    expect(item!.members[0].mergedBy.mappingSet.name).toMatch(/42001.*27701/);
    expect(item!.equivalents).toEqual([]);
    expect(itemOf(after, 'ISO42001', '7.2')).toBeUndefined();
  });

  it('merges both ISO42001 9.3.1 and 9.3.3 (management review) into ISO27701 5.7.3', () => {
    expect(memberRefs(itemOf(after, 'ISO27701', '5.7.3'))).toEqual(['ISO42001 9.3.1', 'ISO42001 9.3.3']);
    expect(memberRefs(itemOf(before, 'ISO27701', '5.7.3'))).toEqual([]);
    expect(itemOf(before, 'ISO42001', '9.3.1')).toBeDefined();
  });

  it('leaves another organization, which declared nothing, unmerged', () => {
    expect(otherAfter.itemCount).toBe(before.itemCount);
    expect(memberRefs(itemOf(otherAfter, 'ISO27701', '5.5.2'))).toEqual([]);
  });

  it('merges nothing when ISO42001 is not in the system that holds ISO27701', async () => {
    const { managementSystems } = await ok(`{ managementSystems { id } }`);
    await ok(`mutation($id: ID!) { deleteManagementSystem(id: $id) }`, { id: managementSystems[0].id });
    await ok(`mutation { setManagementSystem(name: "ISMS+PIMS", frameworks: ["ISO27001", "ISO27701"]) { id } }`);
    await ok(`mutation { setManagementSystem(name: "AIMS", frameworks: ["ISO42001"]) { id } }`);
    expect((await scope()).itemCount).toBe(before.itemCount);
  });
});
