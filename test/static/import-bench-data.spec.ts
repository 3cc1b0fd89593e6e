/**
 * The benchmark inventory for bench:import: its size, that it only links the catalog's real assessable requirements,
 * that it is reproducible, and that both of its files pass readControlFile with the default limits (so the limits
 * admit an inventory of the size issue 13 benchmarks).
 */
import { importBenchFiles, importBenchSheet, shippedAssessableRefs } from '../../bench/import-data';
import { readControlFile } from '../../src/imports/control-file';

const refs = shippedAssessableRefs();
const known = new Set(refs.map((r) => `${r.framework}:${r.refId}`));

describe('bench/import-data', () => {
  it('reads the shipped assessable requirements once each', () => {
    expect(refs.length).toBeGreaterThan(300);
    expect(known.size).toBe(refs.length);
    expect(known.has('ISO27001:A.5.15')).toBe(true);
    expect(known.has('SOC2:CC6.1')).toBe(true);
  });

  it('makes 2,000 controls and 20,000 links, each to a real requirement, none twice on one control', () => {
    const sheet = importBenchSheet(refs);
    expect(sheet.rows).toHaveLength(2_000);
    const links = sheet.rows.map((row) => String(row[5]).split('; '));
    expect(links.flat()).toHaveLength(20_000);
    for (const specs of links) {
      const targets = specs.map((s) => s.replace(/=PARTIAL$/, ''));
      expect(new Set(targets).size).toBe(targets.length);
      for (const t of targets) expect(known.has(t)).toBe(true);
    }
    const partial = links.flat().filter((s) => s.endsWith('=PARTIAL')).length;
    expect(partial / 20_000).toBeGreaterThan(0.2);
    expect(partial / 20_000).toBeLessThan(0.3);
  });

  it('is reproducible from its seed, and another seed gives another inventory', () => {
    expect(importBenchFiles(refs).csv.equals(importBenchFiles(refs).csv)).toBe(true);
    expect(importBenchFiles(refs, { seed: 14 }).csv.equals(importBenchFiles(refs).csv)).toBe(false);
  });

  it('caps the links of a control at the refs there are', () => {
    const sheet = importBenchSheet(refs.slice(0, 3), { controls: 2, links: 20 });
    expect(sheet.rows.map((row) => String(row[5]).split('; ').length)).toEqual([3, 3]);
  });

  it('reads back through readControlFile, CSV and XLSX alike, with the default limits', async () => {
    const files = importBenchFiles(refs);
    const csv = await readControlFile(files.csv, 'csv');
    const xlsx = await readControlFile(await files.xlsx, 'xlsx');
    expect(csv.rows).toHaveLength(2_000);
    expect(csv.rows.flatMap((r) => r.links ?? [])).toHaveLength(20_000);
    expect(csv.rows[49].title).toMatch(/^-\S/);
    expect(xlsx.rows).toEqual(csv.rows);
    expect(xlsx.rowNumbers).toEqual(csv.rowNumbers);
    expect(csv.unknownColumns).toEqual([]);
  });
});
