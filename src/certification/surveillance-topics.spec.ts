import { SURVEILLANCE_TOPICS, surveillanceTopics } from './surveillance-topics';

describe('surveillanceTopics', () => {
  it('lists every 17021-1 topic with the requirements whose HS clause it names', () => {
    const topics = surveillanceTopics([
      { id: 'a-9.2', hsClause: '9.2' }, { id: 'a-9.3', hsClause: '9.3' }, { id: 'a-10.2', hsClause: '10.2' },
      { id: 'a-8.1', hsClause: '8.1' }, { id: 'a-A.5.1', hsClause: null }, { id: 'b-9.2', hsClause: '9.2' },
    ]);
    expect(topics.map((t) => t.topic)).toEqual([...SURVEILLANCE_TOPICS]);
    const of = (topic: string) => topics.find((t) => t.topic === topic)!.requirementIds;
    expect(of('INTERNAL_AUDIT_AND_MANAGEMENT_REVIEW')).toEqual(['a-9.2', 'a-9.3', 'b-9.2']);
    expect(of('ACTIONS_ON_NONCONFORMITIES')).toEqual(['a-10.2']);
    expect(of('OPERATIONAL_CONTROL')).toEqual(['a-8.1']);
    expect(of('USE_OF_MARKS')).toEqual([]);
  });
});
