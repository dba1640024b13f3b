/**
 * The real plans and states of the corpus, mutated, through the library's check(): it never
 * throws, its report is consistent, and a judged policy whose text is made unreadable is listed
 * as invalid and fails the run.
 */
import { expect } from 'chai';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { check } from '../../lib/index.js';
import type { Report } from '../../lib/types.js';
import { propertyParameters } from '../property/settings.js';
import { corpusDir } from '../support/paths.js';
import { requireCorpus } from '../support/shared.js';
import { expectConsistentReport, expectListedInvalid } from './invariants.js';
import { applyByteEdit, applyStructureEdit, applyTextEdit, byteEdit, encode, encoding, structureEdit, textEdit, unreadable } from './mutations.js';

interface CorpusFile {
  readonly name: string;
  readonly bytes: Buffer;
  readonly text: string;
  readonly report: Report;
  /** Judged policies whose text the document holds as a string at a place we can find. */
  readonly policies: readonly { readonly address: string; readonly policyPath: string; readonly text: string }[];
}

/** Resource objects by address: resource_changes' `change.after` (plan) or `values` (state). */
function attributesByAddress(document: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const changes = document.resource_changes;
  if (Array.isArray(changes)) {
    for (const rc of changes as { address?: string; change?: { after?: unknown } }[]) {
      if (typeof rc.address === 'string') out.set(rc.address, rc.change?.after);
    }
    return out;
  }
  const walk = (module: unknown) => {
    if (typeof module !== 'object' || module === null) return;
    const m = module as { resources?: { address?: string; values?: unknown }[]; child_modules?: unknown[] };
    for (const r of m.resources ?? []) if (typeof r.address === 'string') out.set(r.address, r.values);
    for (const child of m.child_modules ?? []) walk(child);
  };
  walk((document.values as { root_module?: unknown } | undefined)?.root_module);
  return out;
}

/** `inline_policy[1].policy` -> ['inline_policy', 1, 'policy']. */
function valueAtPolicyPath(value: unknown, policyPath: string): unknown {
  let current = value;
  for (const part of policyPath.split('.')) {
    const [, name, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(part) ?? [];
    if (name === undefined) return undefined;
    current = (current as Record<string, unknown> | undefined)?.[name];
    if (index !== undefined) current = Array.isArray(current) ? current[Number(index)] : undefined;
  }
  return current;
}

/** Replaces every string equal to `from` anywhere in the value (plan and before/after copies alike). */
function replaceStrings(value: unknown, from: string, to: unknown): unknown {
  if (value === from) return to;
  if (Array.isArray(value)) return value.map((v) => replaceStrings(v, from, to));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replaceStrings(v, from, to)]));
  }
  return value;
}

function firstDocument(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text.replace(/^\ufeff/, '')) as Record<string, unknown>;
  } catch {
    // Some corpus files carry trailing text after the JSON (a CI wrapper's lines).
    const end = text.lastIndexOf('\n}');
    try {
      return end > 0 ? (JSON.parse(text.slice(0, end + 2)) as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
}

async function loadCorpus(): Promise<CorpusFile[]> {
  const files = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.json') && f !== 'EXPECTED.json')
    .sort();
  const out: CorpusFile[] = [];
  for (const name of files) {
    const bytes = readFileSync(path.join(corpusDir, name));
    const text = bytes.toString('utf8');
    const report = await check({ source: name, data: bytes });
    const document = firstDocument(text);
    const attributes = document ? attributesByAddress(document) : new Map<string, unknown>();
    const policies = report.policies
      .filter((p) => p.outcome === 'finding' || p.outcome === 'clean')
      .flatMap((p) => {
        const value = valueAtPolicyPath(attributes.get(p.address), p.policyPath);
        return typeof value === 'string' ? [{ address: p.address, policyPath: p.policyPath, text: value }] : [];
      });
    out.push({ name, bytes, text, report, policies });
  }
  return out;
}

describe('fuzz: corpus mutations through check()', function () {
  this.timeout(600_000);
  let corpus: CorpusFile[] = [];
  before(async function () {
    requireCorpus(this);
    corpus = await loadCorpus();
  });

  const pick = fc.nat();

  it('finds judged policies in the corpus to mutate', () => {
    expect(corpus.length).to.equal(28);
    expect(corpus.flatMap((f) => f.policies).length).to.be.at.least(10);
  });

  it('lists a judged policy made unreadable as invalid and fails the run', async () => {
    const targets = () => corpus.flatMap((file) => file.policies.map((policy) => ({ file, policy })));
    await fc.assert(
      fc.asyncProperty(pick, fc.array(textEdit, { minLength: 1, maxLength: 3 }), async (n, edits) => {
        const all = targets();
        const { file, policy } = all[n % all.length]!;
        const mutated = edits.reduce(applyTextEdit, policy.text);
        fc.pre(mutated !== policy.text);
        const document = replaceStrings(firstDocument(file.text), policy.text, mutated);
        const context = `${file.name} ${policy.address} ${policy.policyPath} edited by ${JSON.stringify(edits)} to ${JSON.stringify(mutated.slice(0, 300))}`;
        const report = await check({ source: file.name, data: Buffer.from(JSON.stringify(document)) });
        expect(report.errors, context).to.deep.equal([]);
        expectConsistentReport(report, context);
        if (unreadable(mutated)) expectListedInvalid(report, policy.address, policy.policyPath, context);
      }),
      propertyParameters(300),
    );
  });

  it('survives type changes and deleted keys anywhere in a document', async () => {
    await fc.assert(
      fc.asyncProperty(pick, fc.array(structureEdit, { minLength: 1, maxLength: 4 }), async (n, edits) => {
        const file = corpus[n % corpus.length]!;
        const document = firstDocument(file.text);
        fc.pre(document !== undefined);
        const changes = edits.map((edit) => applyStructureEdit(document, edit));
        const context = `${file.name} with ${changes.join('; ')}`;
        const report = await check({ source: file.name, data: Buffer.from(JSON.stringify(document)) });
        expectConsistentReport(report, context);
      }),
      propertyParameters(300),
    );
  });

  it('survives damaged bytes and other encodings', async () => {
    await fc.assert(
      fc.asyncProperty(pick, encoding, fc.array(byteEdit, { maxLength: 3 }), async (n, as, edits) => {
        const file = corpus[n % corpus.length]!;
        const bytes = edits.reduce(applyByteEdit, encode(file.text, as));
        const context = `${file.name} as ${as} with ${JSON.stringify(edits)}`;
        const report = await check({ source: file.name, data: bytes });
        expectConsistentReport(report, context);
        if (edits.length === 0 && as !== 'latin1' && as !== 'utf16le') {
          // Only re-encoded (in an encoding that says what it is): the same verdicts.
          expect(
            report.findings.map((f) => [f.address, f.scope]),
            context,
          ).to.deep.equal(file.report.findings.map((f) => [f.address, f.scope]));
          expect(report.summary.passed, context).to.equal(file.report.summary.passed);
        }
      }),
      propertyParameters(300),
    );
  });
});
