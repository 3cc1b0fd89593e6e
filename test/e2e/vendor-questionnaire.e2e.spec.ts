/**
 * Issue 14, part 3, over HTTP on the shipped catalog: a vendor questionnaire for ISO 27001 + ISO 42001 asks fewer
 * questions than the two frameworks have assessable requirements, because one question stands for a whole
 * common-control group.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../support/cli';
import { download, readCsv, readWorkbook, table } from '../support/spreadsheets';
import { XLSX_TYPE } from '../../src/exports/xlsx-writer';
import { startTestServer, type TestServer } from '../support/server';

let t: TestServer;
let admin: string;

async function ok(query: string, variables: Record<string, unknown> = {}, key = admin) {
  const res = await t.gql(query, variables, key);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const QUESTIONNAIRE = `query($f: [String!]!, $r: [AiRole!]) {
  vendorQuestionnaire(frameworks: $f, aiRoles: $r) {
    requirementCount frameworks { code version }
    questions { id key text evidenceRequest aiSpecific anchor { refId } requirements { refId title framework { code } } }
  }
}`;

beforeAll(async () => {
  t = await startTestServer();
  admin = (await t.createOrganization('Buyer Ltd')).adminKey;
});
afterAll(() => t?.close());

describe('vendorQuestionnaire', () => {
  it('asks ISO27001 + ISO42001 in fewer questions than their assessable requirements, each standing for every requirement', async () => {
    const { vendorQuestionnaire: q } = await ok(QUESTIONNAIRE, { f: ['ISO27001', 'ISO42001'] });
    const counts = await ok(`{ a: framework(framework: "ISO27001") { requirementCount(assessableOnly: true) } b: framework(framework: "ISO42001") { requirementCount(assessableOnly: true) } }`);
    const assessable = counts.a.requirementCount + counts.b.requirementCount;
    expect(q.requirementCount).toBe(assessable);
    expect(q.questions.length).toBeLessThan(assessable);
    const covered = new Set(q.questions.flatMap((x: any) => x.requirements.map((r: any) => `${r.framework.code}/${r.refId}`)));
    expect(covered.size).toBe(assessable);
    // A shared Harmonized Structure clause is one question for both standards (read as one management system).
    const audit = q.questions.find((x: any) => x.requirements.some((r: any) => r.framework.code === 'ISO27001' && r.refId === '9.2.1'));
    expect(audit.requirements.map((r: any) => r.framework.code)).toEqual(expect.arrayContaining(['ISO27001', 'ISO42001']));
    expect(audit.text).toContain('ISO27001 9.2.1');
    expect(audit.evidenceRequest).toMatch(/evidence/i);
    expect(q.questions[0].id).toBe('Q-001');
    expect(new Set(q.questions.map((x: any) => x.key)).size).toBe(q.questions.length);
  });

  it('puts AI-specific questions first for AI roles, with the same keys', async () => {
    const plain = (await ok(QUESTIONNAIRE, { f: ['ISO27001', 'ISO42001'] })).vendorQuestionnaire.questions;
    const { questions } = (await ok(QUESTIONNAIRE, { f: ['ISO27001', 'ISO42001'], r: ['AI_CUSTOMER'] })).vendorQuestionnaire;
    const firstPlain = questions.findIndex((x: any) => !x.aiSpecific);
    expect(firstPlain).toBeGreaterThan(0);
    expect(questions.slice(firstPlain).every((x: any) => !x.aiSpecific)).toBe(true);
    // Without roles nothing is put first. With them, a question is AI-specific exactly when one of its ISO 42001 or NIST
    // AI RMF requirements concerns a customer: tagged with the role, or untagged (every role); a producer-only one is not.
    expect(plain.every((x: any) => !x.aiSpecific)).toBe(true);
    const tags = new Map<string, string[] | null>();
    for (const code of ['ISO42001', 'NIST-AI-RMF']) {
      const { requirements } = await ok(`{ requirements(framework: "${code}", first: 500) { edges { node { refId aiRoles } } } }`);
      for (const { node } of requirements.edges) tags.set(`${code} ${node.refId}`, node.aiRoles);
    }
    const concernsCustomer = (r: any) => {
      const key = `${r.framework.code} ${r.refId}`;
      return tags.has(key) && (tags.get(key) === null || tags.get(key)!.includes('AI_CUSTOMER'));
    };
    for (const q of questions) expect([q.key, q.aiSpecific]).toEqual([q.key, q.requirements.some(concernsCustomer)]);
    expect(questions.some((q: any) => !q.aiSpecific && q.requirements.some((r: any) => r.framework.code === 'ISO42001'))).toBe(true);
    expect(new Set(questions.map((x: any) => x.key))).toEqual(new Set(plain.map((x: any) => x.key)));
  });

  it('refuses an unknown AI role and an unknown framework, naming the argument', async () => {
    const role = await t.gql(QUESTIONNAIRE, { f: ['ISO27001'], r: ['AI_OVERLORD'] }, admin);
    // The argument is the AiRole enum: GraphQL itself refuses a name that is not one, naming the value.
    expect(role.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(role.errors?.[0].message).toMatch(/"AI_OVERLORD".*AiRole/);
    const framework = await t.gql(QUESTIONNAIRE, { f: ['ISO27001', 'NOPE'] }, admin);
    expect(framework.errors?.[0].message).toMatch(/frameworks\[1\]/);
  });

  it('needs an API key', async () => {
    const res = await t.gql(QUESTIONNAIRE, { f: ['ISO27001'] });
    expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('vendors', () => {
  const CREATE = `mutation($n: String!, $c: String) { createVendor(input: { name: $n, contact: $c }) { id name contact frameworks answerCount answeredAt } }`;

  it('creates, lists, reads and deletes a vendor, each change audited', async () => {
    const { createVendor: v } = await ok(CREATE, { n: '  Temp Supplier ', c: 'sec@temp.example' });
    expect(v).toMatchObject({ name: 'Temp Supplier', contact: 'sec@temp.example', frameworks: [], answerCount: 0, answeredAt: null });
    expect((await ok(`{ vendors { id name } }`)).vendors).toContainEqual({ id: v.id, name: 'Temp Supplier' });
    expect((await ok(`query($id: ID!) { vendor(id: $id) { name } }`, { id: v.id })).vendor).toEqual({ name: 'Temp Supplier' });
    expect((await ok(`mutation($id: ID!) { deleteVendor(id: $id) }`, { id: v.id })).deleteVendor).toBe(true);
    expect((await ok(`query($id: ID!) { vendor(id: $id) { name } }`, { id: v.id })).vendor).toBeNull();
    const events = await t.db.query<{ operation: string }>(`SELECT operation FROM audit_event WHERE entity_id = $1 ORDER BY occurred_at, id`, [v.id]);
    expect(events.map((e) => e.operation)).toEqual(['createVendor', 'deleteVendor']);
  });

  it('refuses a taken name (CONFLICT), a blank one, and an unknown id, changing nothing', async () => {
    await ok(CREATE, { n: 'Twice Ltd' });
    const before = (await ok(`{ vendors { id } }`)).vendors.length;
    expect((await t.gql(CREATE, { n: 'Twice Ltd' }, admin)).errors?.[0].extensions.code).toBe('CONFLICT');
    const blank = await t.gql(CREATE, { n: '   ' }, admin);
    expect(blank.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(blank.errors?.[0].message).toMatch(/name/);
    const missing = await t.gql(`mutation { deleteVendor(id: "00000000-0000-4000-8000-000000000000") }`, {}, admin);
    expect(missing.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await ok(`{ vendors { id } }`)).vendors).toHaveLength(before);
  });

  it('another organization sees none of them', async () => {
    const other = (await t.createOrganization('Other Buyer')).adminKey;
    const { createVendor: mine } = await ok(CREATE, { n: 'Private Supplier' });
    expect((await ok(`{ vendors { id } }`, {}, other)).vendors).toEqual([]);
    expect((await ok(`query($id: ID!) { vendor(id: $id) { id } }`, { id: mine.id }, other)).vendor).toBeNull();
    expect((await t.gql(`mutation($id: ID!) { deleteVendor(id: $id) }`, { id: mine.id }, other)).errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('the export', () => {
  it('writes every question with a drop-down of answers that survives being read back, and the CSV carries the same rows', async () => {
    const q = (await ok(QUESTIONNAIRE, { f: ['ISO27001', 'ISO42001'] })).vendorQuestionnaire;
    const xlsx = await download(`${t.url}/export/vendor-questionnaire.xlsx?frameworks=ISO27001,ISO42001`, admin);
    expect([xlsx.status, xlsx.status === 200 ? "" : xlsx.body.toString()]).toEqual([200, ""]);
    const wb = await readWorkbook(xlsx.body);
    const sheet = table(wb.getWorksheet('Questionnaire')!);
    expect(sheet.header).toEqual(['Question', 'Key', 'Frameworks', 'AI-specific', 'Question text', 'Requirements', 'Evidence requested', 'Answer', 'Evidence']);
    expect(sheet.rows.map((r) => r[1])).toEqual(q.questions.map((x: any) => x.key));
    expect(new Set(sheet.rows.map((r) => r[2]))).toEqual(new Set(['ISO27001:2022,ISO42001:2023']));
    for (const cells of sheet.cells) {
      expect(cells[7].dataValidation).toMatchObject({ type: 'list', formulae: ['"YES,PARTIAL,NO,NOT_APPLICABLE"'], showErrorMessage: true });
    }
    const csv = await download(`${t.url}/export/vendor-questionnaire.csv?frameworks=ISO27001,ISO42001&aiRoles=AI_CUSTOMER`, admin);
    expect(csv.status).toBe(200);
    const rows = readCsv(csv.body);
    expect(rows.header).toEqual(sheet.header);
    expect(new Set(rows.rows.map((r) => r[1]))).toEqual(new Set(sheet.rows.map((r) => r[1])));
    expect(rows.rows[0][3]).toBe('yes');
  });

  it('refuses a bad role or framework with 400 naming the parameter', async () => {
    const role = await download(`${t.url}/export/vendor-questionnaire.xlsx?frameworks=ISO27001&aiRoles=AI_OVERLORD`, admin);
    expect(role.status).toBe(400);
    expect(role.json().errors[0].message).toMatch(/aiRoles\[0\]/);
    const framework = await download(`${t.url}/export/vendor-questionnaire.xlsx?frameworks=ISO27001,,`, admin);
    expect(framework.status).toBe(400);
    expect(framework.json().errors[0].message).toMatch(/frameworks/);
  });
});

async function upload(vendor: string, body: Buffer, type: string, key = admin) {
  const res = await fetch(`${t.url}/import/vendor-answers?vendor=${vendor}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${key}` }, body });
  return { status: res.status, body: (await res.json()) as any };
}

const tableVersions = async () =>
  t.db.query<{ n: string; a: string; e: string }>(`SELECT (SELECT count(*) FROM vendor_answer) AS a, (SELECT count(*) FROM audit_event WHERE operation = 'importVendorAnswers') AS e, (SELECT string_agg(xmin::text, ',' ORDER BY id) FROM vendor) AS n`);

describe('answers imported from the exported file give coverage with paths', () => {
  let vendor: string;
  let keyOf9_2_1: string;

  beforeAll(async () => {
    vendor = (await ok(`mutation { createVendor(input: { name: "Model Supplier", contact: "trust@model.example" }) { id } }`)).createVendor.id;
  });

  it('imports the filled-in XLSX all at once and reports the counts', async () => {
    const xlsx = await download(`${t.url}/export/vendor-questionnaire.xlsx?frameworks=ISO27001,ISO42001`, admin);
    const wb = await readWorkbook(xlsx.body);
    const ws = wb.getWorksheet('Questionnaire')!;
    const rows = table(ws);
    // The supplier answers YES to every question standing for ISO27001 9.2.1, PARTIAL to the next, NO to the rest.
    let partialKey = '';
    rows.cells.forEach((cells, i) => {
      const requirements = String(rows.rows[i][5]);
      if (requirements.includes('ISO27001 9.2.1 ')) {
        cells[7].value = 'YES';
        cells[8].value = 'https://model.example/audit-programme.pdf';
        keyOf9_2_1 = String(rows.rows[i][1]);
      } else if (partialKey === '' && requirements.includes('ISO42001 A.')) {
        cells[7].value = 'PARTIAL';
        partialKey = String(rows.rows[i][1]);
      } else cells[7].value = 'NO';
    });
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(vendor, filled, XLSX_TYPE);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, yes: 1, partial: 1, unanswered: 0, problemCount: 0, frameworks: ['ISO27001:2022', 'ISO42001:2023'] });
    expect(res.body.no).toBe(rows.rows.length - 2);
    const { vendor: v } = await ok(`query($id: ID!) { vendor(id: $id) { answerCount frameworks answeredAt } }`, { id: vendor });
    expect(v).toMatchObject({ answerCount: rows.rows.length, frameworks: ['ISO27001:2022', 'ISO42001:2023'] });
  });

  it('vendorCoverage counts the answers by the engine, and paths name the question', async () => {
    const { vendorCoverage } = await ok(
      `query($v: ID!) { vendorCoverage(vendorId: $v) { vendor { name } questionCount counted unmatched frameworks { framework { code } full partial none excluded score } } }`,
      { v: vendor },
    );
    expect(vendorCoverage).toMatchObject({ vendor: { name: 'Model Supplier' }, counted: 2, unmatched: 0 });
    const [iso27001, iso42001] = vendorCoverage.frameworks;
    expect(iso27001.framework.code).toBe('ISO27001');
    expect(iso27001.full).toBeGreaterThanOrEqual(1);
    expect(iso42001.full).toBeGreaterThanOrEqual(1);
    expect(iso42001.partial).toBeGreaterThanOrEqual(1);
    expect(iso27001.score).toBeGreaterThan(0);
    expect(iso27001.score).toBeLessThan(0.2);
    const { vendorRequirementCoverage: aims } = await ok(
      `query($v: ID!) { vendorRequirementCoverage(vendorId: $v, framework: "ISO42001", refId: "9.2.1") { status paths { controls { code coverage } source { refId framework { code } } } } }`,
      { v: vendor },
    );
    expect(aims.status).toBe('FULL');
    const questionId = (await ok(QUESTIONNAIRE, { f: ['ISO27001', 'ISO42001'] })).vendorQuestionnaire.questions.find((q: any) => q.key === keyOf9_2_1).id;
    expect(aims.paths[0].controls).toEqual([{ code: questionId, coverage: 'FULL' }]);
    // The organization's own coverage is untouched by a vendor's answers.
    const own = (await ok(`{ coverage(frameworks: ["ISO27001"]) { full partial } }`)).coverage[0];
    expect(own).toEqual({ full: 0, partial: 0 });
  });

  it('a bad file is refused with a per-row report, and nothing is written', async () => {
    const csv = await download(`${t.url}/export/vendor-questionnaire.csv?frameworks=ISO27001,ISO42001`, admin);
    const { header, rows } = readCsv(csv.body);
    rows[0][7] = 'MAYBE';
    rows[1][1] = 'ISO27001/Z.99';
    rows[2][2] = 'ISO27001:2022';
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const body = Buffer.from([header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));
    const before = await tableVersions();
    const res = await upload(vendor, body, 'text/csv');
    expect(res.status).toBe(422);
    expect(res.body.ok).toBe(false);
    expect(res.body.problems).toEqual([
      expect.objectContaining({ row: 4, column: 'Frameworks', value: 'ISO27001:2022' }),
      expect.objectContaining({ row: 2, column: 'Answer', value: 'MAYBE', reason: expect.stringMatching(/YES, PARTIAL, NO, NOT_APPLICABLE/) }),
      expect.objectContaining({ row: 3, column: 'Key', value: 'ISO27001/Z.99' }),
    ]);
    expect(await tableVersions()).toEqual(before);
  });

  it('refuses an unknown vendor, a missing parameter and another organization\'s vendor', async () => {
    const csv = (await download(`${t.url}/export/vendor-questionnaire.csv?frameworks=ISO27001`, admin)).body;
    // A refused parameter is 400 with the code GraphQL would give, as on every file route.
    const unknown = await upload('00000000-0000-4000-8000-000000000000', csv, 'text/csv');
    expect([unknown.status, unknown.body.errors[0].extensions.code]).toEqual([400, 'NOT_FOUND']);
    const other = (await t.createOrganization('Snooper')).adminKey;
    const foreign = await upload(vendor, csv, 'text/csv', other);
    expect([foreign.status, foreign.body.errors[0].extensions.code]).toEqual([400, 'NOT_FOUND']);
    const res = await fetch(`${t.url}/import/vendor-answers`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin}` }, body: csv });
    expect(res.status).toBe(400);
    const cov = await t.gql(`query($v: ID!) { vendorCoverage(vendorId: $v) { counted } }`, { v: vendor }, other);
    expect(cov.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('npm run import -- vendor-answers', () => {
  it('imports the answered CSV for the vendor named by --vendor; a bad file exits 1 with the row report and writes nothing', async () => {
    const organizationId = (await ok(`{ me { organizationId } }`)).me.organizationId;
    const vendor = (await ok(`mutation { createVendor(input: { name: "Command-line Supplier" }) { id } }`)).createVendor.id;
    const csv = await download(`${t.url}/export/vendor-questionnaire.csv?frameworks=ISO27001`, admin);
    const { header, rows } = readCsv(csv.body);
    rows.forEach((r, i) => (r[7] = i === 0 ? 'YES' : 'NO'));
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vendor-cli-'));
    fs.writeFileSync(path.join(dir, 'answers.csv'), [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));
    const run = await runCli('imports/cli/import.js', ['vendor-answers', '--org', organizationId, '--vendor', vendor, 'answers.csv'], { cwd: dir, databaseUrl: t.server.databaseUrl });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.stringMatching(/import: read \d+ row\(s\) from answers\.csv/) });
    expect(run.stdout).toMatch(new RegExp(`^imported answers to ${rows.length} question\\(s\\) over ISO27001:2022: 1 YES, 0 PARTIAL, ${rows.length - 1} NO`));
    expect((await ok(`query($v: ID!) { vendorCoverage(vendorId: $v) { counted } }`, { v: vendor })).vendorCoverage.counted).toBe(1);

    rows[0][7] = 'SOMETIMES';
    fs.writeFileSync(path.join(dir, 'bad.csv'), [header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'));
    const before = await tableVersions();
    const bad = await runCli('imports/cli/import.js', ['vendor-answers', '--org', organizationId, '--vendor', vendor, 'bad.csv'], { cwd: dir, databaseUrl: t.server.databaseUrl });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/^refused: 1 problem\(s\); nothing was written\n {2}row 2, column Answer, value "SOMETIMES"/);
    expect(await tableVersions()).toEqual(before);
    const usage = await runCli('imports/cli/import.js', ['vendor-answers', '--org', organizationId, 'answers.csv'], { cwd: dir, databaseUrl: t.server.databaseUrl });
    expect([usage.status, usage.stderr]).toEqual([2, expect.stringMatching(/^import: vendor-answers needs --vendor/)]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
