/**
 * `npm run bench:engine` at a tiny scale, on the test server: it compares like with like (issue 11). Each
 * engine-vs-SQL row names both sides and carries its target and verdict, and the engine and the SQL baselines agree
 * on every number before anything is timed (at maxHops 2 too, where two hops change the answer). The figures
 * themselves are not checked: a test machine's timings say nothing.
 */
import { spawn } from 'node:child_process';
import { ENV_ADMIN_URL, requireEnv } from '../support/test-env';

function bench(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', 'dist/bench/engine.bench.js', ...args], {
      env: { ...process.env, DATABASE_URL: requireEnv(ENV_ADMIN_URL) },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The cells of the results line whose first cell starts with `label`. */
function row(stdout: string, label: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`| ${label}`));
  if (!line) throw new Error(`no row "${label}" in:\n${stdout}`);
  return line
    .split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

it('names both sides of every comparison, with targets and verdicts, after the engine and SQL agree', async () => {
  const run = await bench(['--frameworks', '8', '--requirements', '800', '--edges', '4000', '--controls', '60', '--links', '600', '--seed', '7', '--timeout', '3']);
  expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
  const out = run.stdout;

  const perRequest = row(out, 'Per request: coverage of one framework');
  expect(perRequest[0]).toMatch(/maxHops 1$/);
  expect(perRequest[1]).toMatch(/^frameworkStatus \+ frameworkCoverage on the warm tenant state/);
  expect(perRequest[3]).toMatch(/^one statement that reads the controls, links and applicability itself/);
  const all = row(out, 'All 8 frameworks, maxHops 1');
  expect(all[1]).toMatch(/requirementStatus \+ allFrameworkCoverage/);
  expect(all[3]).toMatch(/^one statement grouped by framework/);
  const hops = row(out, 'maxHops 2: coverage of');
  expect(hops[1]).toMatch(/requirementStatus \(maxHops 2\)/);
  expect(hops[3]).toMatch(/^one recursive CTE/);
  // A cache miss is shown beside it, for information, with no speed-up target of its own.
  const missed = row(out, '  the same request on a tenant-cache miss');
  expect(missed[1]).toMatch(/^the cold tenant read above, then frameworkStatus \+ frameworkCoverage$/);
  expect(missed.slice(6)).toEqual(['(none)', '']);
  for (const r of [perRequest, all, hops]) {
    expect(r[5]).toMatch(/^\d+(\.\d)?×$/);
    expect(r[6]).toBe('≥ 10×');
    expect(r[7]).toMatch(/^(PASS|MISS)$/);
  }

  const cold = row(out, 'Cold tenant read (a cache miss): readTenantInput in TenantDb.run (RLS)');
  expect(cold[2]).toBe('≤ 15 ms');
  expect(cold[3]).toMatch(/^(PASS|MISS)$/);
  // Split into its two parts, so a miss says where the time went.
  expect(row(out, '  of which: readTenantInput in the RLS transaction')[1]).toMatch(/\d (ms|µs)$/);
  expect(row(out, '  of which: underDeclaredSystems + tenantState')[1]).toMatch(/\d (ms|µs)$/);

  // Agreement came first, over one framework both ways, all 8 frameworks and maxHops 2 for several, and two hops
  // changed some of those numbers, so the recursive CTE had something to get right.
  const agreement = row(out, 'Engine = SQL before timing');
  expect(agreement[1]).toMatch(/^(\d+)\/\1 equal$/);
  expect(Number(/^(\d+)\//.exec(agreement[1])![1])).toBeGreaterThanOrEqual(2 + 8 + 2);
  expect(agreement[3]).toBe('MATCH');
  expect(agreement[4]).toMatch(/^maxHops 2 changes the numbers of [1-9]\d* of those \d+$/);
  expect(out).not.toMatch(/SQL baseline, all \d+ frameworks \(one statement each/);
}, 120_000);
