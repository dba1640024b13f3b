/**
 * The values a policy spells out, per key-ARN slot (region, account, key id), as a trie the key
 * search walks while it writes a slot: at the end of the slot, the trie says whether the text
 * written equals a spelled value. Nodes live in flat arrays (first child / next sibling).
 */
import type { Token } from './glob.js';

export const REGION = 1;
export const ACCOUNT = 2;
export const KEY_ID = 4;
type SlotMask = number;

/** The trie node for text that is a prefix of no spelled value. */
export const NO_VALUE = -1;

export class SpelledValues {
  private readonly token: Token[] = [0];
  // Stryker disable next-line ArrayDeclaration: a child index is only tested by `>= 0`, where an absent entry (undefined) fails like -1
  private readonly firstChild: number[] = [-1];
  // Stryker disable next-line UnaryOperator: the root is no node's child, so its next sibling is never read
  private readonly nextSibling: number[] = [-1];
  // Stryker disable next-line ArrayDeclaration: slots are only read by `& slot` and written by `|=`, where an absent entry acts as 0
  private readonly slots: number[] = [0];
  // Stryker disable next-line ArrayDeclaration: an absent entry reads as undefined, the same as the one stored
  private readonly childLists: (Token[] | undefined)[] = [undefined];
  private readonly symbols = new Set<Token>();
  readonly root = 0;

  /** Records a value as spelled out for the given slots. */
  add(value: readonly Token[], slots: SlotMask): void {
    if (value.length === 0) return;
    let node = 0;
    for (const t of value) {
      this.symbols.add(t);
      let next = this.step(node, t);
      if (next === NO_VALUE) {
        next = this.token.length;
        this.token.push(t);
        this.firstChild.push(-1);
        this.nextSibling.push(this.firstChild[node]!);
        // Stryker disable next-line CallExpression: slots are only read by `& slot` and written by `|=`, where an absent entry acts as 0
        this.slots.push(0);
        // Stryker disable next-line CallExpression: an absent entry reads as undefined, the same as the one stored
        this.childLists.push(undefined);
        this.firstChild[node] = next;
        this.childLists[node] = undefined;
      }
      node = next;
    }
    this.slots[node]! |= slots;
  }

  get size(): number {
    return this.token.length;
  }

  /** Every token used by some spelled value. */
  tokens(): ReadonlySet<Token> {
    return this.symbols;
  }

  /** The tokens that continue some spelled value from `node`. */
  next(node: number): readonly Token[] {
    if (node === NO_VALUE) return [];
    let list = this.childLists[node];
    if (!list) {
      list = [];
      for (let child = this.firstChild[node]!; child >= 0; child = this.nextSibling[child]!) list.push(this.token[child]!);
      this.childLists[node] = list;
    }
    return list;
  }

  step(node: number, t: Token): number {
    if (node === NO_VALUE) return NO_VALUE;
    for (let child = this.firstChild[node]!; child >= 0; child = this.nextSibling[child]!) if (this.token[child] === t) return child;
    return NO_VALUE;
  }

  /** Is the text that led to `node` a spelled value for the slot? */
  spelled(node: number, slot: SlotMask): boolean {
    return node !== NO_VALUE && (this.slots[node]! & slot) !== 0;
  }
}
