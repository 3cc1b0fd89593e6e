/**
 * NIST's "NIST AI RMF to ISO/IEC 42001 Crosswalk" (NIST AI Resource Center) is fully transcribed in
 * mappings/sources/nist-ai-rmf-1.0__iso42001-2023.pairs.tsv, and every pair it lists is an edge of the mapping set
 * nist-ai-rmf-1.0__iso42001-2023, stored in the set's direction (AI RMF subcategory → 42001 requirement).
 */
import { readFileSync } from 'node:fs';
import { readMappingFiles } from '../../src/mappings/mapping-files.reader';
import { validateMappingFiles } from '../../src/mappings/mapping-files.validator';

const SET = 'nist-ai-rmf-1.0__iso42001-2023';
const TSV = 'mappings/sources/nist-ai-rmf-1.0__iso42001-2023.pairs.tsv';
const HEADER = ['page', 'rmf', 'printed_ref', 'printed_title', 'iso42001_ref', 'note'];

interface Row {
  page: number;
  rmf: string;
  printedRef: string;
  printedTitle: string;
  iso: string;
  note: string;
}

const lines = readFileSync(TSV, 'utf8').split('\n').filter((line) => line.length > 0);
const header = lines[0].split('\t');
const rows: Row[] = lines.slice(1).map((line) => {
  const [page, rmf, printedRef, printedTitle, iso, note = ''] = line.split('\t');
  return { page: Number(page), rmf, printedRef, printedTitle, iso, note };
});
const key = (rmf: string, iso: string) => `${rmf} → ${iso}`;

const read = readMappingFiles('mappings');
const { catalog } = validateMappingFiles(read.files);
const set = catalog.mappingSets.find((s) => s.key === SET);
const edgeKeys = new Set((set?.doc.edges ?? []).map((e) => key(e.source, e.target)));
const requirementIds = (framework: string) =>
  new Set(catalog.frameworks.find((f) => `${f.code}:${f.version}` === framework)?.requirements.map((r) => r.refId) ?? []);

it('the transcription has the agreed columns and one well-formed row per printed pair', () => {
  expect(header).toEqual(HEADER);
  for (const row of rows) {
    expect(Number.isInteger(row.page) && row.page >= 1 && row.page <= 16).toBe(true);
    expect(row.rmf).toMatch(/^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+$/);
    expect(row.printedRef).not.toBe('');
    expect(row.printedTitle).not.toBe('');
  }
  // Every page of the PDF contributes rows, in order.
  expect([...new Set(rows.map((r) => r.page))]).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  expect(rows.map((r) => r.page)).toEqual([...rows.map((r) => r.page)].sort((a, b) => a - b));
});

it('pins the number of pairs NIST prints, and of distinct pairs', () => {
  // Counted from the CSA table conversion (commit 4570ea7a…, one markdown table per PDF page): every table row whose
  // 42001 reference cell is non-empty is one printed item; rows with an empty reference cell only continue a wrapped
  // title. 281 items over the 16 pages (20+19+20+19+11+22+17+19+14+15+20+18+14+20+21+12).
  expect(rows).toHaveLength(281);
  // MANAGE 1.1 lists B.6.2.4 (A.6.2.4) twice; every other item is a distinct (subcategory, 42001 item) pair.
  expect(new Set(rows.map((r) => key(r.rmf, r.iso))).size).toBe(280);
  // All 72 subcategories appear.
  expect(new Set(rows.map((r) => r.rmf)).size).toBe(72);
});

it('resolves every row to requirements of the two framework files', () => {
  const rmfIds = requirementIds('NIST-AI-RMF:1.0');
  const isoIds = requirementIds('ISO42001:2023');
  expect(rows.filter((r) => !rmfIds.has(r.rmf)).map((r) => r.rmf)).toEqual([]);
  expect(rows.filter((r) => !isoIds.has(r.iso)).map((r) => r.iso)).toEqual([]);
  // FDIS Annex B numbers are the published standard's Annex A controls.
  for (const row of rows.filter((r) => r.printedRef.startsWith('B.'))) expect(row.iso).toBe(`A.${row.printedRef.slice(2)}`);
});

it('every pair of the transcription is an edge of the set, in the set direction', () => {
  expect(set).toBeDefined();
  const missing = [...new Set(rows.map((r) => key(r.rmf, r.iso)))].filter((k) => !edgeKeys.has(k));
  expect(missing).toEqual([]);
});

describe('spot checks: one pair per PDF page, read from that page of the source', () => {
  it.each([
    [1, 'GOVERN 1.1', '4.1'],
    [2, 'GOVERN 2.1', '7.2'], // printed "72"
    [3, 'GOVERN 3.2', 'A.3.2'], // printed "B.3.2 Management review inputs"
    [4, 'GOVERN 5.2', 'A.6.2.6'], // under the second "Govern 5.2" label
    [5, 'GOVERN 6.2', 'A.10.2'],
    [6, 'MAP 1.5', '6.1.1'], // printed "6.1.1 Objective"
    [7, 'MAP 2.3', 'A.7.5'],
    [8, 'MAP 3.2', '8.4'], // top of page 8, continues MAP 3.2 from page 7
    [9, 'MAP 5.1', '6.1.2'],
    [10, 'MEASURE 1.3', '9.2.2'],
    [11, 'MEASURE 2.7', 'A.3.2'],
    [12, 'MEASURE 2.8', '6.1.2'], // top of page 12, continues MEASURE 2.8 from page 11
    [13, 'MEASURE 3.3', 'A.8.4'],
    [14, 'MANAGE 1.1', 'A.6.2.4'],
    [15, 'MANAGE 1.4', 'A.8.2'], // top of page 15, continues MANAGE 1.4 from page 14
    [16, 'MANAGE 4.3', '9.3.2'],
  ])('page %i: %s → %s is transcribed on that page and is an edge', (page, rmf, iso) => {
    expect(rows.some((r) => r.page === page && r.rmf === rmf && r.iso === iso)).toBe(true);
    expect(edgeKeys.has(key(rmf, iso))).toBe(true);
  });
});
