/**
 * The values a policy spells out, per key-ARN slot (region, account, key id), as a trie the key
 * search walks while it writes a slot: at the end of the slot, the trie says whether the text
 * written equals a spelled value.
 */
import type { Token } from './glob.js';

export const REGION = 1;
export const ACCOUNT = 2;
export const KEY_ID = 4;
export type SlotMask = number;

/** The trie node for text that is a prefix of no spelled value. */
export const NO_VALUE = -1;

export class SpelledValues {
  private readonly children: Map<Token, number>[] = [new Map()];
  private readonly slots: number[] = [0];
  private readonly symbols = new Set<Token>();
  readonly root = 0;

  /** Records a value as spelled out for the given slots. */
  add(value: readonly Token[], slots: SlotMask): void {
    if (value.length === 0) return;
    let node = 0;
    for (const token of value) {
      this.symbols.add(token);
      let next = this.children[node]!.get(token);
      if (next === undefined) {
        next = this.children.length;
        this.children.push(new Map());
        this.slots.push(0);
        this.children[node]!.set(token, next);
      }
      node = next;
    }
    this.slots[node]! |= slots;
  }

  get size(): number {
    return this.children.length;
  }

  /** Every token used by some spelled value. */
  tokens(): ReadonlySet<Token> {
    return this.symbols;
  }

  step(node: number, token: Token): number {
    if (node === NO_VALUE) return NO_VALUE;
    return this.children[node]!.get(token) ?? NO_VALUE;
  }

  /** Is the text that led to `node` a spelled value for the slot? */
  spelled(node: number, slot: SlotMask): boolean {
    return node !== NO_VALUE && (this.slots[node]! & slot) !== 0;
  }
}
