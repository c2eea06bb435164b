import { describe, expect, it } from 'vitest';
import { auditVerdict } from '../../scripts/audit.js';

const counts = (c: Partial<Record<'info' | 'low' | 'moderate' | 'high' | 'critical', number>>) => ({ info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...c });
const report = (vulnerabilities: Record<string, { name: string; severity: string }>, c: Parameters<typeof counts>[0]) =>
  JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts(c), dependencies: { prod: 199 } } });

/** The CI step's decision (`npm run audit`): fail on high or critical, pass clean, warn when it could not ask. */
describe('npm audit verdict', () => {
  it('passes a report with nothing above moderate', () => {
    expect(auditVerdict(report({ postcss: { name: 'postcss', severity: 'moderate' } }, { moderate: 1 }))).toMatchObject({ kind: 'clean' });
    expect(auditVerdict(report({}, {}))).toMatchObject({ kind: 'clean' });
  });

  it('fails a high or critical finding and names the packages', () => {
    const verdict = auditVerdict(report({ ws: { name: 'ws', severity: 'high' }, nanoid: { name: 'nanoid', severity: 'low' }, send: { name: 'send', severity: 'critical' } }, { high: 1, critical: 1, low: 1 }));
    expect(verdict).toMatchObject({ kind: 'findings', packages: [{ name: 'ws', severity: 'high' }, { name: 'send', severity: 'critical' }] });
  });

  it('reports, without failing, an advisory service that is unreachable or refuses', () => {
    const offline = JSON.stringify({ error: { code: 'ENOTFOUND', summary: 'request to https://registry.example/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND', detail: '' } });
    // What npm 10 prints when the registry does not offer the advisory service (seen on this project's machines).
    const refused = JSON.stringify({ message: '405 Method Not Allowed - POST https://registry.example/-/npm/v1/security/advisories/bulk', method: 'POST', statusCode: 405, body: '', error: { summary: '', detail: '' } });
    expect(auditVerdict(offline)).toEqual({ kind: 'unavailable', reason: expect.stringMatching(/ENOTFOUND/) });
    expect(auditVerdict(refused)).toEqual({ kind: 'unavailable', reason: expect.stringMatching(/405/) });
    expect(auditVerdict('')).toMatchObject({ kind: 'unavailable' });
  });
});
