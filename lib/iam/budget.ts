/**
 * The work one policy may cost to judge. Glob sets can need exponentially many automaton states,
 * and a policy is evaluated many times over (each reading of its unknown parts, the search for
 * the parts that decide, each partition, the document before the plan): one budget is shared by
 * all of it, so no policy can make a check run for minutes or exhaust memory.
 *
 * Work is counted in steps, not time, so the same policy always gets the same verdict: an
 * automaton state built costs its NFA positions, a transition computed the positions it reads,
 * a key-search state one step per symbol tried from it, a statement read for a blocked action
 * one step.
 */

/** Steps one policy may take to be judged. Every real policy seen takes a small fraction of it. */
export const WORK_LIMIT = 4_000_000;

/** Thrown when a budget runs out: the policy is too complex to judge exactly. */
export class TooComplexError extends Error {
  constructor(readonly budget: WorkBudget) {
    super(`judging it takes more than ${budget.limit} steps`);
  }
}

export class WorkBudget {
  private spent = 0;

  /** With a parent, every step is charged to the parent too. */
  constructor(
    readonly limit: number = WORK_LIMIT,
    private readonly parent?: WorkBudget,
  ) {}

  get used(): number {
    return this.spent;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.spent);
  }

  /**
   * Charges `steps`; throws TooComplexError (naming the budget that ran out) past the limit. A
   * share is checked before its parent, so work on a share runs out of the share first.
   */
  spend(steps: number): void {
    this.spent += steps;
    if (this.spent > this.limit) throw new TooComplexError(this);
    this.parent?.spend(steps);
  }

  /**
   * A budget for optional work (e.g. naming the deciding unknown parts): at most `share` of what
   * is left here, charged here too, so running out of it ends the optional work and leaves the
   * rest of the budget for the verdict.
   */
  share(share: number): WorkBudget {
    return new WorkBudget(Math.floor(this.remaining * share), this);
  }

  /** Did `error` come from this budget running out? */
  ranOut(error: unknown): error is TooComplexError {
    return error instanceof TooComplexError && error.budget === this;
  }
}
