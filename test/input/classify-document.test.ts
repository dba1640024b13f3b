import { expect } from 'chai';
import { classifyDocument, documentKind } from '../../lib/input/index.js';
import { PLAN, STATE } from './catalogue.js';

describe('documentKind', () => {
  const kinds: ReadonlyArray<[string, unknown, 'plan' | 'state']> = [
    ['a plan', PLAN, 'plan'],
    ['a state', STATE, 'state'],
    ['an empty state', { format_version: '1.0' }, 'state'],
    ['an empty state with its Terraform version', { format_version: '0.1', terraform_version: '0.12.0' }, 'state'],
    ['a plan with only a configuration', { format_version: '1.2', configuration: {} }, 'plan'],
    ['a plan with only a prior state', { format_version: '1.2', prior_state: {} }, 'plan'],
    ['a plan with only resource changes', { format_version: '1.2', resource_changes: [] }, 'plan'],
    ['a plan that carries provider schemas', { format_version: '1.2', planned_values: { root_module: {} }, provider_schemas: {} }, 'plan'],
  ];
  for (const [name, value, kind] of kinds) {
    it(`${name} is a ${kind}`, () => {
      expect(documentKind(value)).to.equal(kind);
      expect(classifyDocument(value)).to.deep.equal({ ok: true, kind });
    });
  }

  it('throws a TypeError for a value that is neither', () => {
    expect(() => documentKind({ format_version: '1.0', foo: 1 })).to.throw(TypeError, /^Not a plan or state document: The JSON object is neither/);
    expect(() => documentKind(null)).to.throw(TypeError, 'Not a plan or state document: The input is JSON null, not a plan or state object;');
  });

  it('names the reason it refuses a value', () => {
    const reasons: ReadonlyArray<[unknown, string]> = [
      [[], 'not-object'],
      [{ version: 4, resources: [] }, 'raw-state'],
      [{ '@level': 'info', '@message': 'x' }, 'ui-log'],
      [{ format_version: '1.0', provider_schemas: {} }, 'other-command'],
      [{ values: {} }, 'no-format-version'],
      [{ format_version: 'x', values: {} }, 'bad-format-version'],
      [{ format_version: '10.0', values: {} }, 'unsupported-format-version'],
      [{ format_version: '1.0', values: {}, configuration: {} }, 'plan-and-state'],
      [{ format_version: '1.0', outputs: {} }, 'neither'],
      [{ version: 4, format_version: '1.0', resources: [] }, 'neither'],
    ];
    for (const [value, reason] of reasons) {
      const classification = classifyDocument(value);
      expect(classification.ok ? 'ok' : classification.reason, JSON.stringify(value)).to.equal(reason);
    }
  });

  it('accepts every 0.x and 1.x format_version and refuses other majors', () => {
    for (const version of ['0.1', '0.2', '1.0', '1.2', '1.10']) expect(classifyDocument({ format_version: version }).ok, version).to.equal(true);
    for (const version of ['2.0', '01.0', '-1.0', '1', '1.2.3', ' 1.2', '1.2\n'])
      expect(classifyDocument({ format_version: version }).ok, version).to.equal(false);
  });
});
