/**
 * `npm run export` as a user runs it (issue 13): the same files as GET /export/…, from the database directly; and a
 * usage error, exit 2, for what it cannot do.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { startTestServer, type TestServer } from '../support/server';
import { download, readCsv, readWorkbook, table } from '../support/spreadsheets';

let t: TestServer;
let dir: string;

beforeAll(async () => {
  t = await startTestServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-export-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await t.close();
});

function run(...args: string[]): Promise<{ status: number | null; stdout: Buffer; stderr: string }> {
  return runCli('exports/cli/export.js', args, { cwd: dir, databaseUrl: t.server.databaseUrl }).then(({ status, stdoutBytes, stderr }) => ({ status, stdout: stdoutBytes, stderr }));
}

it('crosswalk --out FILE writes the workbook GET /export/crosswalk.xlsx serves', async () => {
  const cli = await run('crosswalk', '--source', 'ISO27001', '--target', 'ISO42001', '--out', 'cw.xlsx');
  expect(cli.stderr).toMatch(/export: wrote cw\.xlsx \(\d+ bytes\)/);
  expect(cli.status).toBe(0);
  const fromCli = await readWorkbook(fs.readFileSync(path.join(dir, 'cw.xlsx')));
  const fromHttp = await readWorkbook((await download(`${t.url}/export/crosswalk.xlsx?source=ISO27001&target=ISO42001`)).body);
  expect(fromCli.worksheets.map((w) => w.name)).toEqual(['Read me', 'Edges', 'Matrix']);
  for (const sheet of ['Edges', 'Matrix']) expect(table(fromCli.getWorksheet(sheet)!).rows).toEqual(table(fromHttp.getWorksheet(sheet)!).rows);
});

it('crosswalk as CSV to standard output (--out -), the sheet asked for', async () => {
  const cli = await run('crosswalk', '--source', 'ISO27001', '--target', 'SOC2', '--format', 'csv', '--sheet', 'Matrix', '--out', '-');
  expect(cli.status).toBe(0);
  const http = await download(`${t.url}/export/crosswalk.csv?source=ISO27001&target=SOC2&sheet=Matrix`);
  expect(readCsv(cli.stdout)).toEqual(readCsv(http.body));
});

it('soa --org writes that organization\'s statement, the same rows as its key downloads', async () => {
  const { organizationId, adminKey } = await t.createOrganization('Initech');
  const created = await t.gql(`mutation { createControl(input: { code: "IT-01", title: "Badge access", status: IMPLEMENTED }) { id } }`, {}, adminKey);
  await t.gql(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.7.2") { coverage } }`, { c: created.data!.createControl.id }, adminKey);
  const cli = await run('soa', '--org', organizationId, '--framework', 'ISO27001', '--format', 'csv');
  expect(cli.status).toBe(0);
  const written = /export: wrote (soa_ISO27001_\d{4}-\d\d-\d\d_Annex-A\.csv) /.exec(cli.stderr)![1];
  const rows = readCsv(fs.readFileSync(path.join(dir, written))).rows;
  expect(rows).toHaveLength(93);
  expect(rows.find((r) => r[0] === 'A.7.2')!.slice(7, 10)).toEqual(['IT-01 — IMPLEMENTED — FULL link', 'Badge access', 'FULL']);
  const http = readCsv((await download(`${t.url}/export/soa.csv?framework=ISO27001`, adminKey)).body).rows;
  expect(rows).toEqual(http);
});

it('soc2-plus --org writes that organization\'s SOC 2+ criteria, the same sheets as its key downloads', async () => {
  const { organizationId, adminKey } = await t.createOrganization('Initrode');
  await t.gql(`mutation { setManagementSystem(name: "IMS", frameworks: ["ISO27001", "ISO27701", "ISO42001"]) { id } }`, {}, adminKey);
  const cli = await run('soc2-plus', '--org', organizationId, '--additional', 'ISO27701,ISO42001', '--out', 'soc2plus.xlsx');
  expect(cli.stderr).toMatch(/export: wrote soc2plus\.xlsx/);
  expect(cli.status).toBe(0);
  const fromCli = await readWorkbook(fs.readFileSync(path.join(dir, 'soc2plus.xlsx')));
  const fromHttp = await readWorkbook((await download(`${t.url}/export/soc2-plus.xlsx?additional=ISO27701,ISO42001`, adminKey)).body);
  expect(fromCli.worksheets.map((w) => w.name)).toEqual(['Read me', 'Additional criteria', 'Merged requirements']);
  for (const sheet of ['Additional criteria', 'Merged requirements']) expect(table(fromCli.getWorksheet(sheet)!).rows).toEqual(table(fromHttp.getWorksheet(sheet)!).rows);
  expect(table(fromCli.getWorksheet('Merged requirements')!).rows.length).toBeGreaterThan(0); // its management system was read
});

it('common-controls --org writes that organization\'s groups, the same sheets as its key downloads', async () => {
  const { organizationId, adminKey } = await t.createOrganization('Umbrella');
  const cli = await run('common-controls', '--org', organizationId, '--frameworks', 'ISO27001,ISO42001', '--format', 'csv', '--sheet', 'Requirements', '--out', '-');
  expect(cli.status).toBe(0);
  const http = await download(`${t.url}/export/common-controls.csv?frameworks=ISO27001,ISO42001&sheet=Requirements`, adminKey);
  expect(readCsv(cli.stdout).rows.length).toBeGreaterThan(0);
  expect(readCsv(cli.stdout)).toEqual(readCsv(http.body));
});

it('coverage --org writes that organization\'s coverage, the same workbook its key downloads', async () => {
  const { organizationId, adminKey } = await t.createOrganization('Soylent');
  const created = await t.gql(`mutation { createControl(input: { code: "UM-01", title: "Badge access", status: IMPLEMENTED }) { id } }`, {}, adminKey);
  await t.gql(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.7.2") { coverage } }`, { c: created.data!.createControl.id }, adminKey);
  const cli = await run('coverage', '--org', organizationId, '--frameworks', 'ISO27001,SOC2', '--out', 'cov.xlsx');
  expect(cli.stderr).toMatch(/export: wrote cov\.xlsx \(\d+ bytes\)/);
  expect(cli.status).toBe(0);
  const fromCli = await readWorkbook(fs.readFileSync(path.join(dir, 'cov.xlsx')));
  const fromHttp = await readWorkbook((await download(`${t.url}/export/coverage.xlsx?frameworks=ISO27001,SOC2`, adminKey)).body);
  expect(fromCli.worksheets.map((w) => w.name)).toEqual(fromHttp.worksheets.map((w) => w.name));
  for (const ws of fromHttp.worksheets.slice(1)) expect(table(fromCli.getWorksheet(ws.name)!).rows).toEqual(table(ws).rows);
  expect(table(fromCli.getWorksheet('ISO27001 2022')!).rows.find((r) => r[0] === 'A.7.2')!.slice(3)).toEqual(['FULL', 1, 'FULL directly: UM-01 (FULL link)']);
});

it('gaps --org, with and without --have, writes the sheets that organization\'s key downloads', async () => {
  const { organizationId, adminKey } = await t.createOrganization('Hooli');
  const created = await t.gql(`mutation { createControl(input: { code: "HO-01", title: "Policy", status: IMPLEMENTED }) { id } }`, {}, adminKey);
  await t.gql(`mutation($c: ID!) { linkControl(controlId: $c, framework: "ISO27001", refId: "A.5.1") { coverage } }`, { c: created.data!.createControl.id }, adminKey);
  for (const [args, query] of [[[], ''], [['--have', 'ISO27001'], '&have=ISO27001']] as const) {
    const cli = await run('gaps', '--org', organizationId, '--target', 'ISO42001', ...args, '--format', 'csv', '--out', '-');
    expect(cli.status).toBe(0);
    const http = await download(`${t.url}/export/gaps.csv?target=ISO42001${query}`, adminKey);
    expect(readCsv(cli.stdout)).toEqual(readCsv(http.body));
    expect(readCsv(cli.stdout).rows.length).toBeGreaterThan(0);
  }
  const mine = readCsv((await run('gaps', '--org', organizationId, '--target', 'ISO42001', '--out', '-', '--format', 'csv')).stdout).rows;
  expect(mine.some((r) => /from HO-01 \(FULL link\)/.test(r[4]))).toBe(true);
});

it.each([
  [['common-controls', '--org', '00000000-0000-4000-8000-000000000000', '--frameworks', Array(21).fill('SOC2').join(',')], /export: --frameworks: must list at most 20 frameworks/],
  [['common-controls', '--org', '00000000-0000-4000-8000-000000000000', '--additional', 'SOC2'], /export: common-controls needs --frameworks/],
  [['soc2-plus', '--org', '00000000-0000-4000-8000-000000000000'], /export: soc2-plus needs --additional/],
  [['soc2-plus', '--org', '00000000-0000-4000-8000-000000000000', '--additional', 'ISO42001,SOC2'], /export: --additional: lists the frameworks to add to SOC 2/],
  [['soc2-plus', '--org', '00000000-0000-4000-8000-000000000000', '--additional', Array(11).fill('ISO42001').join(',')], /export: --additional: must list at most 10 frameworks/],
  [['soc2-plus', '--org', '00000000-0000-4000-8000-000000000000', '--additional', 'ISO42001', '--framework', 'ISO27001'], /export: soc2-plus does not take --framework/],
  [['crosswalk', '--source', 'ISO27001'], /export: crosswalk needs --target/],
  [['gaps', '--org', '00000000-0000-4000-8000-000000000000', '--target', 'SOC2', '--have', 'SOC2'], /export: --have: must not include the target framework itself/],
  [['gaps', '--org', '00000000-0000-4000-8000-000000000000', '--target', 'SOC2', '--frameworks', 'SOC2'], /export: gaps does not take --frameworks/],
  [['coverage', '--org', '00000000-0000-4000-8000-000000000000'], /export: coverage needs --frameworks/],
  [['coverage', '--org', '00000000-0000-4000-8000-000000000000', '--frameworks', 'ISO27001,,SOC2'], /export: --frameworks: has an empty item; give comma-separated framework references/],
  [['pdf'], /export: no export "pdf"; one of crosswalk, soa, soc2-plus, common-controls, coverage, gaps/],
  [['soa', '--org', 'acme', '--framework', 'ISO27001'], /--org must be an organization id/],
  [['crosswalk', '--source', 'ISO27001', '--target', 'NOPE'], /export: --target: no framework "NOPE" in the catalog/],
  [['soa', '--org', '00000000-0000-4000-8000-000000000000', '--framework', 'ISO27001'], /export: --org: no organization 00000000-/],
])('%j: a usage error, exit 2', async (args, message) => {
  const cli = await run(...args);
  expect(cli.stderr).toMatch(message);
  expect(cli.status).toBe(2);
});

describe('the OSCAL exports (issue 12)', () => {
  it("oscal-catalog --org writes the document GET /export/oscal/catalog serves that organization's key, valid against the schema", async () => {
    const { validateOscal } = await import('../../src/oscal/validate-oscal');
    const { organizationId, adminKey } = await t.createOrganization('Oscalco');
    const cli = await run('oscal-catalog', '--org', organizationId, '--framework', 'NIST-AI-RMF', '--out', 'rmf.json');
    expect(cli.stderr).toMatch(/export: wrote rmf\.json \(\d+ bytes\)/);
    expect(cli.status).toBe(0);
    const fromCli = JSON.parse(fs.readFileSync(path.join(dir, 'rmf.json'), 'utf8'));
    expect(validateOscal('catalog', fromCli)).toEqual({ ok: true, problems: [] });
    const fromHttp = (await download(`${t.url}/export/oscal/catalog?framework=NIST-AI-RMF`, adminKey)).json() as unknown as typeof fromCli;
    // The same document but for when it was made.
    delete fromCli.catalog.metadata['last-modified'];
    delete fromHttp.catalog.metadata['last-modified'];
    expect(fromCli).toEqual(fromHttp);
  });

  it('oscal-mapping-collection to standard output, with the file name GET gives by default; usage errors exit 2', async () => {
    const { validateOscal } = await import('../../src/oscal/validate-oscal');
    const { organizationId } = await t.createOrganization('Oscalco 2');
    const cli = await run('oscal-mapping-collection', '--org', organizationId, '--source', 'ISO27001', '--target', 'ISO42001', '--out', '-');
    expect(cli.status).toBe(0);
    expect(validateOscal('mapping-collection', JSON.parse(cli.stdout.toString('utf8')))).toEqual({ ok: true, problems: [] });
    const byName = await run('oscal-mapping-collection', '--org', organizationId, '--source', 'ISO27001', '--target', 'ISO42001');
    expect(byName.stderr).toMatch(/export: wrote oscal-mapping-collection_ISO27001-2022_ISO42001-2023_\d{4}-\d\d-\d\d\.json/);
    const none = await run('oscal-mapping-collection', '--org', organizationId, '--source', 'SOC2', '--target', 'ISO42001');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^export: --source: no mapping set from SOC2:2017 to ISO42001:2023/);
    for (const args of [['oscal-catalog', '--framework', 'ISO27001'], ['oscal-catalog', '--org', organizationId, '--framework', 'ISO27001', '--format', 'csv']]) {
      const bad = await run(...args);
      expect(bad.status).toBe(2);
      expect(bad.stderr).toMatch(/^export: oscal-catalog (needs --org|does not take --format)/);
    }
    const help = await run('--help');
    expect(help.stdout.toString()).toContain('oscal-mapping-collection --org <organization id> --source <ref> --target <ref>');
  });
});
