import { expect } from 'chai';
import { escapeData, escapeProperty, formatGithub } from '../../lib/report/github.js';
import type { FormatContext } from '../../lib/report/types.js';
import { HOSTILE, hostileReport } from './hostile-report.js';
import type { JudgedWith } from '../../lib/types.js';
import { cleanReport, judged, severalReport } from './sample-reports.js';

const PLAIN: FormatContext = { color: false };

/** `::level props::message` split the way the runner splits it. */
function parseCommand(line: string): { level: string; properties: Record<string, string>; message: string } {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1));
  }
  return { level: match[1]!, properties, message: decodeURIComponent(match[3]!) };
}

describe('github format', () => {
  it('writes one command per finding and per policy not evaluated, then the summary line', () => {
    const lines = formatGithub(severalReport, PLAIN).trimEnd().split('\n');
    expect(lines).to.have.length(7);
    expect(lines.slice(0, 6).map((l) => parseCommand(l).level)).to.deep.equal(['error', 'error', 'warning', 'notice', 'warning', 'error']);
    expect(lines[6]).to.match(/^kmsguard: 2 documents, 5 policies judged, 4 findings/);
    const first = parseCommand(lines[0]!);
    expect(first.properties).to.deep.equal({ file: 'plan.json', line: '1', title: 'kmsguard high (all-keys): kms-decrypt-all-keys' });
    expect(first.message).to.equal(
      'aws_iam_policy.admin (policy) allows kms:Decrypt, kms:ReEncryptFrom on KMS keys in accounts the policy does not name. ' +
        'Why: statement 0 "AllowKms" (/Statement/0): Action "kms:*", Resource "*". Introduced by this plan.',
    );
  });

  it('follows the fail threshold', () => {
    const levels = (options: Partial<JudgedWith>) =>
      formatGithub(judged(severalReport, options), PLAIN)
        .trimEnd()
        .split('\n')
        .slice(0, 6)
        .map((l) => parseCommand(l).level);
    expect(levels({ failOn: 'never' })).to.deep.equal(['warning', 'warning', 'warning', 'notice', 'warning', 'error']);
    expect(levels({ failOn: 'low', strict: true })).to.deep.equal(['error', 'error', 'error', 'notice', 'error', 'error']);
  });

  it('names no file for standard input', () => {
    const finding = { ...severalReport.findings[0]!, source: 'stdin' };
    const command = parseCommand(formatGithub({ ...cleanReport, findings: [finding] }, PLAIN).split('\n')[0]!);
    expect(command.properties).to.deep.equal({ title: 'kmsguard high (all-keys): kms-decrypt-all-keys' });
  });

  it('cannot be broken out of: every command stays one line, values come back intact', () => {
    const lines = formatGithub(hostileReport(), PLAIN).trimEnd().split('\n');
    expect(lines).to.have.length(4);
    const printable = HOSTILE.replace('\u0000', '\\u0000')
      .replace('\u0007', '\\u0007')
      .replace(/\u001b/g, '\\u001b')
      .replace('\r', '\\u000d')
      .replace('\n', '\\u000a')
      .replace('\ud800', '\\ud800')
      .replace('\u202e', '\\u202e')
      .replace('\u202c', '\\u202c');
    const finding = parseCommand(lines[0]!);
    expect(finding.properties.file).to.equal(`plans/${printable}.json`);
    expect(finding.message.startsWith(`module.m["${printable}"].aws_iam_policy.p`)).to.equal(true);
    expect(parseCommand(lines[2]!).level).to.equal('error');
    for (const line of lines.slice(0, 3)) expect(line.indexOf('::', 2)).to.equal(line.lastIndexOf('::', line.indexOf('::', 2)));
  });

  describe('escaping', () => {
    const table: [string, string, string][] = [
      ['100%', '100%25', '100%25'],
      ['a\r\nb', 'a%0D%0Ab', 'a%0D%0Ab'],
      ['k:v,w', 'k:v,w', 'k%3Av%2Cw'],
      ['%0A', '%250A', '%250A'],
    ];
    for (const [input, data, property] of table) {
      it(`escapes ${JSON.stringify(input)}`, () => {
        expect(escapeData(input)).to.equal(data);
        expect(escapeProperty(input)).to.equal(property);
      });
    }
  });
});
