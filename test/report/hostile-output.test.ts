/**
 * Every format against every attack a plan can carry: each output keeps the shape it has for
 * harmless text (same lines, same commands, same markup, same elements), and holds nothing a
 * terminal, a CI log, the GitHub runner, a markdown renderer, Atlantis or a strict JSON or XML
 * parser would act on.
 */
import { expect } from 'chai';
import { formatNames, loadFormatter, type Formatter } from '../../lib/report/index.js';
import { printable } from '../../lib/report/printable.js';
import type { FormatContext } from '../../lib/report/types.js';
import type { Report } from '../../lib/types.js';
import { jsonStrings, LONE_SURROGATE, RAW_HAZARD } from '../support/output-hazards.js';
import { ATTACKS, hostileReport } from './hostile-report.js';
import { judged } from './sample-reports.js';
import { allElements, parseXml, type XmlElement } from './xml-check.js';

const PLAIN: FormatContext = { color: false };
const HARMLESS = 'harmless';

function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}

function lines(text: string): string[] {
  return text.split('\n');
}

/** The runner reads a line as a workflow command when it starts with `::` after white space. */
function startsCommand(line: string): boolean {
  return line.trimStart().startsWith('::');
}

/** Atlantis' own test of conftest output for failures. */
const ATLANTIS_HAS_FAILURES = /([1-9]([0-9]?)* failure|failures": \[)/;

/** `::level props::message` as the runner splits it, with its unescaping. */
function parseCommand(line: string): { level: string; properties: Record<string, string>; message: string } | undefined {
  const match = /^::(\w+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) return undefined;
  const decoded = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties: Record<string, string> = {};
  for (const pair of (match[2] ?? '').split(',').filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    properties[pair.slice(0, eq)] = decoded(pair.slice(eq + 1));
  }
  return { level: match[1]!, properties, message: decoded(match[3]!) };
}

/**
 * The markdown syntax a line holds outside code spans, in order: unescaped punctuation that
 * opens markup, and what GitHub links after rendering (mentions, references, bare URLs). A
 * backslash escapes the next character; a run of n backticks opens a code span closed by the
 * next run of exactly n (CommonMark), and a run with no such closer is literal.
 */
function markdownSyntax(line: string): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    const char = line[i]!;
    if (char === '\\') {
      i += 2;
      continue;
    }
    if (char === '`') {
      const run = /^`+/.exec(line.slice(i))![0];
      const close = new RegExp(`(?<!\`)${run}(?!\`)`).exec(line.slice(i + run.length));
      if (close) {
        i += run.length + close.index + run.length;
        continue;
      }
      tokens.push(run);
      i += run.length;
      continue;
    }
    const rest = line.slice(i);
    const linked = /^(?:@(?!\u200b)|#(?!\u200b|#* )|[a-z0-9]:\/\/|www\.)/i.exec(rest);
    if (linked) tokens.push(linked[0]);
    else if ('<>[]|*_~$&'.includes(char)) tokens.push(char);
    i += 1;
  }
  return tokens;
}

function elementShape(root: XmlElement): string[] {
  return allElements(root).map((e) => `${e.name}(${Object.keys(e.attributes).join(',')})`);
}

/** The report as a JSON reader gets it back: every string made well-formed. */
function wellFormedCopy(value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (Array.isArray(value)) return value.map(wellFormedCopy);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormed(k), wellFormedCopy(v)]));
  return value;
}

/** A report in which nothing fails under `failOn: never`: no unusable input, no invalid policy. */
function passingReport(text: string): Report {
  const report = hostileReport(text);
  return { ...report, errors: [], unevaluated: report.unevaluated.map((u) => ({ ...u, reason: 'unknown' as const })) };
}

