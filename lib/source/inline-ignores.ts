/**
 * Inline ignores: `# kmsguard:ignore <reason> [exp:YYYY-MM-DD]` (or `//`) on the line above a
 * resource, data source or statement block suppresses the findings located in that block,
 * through the same mechanism as the config file's suppressions.
 */
import type { Finding, InputWarning } from '../types.js';
import { applySuppressions, hasExpired } from '../gate/suppressions.js';
import type { HclFile } from './hcl-files.js';
import type { HclNode } from './hcl-parser.js';
import type { LocatedBlock } from './locate.js';

const MARKER = /^(?:#|\/\/)\s*kmsguard:ignore(?=\s|$)(.*)$/;
const EXPIRY = /(?:^|\s)exp:(\S*)/;
const DATE = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;

/** One ignore comment: where it is, and its reason and expiry, or why it cannot be used. */
interface InlineIgnore {
  readonly file: string;
  readonly line: number;
  readonly reason?: string;
  readonly expires?: string;
  readonly problem?: string;
}

/** Reads an ignore comment's text; undefined when the comment is not one. */
export function parseIgnoreComment(comment: string, file: string, line: number): InlineIgnore | undefined {
  const match = MARKER.exec(comment.trim());
  if (!match) return undefined;
  let rest = match[1]!;
  let expires: string | undefined;
  const expiry = EXPIRY.exec(rest);
  if (expiry) {
    expires = expiry[1]!;
    rest = rest.replace(EXPIRY, ' ');
    if (!DATE.test(expires)) return { file, line, problem: `its expiry "exp:${expires}" is not a date (exp:YYYY-MM-DD)` };
    // Which of two expiries holds is anyone's guess: a reader may see the earlier one and take the ignore for expired.
    if (EXPIRY.test(rest)) return { file, line, problem: 'it gives more than one expiry (exp:YYYY-MM-DD)' };
  }
  const reason = rest.trim();
  if (reason === '') return { file, line, problem: 'it gives no reason (# kmsguard:ignore <reason>)' };
  return { file, line, reason, ...(expires !== undefined ? { expires } : {}) };
}

function comments(node: HclNode, into: HclNode[]): HclNode[] {
  if (node.type === 'comment') into.push(node);
  for (const child of node.children) comments(child, into);
  return into;
}

/** Whether only white space comes before `offset` on its line. */
function opensLine(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(lineStart, offset).trim() === '';
}

const TRAILING = 'it follows code on its line, which it belongs to; put it on a line of its own directly above the block';

/**
 * Every ignore comment of a file, by line. A comment after code on its line (`statement { ... }
 * # kmsguard:ignore ...`) is about that code, not the block on the next line: it is not applied.
 */
function ignoresIn(file: HclFile): Map<number, InlineIgnore> {
  const found = new Map<number, InlineIgnore>();
  for (const node of comments(file.root, [])) {
    const ignore = parseIgnoreComment(file.text.slice(node.startIndex, node.endIndex), file.display, node.startLine);
    if (!ignore) continue;
    found.set(node.startLine, opensLine(file.text, node.startIndex) ? ignore : { file: ignore.file, line: ignore.line, problem: TRAILING });
  }
  return found;
}

function where(ignore: InlineIgnore): string {
  return `kmsguard:ignore at line ${ignore.line}`;
}

/**
 * Suppresses each finding whose located blocks have an ignore on the line above (the innermost
 * block's ignore first), and reports ignores that cannot be used, have expired or match nothing.
 * An ignore above a statement accepts a finding only when that statement alone grants it: one
 * reviewed statement must not accept another added beside it.
 */
export function applyInlineIgnores(
  findings: readonly Finding[],
  blocksOf: (finding: Finding) => readonly LocatedBlock[] | undefined,
  files: readonly HclFile[],
  today: string,
): { findings: Finding[]; warnings: InputWarning[] } {
  const byFile = new Map(files.map((file) => [file.display, ignoresIn(file)]));
  const covered = new Map<InlineIgnore, Finding[]>();
  // Ignores above a statement whose finding other statements grant too: they accept only their own.
  const partly = new Map<InlineIgnore, Finding>();
  for (const finding of findings) {
    for (const block of blocksOf(finding) ?? []) {
      const ignore = byFile.get(block.file.display)?.get(block.node.startLine - 1);
      if (ignore === undefined || ignore.problem !== undefined) continue;
      if (block.statement === true && finding.statements.length > 1) {
        if (!partly.has(ignore)) partly.set(ignore, finding);
        continue;
      }
      let list = covered.get(ignore);
      if (!list) covered.set(ignore, (list = []));
      list.push(finding);
      break;
    }
  }
  const marked = new Map<Finding, Finding>();
  for (const [ignore, list] of covered) {
    const rule = { address: '*', reason: ignore.reason!, ...(ignore.expires !== undefined ? { expires: ignore.expires } : {}) };
    const outcome = applySuppressions(
      list.filter((f) => f.suppressed === undefined),
      [rule],
      today,
    );
    for (const [i, finding] of outcome.findings.entries()) marked.set(list.filter((f) => f.suppressed === undefined)[i]!, finding);
  }
  const warnings: InputWarning[] = [];
  for (const ignores of byFile.values()) {
    for (const ignore of ignores.values()) {
      const count = covered.get(ignore)?.length ?? 0;
      if (ignore.problem !== undefined) warnings.push({ source: ignore.file, message: `The ${where(ignore)} is not applied: ${ignore.problem}.` });
      else if (hasExpired(ignore, today)) {
        const reach = count === 0 ? 'it matches no finding' : `it would match ${count} finding${count === 1 ? '' : 's'}`;
        warnings.push({ source: ignore.file, message: `The ${where(ignore)} expired on ${ignore.expires} and no longer applies; ${reach}.` });
      } else if (count === 0 && partly.has(ignore)) {
        const finding = partly.get(ignore)!;
        const others = finding.statements.length - 1;
        const message = `The ${where(ignore)} is not applied: the finding of ${finding.address} (${finding.policyPath}) it is above comes from ${others} other statement${others === 1 ? '' : 's'} too; put it above the data source or resource block to accept the whole policy.`;
        warnings.push({ source: ignore.file, message });
      } else if (count === 0) warnings.push({ source: ignore.file, message: `The ${where(ignore)} matched no finding; remove it if it is no longer needed.` });
    }
  }
  return { findings: findings.map((finding) => marked.get(finding) ?? finding), warnings };
}
