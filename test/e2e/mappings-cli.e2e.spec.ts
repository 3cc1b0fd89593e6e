/** `npm run mappings:check` as a user runs it: statistics on success, precise errors and a non-zero exit on failure. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function check(...args: string[]) {
  return spawnSync(process.execPath, ['dist/src/mappings/cli/check.js', ...args], { encoding: 'utf8' });
}

it('passes on the shipped mappings and prints per-set statistics', () => {
  const run = check();
  expect(run.status).toBe(0);
  expect(run.stdout).toMatch(/NIST-AI-RMF:1\.0\s+95 requirements,\s+72 assessable/);
  expect(run.stdout).toMatch(/mapping set\s+rows\s+EQ\s+SUB\s+SUP\s+INT\s+NR\s+source touched\s+target touched/);
  expect(run.stdout).toMatch(/iso27001-2022__iso42001-2023\s+30\s+0\s+0\s+0\s+30\s+0\s+30\/123\s+30\/70/);
  expect(run.stdout).toMatch(/ok: every file is valid/);
});

it('--json gives the same statistics to machines', () => {
  const run = check('--json');
  expect(run.status).toBe(0);
  const report = JSON.parse(run.stdout);
  expect(report.errors).toEqual([]);
  expect(report.stats).toContainEqual(expect.objectContaining({ key: 'iso27001-2022__iso42001-2023', rows: 30, sourceTouched: 30 }));
});

describe('on broken files', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-check-'));
    fs.cpSync('mappings', dir, { recursive: true });
    const crosswalk = path.join(dir, 'crosswalks/iso27001-2022__iso42001-2023.yaml');
    fs.writeFileSync(
      crosswalk,
      fs.readFileSync(crosswalk, 'utf8').replace('target: "4.3"', 'target: "4.33"').replace(/strength: 5\n/, 'strength: 10\n'),
    );
    const framework = path.join(dir, 'frameworks/nist-ai-rmf-1.0.yaml');
    fs.writeFileSync(framework, fs.readFileSync(framework, 'utf8').replace('parent: "GOVERN 1"\n', 'parent: "GOVERN 9"\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names file, line, path and value of every problem, and exits 1', () => {
    const run = check('--dir', dir);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^3 errors:/m);
    expect(run.stderr).toMatch(/frameworks\/nist-ai-rmf-1\.0\.yaml:\d+: \/requirements\/\d+\/parent: parent is not a requirement id in this file \(found: "GOVERN 9"\)/);
    expect(run.stderr).toMatch(/crosswalks\/iso27001-2022__iso42001-2023\.yaml:\d+: \/edges\/2\/target: no requirement with this id in ISO42001:2023 \(found: "4\.33"\)/);
    expect(run.stderr).toMatch(/\/edges\/\d+\/strength: INTERSECTS_WITH edges take strength 1 to 9 \(NIST IR 8278A\) \(found: 10\)/);
  });

  it('rejects unknown options with usage and exit 2, and explains itself with --help', () => {
    const bad = check('--nope');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Unknown option '--nope'/);
    const help = check('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run mappings:check/);
  });
});