describe('every format against hostile plan text', () => {
  const formatters = new Map<string, Formatter>();
  before(async () => {
    for (const name of formatNames) formatters.set(name, await loadFormatter(name));
  });
  const format = (name: string, report: Report, context: FormatContext = PLAIN) => formatters.get(name)!(report, context);

  for (const [attack, text] of Object.entries(ATTACKS)) {
    describe(attack, () => {
      const report = hostileReport(text);
      const harmless = hostileReport(HARMLESS);

      for (const name of formatNames) {
        it(`${name}: no raw control, separator or bidi character, no "##[", no lone surrogate, and the lines of harmless text`, () => {
          const out = format(name, report);
          expect(out).to.not.match(RAW_HAZARD);
          expect(out).to.not.contain('##[');
          expect(out.match(LONE_SURROGATE)).to.equal(null);
          expect(lines(out)).to.have.length(lines(format(name, harmless)).length);
          if (name !== 'github') for (const line of lines(out)) expect(startsCommand(line), line).to.equal(false);
        });
      }

      it('github: the same commands with the same properties; values come back as the printable text', () => {
        const out = lines(format('github', report));
        const expected = lines(format('github', harmless));
        for (const [i, line] of out.entries()) {
          const command = parseCommand(line);
          const harmlessCommand = parseCommand(expected[i]!);
          expect(command === undefined, line).to.equal(harmlessCommand === undefined);
          if (command === undefined) {
            expect(startsCommand(line)).to.equal(false);
            continue;
          }
          expect([command.level, Object.keys(command.properties)]).to.deep.equal([harmlessCommand!.level, Object.keys(harmlessCommand!.properties)]);
          expect(command.properties.title).to.equal(harmlessCommand!.properties.title);
          expect(command.message).to.not.match(/[\r\n]/);
        }
        const first = parseCommand(out[0]!)!;
        expect(first.properties.file).to.equal(printable(`plans/${text}.json`));
        expect(first.message.startsWith(printable(`module.m["${text}"].aws_iam_policy.p`))).to.equal(true);
      });

      it('atlantis: the same FAIL / WARN / EXCP lines and count line; "fail" only when something fails', () => {
        const marks = (out: string) => lines(out).map((line) => /^(FAIL|WARN|EXCP) - |^\d+ tests, |^$/.exec(line)?.[0] ?? line);
        expect(marks(format('atlantis', report))).to.deep.equal(marks(format('atlantis', harmless)));
        expect(format('atlantis', report).match(/^FAIL.*/gm)).to.have.length(format('atlantis', harmless).match(/^FAIL.*/gm)!.length);
        const passing = format('atlantis', judged(passingReport(text), { failOn: 'never' }));
        expect(passing.toLowerCase()).to.not.contain('fail');
        expect(passing).to.not.match(ATLANTIS_HAS_FAILURES);
        expect(lines(passing).at(-2)).to.equal(lines(format('atlantis', judged(passingReport(HARMLESS), { failOn: 'never' }))).at(-2));
      });

      it('text: no escape sequence, even in colour, and the same lines', () => {
        expect(format('text', report)).to.not.contain('\u001b');
        const coloured = format('text', report, { ...PLAIN, color: true });
        expect(coloured.replace(/\u001b\[\d+m/g, '')).to.equal(format('text', report));
      });

      it('markdown: plan text opens no HTML, link, mention, reference, table, fence or heading', () => {
        const out = lines(format('markdown', report));
        const expected = lines(format('markdown', harmless));
        // A fence is as long as it must be to hold the text: only that it is a fence counts.
        const structure = (line: string) => (/^(#{1,6} |\||`{3,}|<\/?details>|- |\*\*)/.exec(line)?.[1] ?? '').replace(/^`+$/, '```');
        expect(out.map(structure)).to.deep.equal(expected.map(structure));
        let fence: string | undefined;
        for (const [i, line] of out.entries()) {
          const run = /^`{3,}/.exec(line)?.[0];
          if (run !== undefined && (fence === undefined || run === fence)) fence = fence === undefined ? run : undefined;
          if (run !== undefined || fence !== undefined) continue;
          expect(markdownSyntax(line), line).to.deep.equal(markdownSyntax(expected[i]!));
        }
      });

      it('junit: well-formed XML with the elements of harmless text, values intact', () => {
        const root = parseXml(format('junit', report));
        expect(elementShape(root)).to.deep.equal(elementShape(parseXml(format('junit', harmless))));
        const spelled = text.replace(
          /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
          (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
        );
        const testcase = allElements(root).find((e) => e.name === 'testcase')!;
        expect(testcase.attributes.name).to.equal(`module.m["${spelled}"].aws_iam_policy.p (inline_policy[0].policy${spelled})`);
        expect(testcase.children[0]!.text).to.contain(`condition keys ${spelled} (ignored`);
      });

      for (const name of ['json', 'sarif', 'gitlab']) {
        it(`${name}: strict JSON whose every string is well-formed Unicode`, () => {
          const out = format(name, report);
          expect(out).to.not.match(/(?<!\\)(\\\\)*\\ud[89a-f]/i);
          const parsed = JSON.parse(out);
          for (const s of jsonStrings(parsed)) expect(s.match(LONE_SURROGATE), JSON.stringify(s)).to.equal(null);
          if (name === 'json') expect(parsed).to.deep.equal(wellFormedCopy(JSON.parse(JSON.stringify(report))));
        });
      }
    });
  }
});
