/**
 * Turns a policy with unknown parts into concrete statements, each unknown part taking its most
 * or least permissive value.
 *
 * Most permissive: unknown Allow Action/Resource items match everything, unknown Allow NotAction/
 * NotResource items match nothing; for a Deny the reverse; an unknown Effect is Allow; an unknown
 * Deny Condition is present (the Deny removes nothing), an unknown Allow Condition absent; unknown
 * statements are an Allow of `*` on `*`. Least permissive is the mirror image: an unknown Effect
 * is Deny (with the statement's known elements, and its Condition if it has a known one), an
 * unknown Deny Condition absent (the Deny applies), an unknown Allow Condition present, and unknown
 * statements a Deny of `*` on `*` without a Condition (they may turn out to be exactly that, so
 * nothing next to them is allowed whatever they are). A `oneKey` unknown in Resource/NotResource
 * is the ARN of one key: it matches no key the policy does not name in either case, so it is
 * never a choice.
 *
 * Inside a known Condition of an Allow, an unknown value of a test whose values decide which
 * keys it grants (conditions.ts) is, at its most permissive, `ANY_VALUE` (whatever value grants
 * most) and, at its least, left as it is (one fixed value, like a policy variable). On a Deny, a
 * known Condition with a test disarms it whatever the values are.
 */
import { ANY_VALUE, valuesNarrowKeys } from './conditions.js';
import type { ConditionTest, PatternList, Policy, Statement, UnknownValue } from './types.js';

export interface ConcreteItem {
  /** What the policy says: the pattern, or a description of the unknown value. */
  readonly text: string;
  /** The glob the item stands for; undefined when it matches nothing. */
  readonly pattern?: string;
  /** True when the item is a known string of the document (its segments count as spelled out). */
  readonly known: boolean;
}

export interface ConcreteCondition {
  readonly tests: readonly ConditionTest[];
  /** True when the condition is unknown and taken as present: its tests are not known. */
  readonly opaque: boolean;
}

export interface ConcreteStatement {
  /** The statement of the policy; undefined for the stand-in for unknown statements. */
  readonly original?: Statement;
  readonly effect: 'Allow' | 'Deny';
  readonly actionNegated: boolean;
  readonly actions: readonly ConcreteItem[];
  readonly resourceNegated: boolean;
  readonly resources: readonly ConcreteItem[];
  /** Undefined when the statement has no Condition. */
  readonly condition?: ConcreteCondition;
}

/** Says, for the n-th unknown part met, whether it takes its most permissive value. */
export type Chooser = (index: number, unknown: UnknownValue) => boolean;

