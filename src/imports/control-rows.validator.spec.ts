import { MAX_PROBLEM_VALUE, MAX_REPORTED_PROBLEMS } from './control-import.types';
import { validateControlRows } from './control-rows.validator';
import { tinyLinkCatalog as catalog } from './import-test-catalog.fixture';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 2); // as a spreadsheet numbers them: header = 1

describe('validateControlRows', () => {
  it('accepts good rows, reading empty cells as "clear" and left-out fields as "keep"', () => {
    const check = validateControlRows(
      [
        { code: 'AC-01', title: 'Access', description: '', owner: 'CISO', status: 'IMPLEMENTED', links: ['ISO:A.5.15', 'SOC:CC6.1=PARTIAL', ' '] },
        { code: 'AC-02', title: 'Reviews', status: '', links: null },
        { code: 'AC-03', title: 'Backups' },
      ],
      numbers(3),
      catalog,
    );
    expect(check.problems).toEqual([]);
    expect(check.valid).toEqual([
      { row: 2, code: 'AC-01', title: 'Access', description: null, owner: 'CISO', status: 'IMPLEMENTED', links: [
        { requirementId: 'iso-2022/A.5.15', framework: 'ISO:2022', refId: 'A.5.15', coverage: 'FULL' },
        { requirementId: 'soc-2017/CC6.1', framework: 'SOC:2017', refId: 'CC6.1', coverage: 'PARTIAL' },
      ] },
      { row: 3, code: 'AC-02', title: 'Reviews', description: undefined, owner: undefined, status: undefined, links: [] },
      { row: 4, code: 'AC-03', title: 'Backups', description: undefined, owner: undefined, status: undefined, links: undefined },
    ]);
  });

  it('reports every problem of every row, with row, column, value and reason, and keeps no row of those', () => {
    const check = validateControlRows(
      [
        { code: 'AC-01', title: 'ok' },
        { code: '-bad', title: '', status: 'DONE' },
        { code: 'AC-01', title: 'x'.repeat(301), owner: 'o'.repeat(201), description: 'd'.repeat(10_001) },
        { title: 'no code', links: ['NOPE:1', 'ISO:A.5.99', 'ISO:A.5.1=HALF', 'ISO:A.5.1', 'ISO:2022:A.5.1=PARTIAL'] },
        { code: 'AC-04', title: 'nul\u0000' },
      ],
      numbers(5),
      catalog,
    );
    expect(check.valid.map((r) => r.code)).toEqual(['AC-01']);
    expect(check.problems.map(({ row, column, reason }) => [row, column, reason.slice(0, 40)])).toEqual([
      [3, 'code', 'must be 1 to 64 letters, digits or . _ :'],
      [3, 'title', 'must not be empty'],
      [3, 'status', 'must be one of PLANNED, IN_PROGRESS, IMP'],
      [4, 'code', 'is also on row 2; each code may appear o'],
      [4, 'title', 'must be at most 300 characters'],
      [4, 'description', 'must be at most 10000 characters'],
      [4, 'owner', 'must be at most 200 characters'],
      [5, 'code', 'is required; it must be 1 to 64 letters,'],
      [5, 'links', 'no framework "NOPE" in the catalog; know'],
      [5, 'links', 'ISO:2022 has no requirement "A.5.99"; un'],
      [5, 'links', 'the coverage after "=" must be FULL or P'],
      [5, 'links', 'names ISO:2022 A.5.1 again (first as "IS'],
      [6, 'title', 'must not contain NUL characters or unpai'],
    ]);
    expect(check.problemCount).toBe(13);
    expect(check.problems[3]).toEqual({ row: 4, column: 'code', value: 'AC-01', reason: 'is also on row 2; each code may appear once in an import' });
    expect(check.problems[4].value).toBe(`${'x'.repeat(MAX_PROBLEM_VALUE)}…`);
    expect(check.problems[7].value).toBeNull();
    expect(check.problems[8].value).toBe('NOPE:1');
  });

  it('refuses values of the wrong type as problems, not crashes', () => {
    const check = validateControlRows([{ code: 7, title: ['t'], links: 'ISO:A.5.1' } as never], [1], catalog);
    expect(check.problems.map((p) => [p.column, p.reason])).toEqual([
      ['code', 'must be text'],
      ['title', 'must be text'],
      ['links', 'must be a list of FRAMEWORK:refId entries'],
    ]);
  });

  it('lists at most MAX_REPORTED_PROBLEMS problems and counts the rest', () => {
    const rows = Array.from({ length: 800 }, () => ({ code: '', title: '' }));
    const check = validateControlRows(rows, numbers(800), catalog);
    expect(check.problemCount).toBe(1600);
    expect(check.problems).toHaveLength(MAX_REPORTED_PROBLEMS);
  });

  it('refuses a row with more than 500 links', () => {
    const check = validateControlRows([{ code: 'A', title: 't', links: Array.from({ length: 501 }, () => 'ISO:A.5.1') }], [1], catalog);
    expect(check.problems).toEqual([{ row: 1, column: 'links', value: '501 links', reason: 'must hold at most 500 links' }]);
  });
});
