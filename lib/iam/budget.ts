/**
 * The work one policy may cost to judge. Glob sets can need exponentially many automaton states,
 * and a policy is evaluated many times over (each reading of its unknown parts, the search for
 * the parts that decide, each partition, the document before the plan): one budget is shared by
 * all of it, so no policy can make a check run for minutes or exhaust memory. A policy's budget
 * may draw on a larger one (a whole check's), so that many expensive policies cannot either.
 *
 * Work is counted in steps, not time, so the same input always gets the same verdicts: an
 * automaton state built costs its NFA positions, a transition computed the positions it reads,
 * a key-search state one step per symbol tried from it, a statement read for a blocked action
 * one step, a Resource pattern read a step per character.
 */

/** Steps one policy may take to be judged. Every real policy seen takes a small fraction of it. */
export const WORK_LIMIT = 4_000_000;

/** Thrown when a budget runs out: the policy is too complex to judge exactly. */
export class TooComplexError extends Error {
  constructor(readonly budget: WorkBudget) {
    super(`${budget.what} takes more than ${budget.limit} steps`);
  }
}

export class WorkBudget {
  private spent = 0;
  private allowed: number;

  /**
   * With a parent, every step is charged to the parent too. `what` names the work in the message
   * of the error it throws when it runs out.
   */
  constructor(
    limit: number = WORK_LIMIT,
    private readonly parent?: WorkBudget,
    readonly what: string = 'judging it',
  ) {
    this.allowed = limit;
  }

  get limit(): number {
    return this.allowed;
  }

  get used(): number {
    return this.spent;
  }

  get remaining(): number {
    return Math.max(0, this.allowed - this.spent);
  }

  /** Raises the limit by `steps` (a check's budget grows with the policies it judges). */
  widen(steps: number): void {
    this.allowed += steps;
  }

  /**
   * Charges `steps`; throws TooComplexError (naming the budget that ran out) past the limit. A
   * budget is checked before its parent, so work on a share runs out of the share first.
   */
  spend(steps: number): void {
    this.spent += steps;
    if (this.spent > this.allowed) throw new TooComplexError(this);
    this.parent?.spend(steps);
  }

  /**
   * A budget for optional work (e.g. naming the deciding unknown parts): at most `share` of what
   * is left here, charged here too, so running out of it ends the optional work and leaves the
   * rest of the budget for the verdict.
   */
  share(share: number): WorkBudget {
    return new WorkBudget(Math.floor(this.remaining * share), this, this.what);
  }

  /** Did `error` come from this budget running out (not one it draws on)? */
  ranOut(error: unknown): error is TooComplexError {
    return error instanceof TooComplexError && error.budget === this;
  }

  /** Did `error` come from this budget or one it draws on running out? */
  ranOutWithin(error: unknown): error is TooComplexError {
    return error instanceof TooComplexError && (error.budget === this || (this.parent?.ranOutWithin(error) ?? false));
  }
}