export function isUnknown(value: unknown): value is UnknownValue {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

function describeUnknown(unknown: UnknownValue): string {
  return `(known after apply: ${unknown.detail})`;
}

const EVERYTHING = '*';

class Instantiation {
  private count = 0;
  constructor(private readonly choose: Chooser) {}

  private permissive(unknown: UnknownValue): boolean {
    return this.choose(this.count++, unknown);
  }

  statement(statement: Statement): ConcreteStatement {
    const effect = isUnknown(statement.effect) ? (this.permissive(statement.effect) ? 'Allow' : 'Deny') : statement.effect;
    const allow = effect === 'Allow';
    const actionNegated = statement.action === undefined;
    const actions = this.items(actionNegated ? statement.notAction! : statement.action!, allow, actionNegated, false);
    const resourceNegated = statement.resource === undefined;
    const resources = this.items(resourceNegated ? statement.notResource! : statement.resource!, allow, resourceNegated, true);
    const concrete = { original: statement, effect, actionNegated, actions, resourceNegated, resources } as const;
    const condition = this.condition(statement.condition, allow);
    return condition ? { ...concrete, condition } : concrete;
  }

  /**
   * An unknown item matches everything when that makes the policy more permissive and the choice
   * is "most" (or less permissive and the choice is "least"): for an Allow's Action/Resource, a
   * Deny's NotAction/NotResource.
   */
  private items(list: PatternList | UnknownValue, allow: boolean, negated: boolean, resource: boolean): ConcreteItem[] {
    const values = isUnknown(list) ? [list] : list;
    return values.map((value) => {
      if (!isUnknown(value)) return { text: value, pattern: value, known: true };
      const text = describeUnknown(value);
      // Stryker disable next-line BooleanLiteral: `known` is read only for an item with a pattern (for its spelled segments)
      if (resource && value.oneKey) return { text, known: false };
      const everythingPermits = allow !== negated;
      // Stryker disable next-line BooleanLiteral: `*` spells no segment, and `known` is read only for an item with a pattern
      if (this.permissive(value) === everythingPermits) return { text, pattern: EVERYTHING, known: false };
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: an item that matches nothing is named in no verdict (judge.ts reports the least permissive reading, where such items are Allow Action/Resource items, named only when they match, or Deny items); without its text and flag it still matches nothing
      return { text, known: false };
    });
  }

  private condition(condition: Statement['condition'], allow: boolean): ConcreteCondition | undefined {
    if (condition === undefined) return undefined;
    if (!isUnknown(condition)) return { tests: allow ? condition.map((test) => this.conditionTest(test)) : condition, opaque: false };
    // A present Condition narrows an Allow (in `scope` mode) and disarms a Deny.
    // Stryker disable next-line ArrayDeclaration: an opaque condition's tests are never read (every reader checks `opaque` first)
    return this.permissive(condition) !== allow ? { tests: [], opaque: true } : undefined;
  }

  private conditionTest(test: ConditionTest): ConditionTest {
    // Stryker disable next-line LogicalOperator: a test this lets through has no unknown value (mapped to itself) or narrows no keys (its values are never read; its unknown values only become choices that decide nothing, which judge.ts drops)
    if (!test.values.some(isUnknown) || !valuesNarrowKeys(test)) return test;
    return { ...test, values: test.values.map((value) => (isUnknown(value) && this.permissive(value) ? ANY_VALUE : value)) };
  }

  unknownStatements(unknown: UnknownValue | undefined): ConcreteStatement[] {
    if (!unknown) return [];
    const effect = this.permissive(unknown) ? 'Allow' : 'Deny';
    // Stryker disable next-line BooleanLiteral: `*` spells no segment, so `known` changes nothing for it
    const everything: ConcreteItem[] = [{ text: describeUnknown(unknown), pattern: EVERYTHING, known: false }];
    return [{ effect, actionNegated: false, actions: everything, resourceNegated: false, resources: everything }];
  }
}

function instantiateWith(run: Instantiation, policy: Policy): ConcreteStatement[] {
  const statements = policy.statements.map((statement) => run.statement(statement));
  return [...statements, ...run.unknownStatements(policy.unknownStatements), ...spelledOnlyStatement(policy.spelledOnly)];
}

/**
 * Patterns that match no key but spell out their segments, as a statement that acts on no
 * action: it only adds to what the policy spells out.
 */
function spelledOnlyStatement(patterns: readonly string[] | undefined): ConcreteStatement[] {
  if (patterns === undefined || patterns.length === 0) return [];
  const resources = patterns.map((pattern) => ({ text: pattern, pattern, known: true }));
  return [{ effect: 'Deny', actionNegated: false, actions: [], resourceNegated: false, resources }];
}

/** The policy's statements with every unknown part decided by `choose`. */
export function instantiate(policy: Policy, choose: Chooser): ConcreteStatement[] {
  return instantiateWith(new Instantiation(choose), policy);
}

/**
 * Several policies' statements, their unknown parts numbered in one sequence (the first policy's,
 * then the next one's), so that one chooser decides all of them.
 */
export function instantiateAll(policies: readonly Policy[], choose: Chooser): ConcreteStatement[][] {
  const run = new Instantiation(choose);
  return policies.map((policy) => instantiateWith(run, policy));
}
