/**
 * SpelledValues, the trie of values a policy spells out, through its own methods: which tokens
 * continue a value from a node, which values are spelled for which slot, and the tokens used.
 */
import { expect } from 'chai';
import { ACCOUNT, KEY_ID, NO_VALUE, REGION, SpelledValues } from '../../lib/iam/spelled-values.js';

const text = (s: string) => Array.from(s, (ch) => ch.codePointAt(0)!);
const walk = (values: SpelledValues, s: string) => text(s).reduce((node, t) => values.step(node, t), values.root);

describe('spelled values', () => {
  it('continues each value from the node its prefix leads to, and from no value nowhere', () => {
    const values = new SpelledValues();
    values.add(text('ab'), ACCOUNT);
    values.add(text('ac'), REGION);
    expect([...values.next(values.root)]).to.deep.equal(text('a'));
    expect([...values.next(walk(values, 'a'))].sort()).to.deep.equal(text('bc'));
    expect([...values.next(walk(values, 'ab'))]).to.deep.equal([]);
    expect([...values.next(NO_VALUE)]).to.deep.equal([]);
    expect(walk(values, 'ax')).to.equal(NO_VALUE);
  });

  it('says which slots a value is spelled for', () => {
    const values = new SpelledValues();
    values.add(text('ab'), ACCOUNT);
    values.add(text('ab'), KEY_ID);
    expect([REGION, ACCOUNT, KEY_ID].map((slot) => values.spelled(walk(values, 'ab'), slot))).to.deep.equal([false, true, true]);
    expect(values.spelled(walk(values, 'a'), ACCOUNT)).to.equal(false);
    expect(values.spelled(NO_VALUE, ACCOUNT)).to.equal(false);
  });

  it('knows every token of the values added, and a node for each distinct prefix', () => {
    const values = new SpelledValues();
    values.add(text('ab'), ACCOUNT);
    values.add(text('ba'), ACCOUNT);
    values.add([], ACCOUNT);
    expect([...values.tokens()].sort()).to.deep.equal(text('ab'));
    expect(values.size).to.equal(5);
  });
});
