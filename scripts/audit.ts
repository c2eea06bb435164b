/**
 * `npm run audit`: `npm audit --omit=dev` of the production dependencies. Exits 1 on any high or
 * critical advisory (listed by package). When the advisory service cannot be asked — no network, or
 * a registry or mirror that does not offer it — it says so on stderr and exits 0: a check that
 * could not run is reported, not mistaken for a finding. CI runs it (.ci/run).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type AuditVerdict =
  | { kind: 'clean'; counts: Record<string, number> }
  | { kind: 'findings'; counts: Record<string, number>; packages: { name: string; severity: string }[] }
  | { kind: 'unavailable'; reason: string };

const FAILING = new Set(['high', 'critical']);

/** Reads `npm audit --json` output: a report (clean or with findings), or an error from npm. */
export function auditVerdict(stdout: string): AuditVerdict {
  let report: {
    metadata?: { vulnerabilities?: Record<string, number> };
    vulnerabilities?: Record<string, { name?: string; severity?: string }>;
    error?: { summary?: string; code?: string };
    message?: string;
  };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    return { kind: 'unavailable', reason: 'npm audit printed no report' };
  }
  const counts = report.metadata?.vulnerabilities;
  if (!counts) return { kind: 'unavailable', reason: report.error?.summary || report.message || report.error?.code || 'npm audit returned no report' };
  const packages = Object.entries(report.vulnerabilities ?? {})
    .filter(([, v]) => FAILING.has(v.severity ?? ''))
    .map(([name, v]) => ({ name: v.name ?? name, severity: v.severity! }));
  return packages.length || (counts.high ?? 0) + (counts.critical ?? 0) > 0 ? { kind: 'findings', counts, packages } : { kind: 'clean', counts };
}

function main(): void {
  const res = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', timeout: 120_000 });
  const verdict = auditVerdict(res.stdout ?? '');
  const summary = (counts: Record<string, number>) => ['critical', 'high', 'moderate', 'low'].map((k) => `${counts[k] ?? 0} ${k}`).join(', ');
  switch (verdict.kind) {
    case 'clean':
      console.log(`npm audit (production dependencies): no high or critical advisory (${summary(verdict.counts)}).`);
      return;
    case 'findings':
      console.error(`npm audit (production dependencies): ${summary(verdict.counts)}.`);
      for (const p of verdict.packages) console.error(`  ${p.severity}: ${p.name}`);
      console.error('Pin a patched version (exact) in package.json, or run `npm audit --omit=dev` for details.');
      process.exitCode = 1;
      return;
    case 'unavailable':
      console.error(`WARNING: npm audit could not ask the advisory service (${verdict.reason}); production dependencies NOT checked.`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
