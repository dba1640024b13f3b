/**
 * Names the kind of text that was given instead of JSON, and what to run instead.
 */
import { quoteExcerpt } from './text-location.js';

const SHOW_JSON = 'run `terraform show -json <planfile>` and pass its output';
/** Enough of the input to recognise it. */
const HEAD_LENGTH = 4096;

/** Lines printed by GitHub's setup-terraform wrapper around Terraform's own output. */
const WRAPPER_LINE = /^(::[a-z-]+( [^:\n]*)?::|\[command\])/;

/** Terragrunt 0.67 and later wrap each line Terraform prints in a log line of their own. */
const TERRAGRUNT_LOG_LINE = /^\d{2}:\d{2}:\d{2}\.\d{3} +(STDOUT|STDERR|INFO|WARN|ERROR|DEBUG|TRACE)\b/;

const HUMAN_PLAN_MARKERS = [
  'Terraform will perform the following actions',
  'OpenTofu will perform the following actions',
  'Terraform used the selected providers',
  'OpenTofu used the selected providers',
  'Refreshing state...',
  'No changes. Your infrastructure matches the configuration.',
  'Plan: ',
  'Changes to Outputs:',
];

const HCL_BLOCK = /^(terraform|resource|data|provider|module|variable|output|locals|moved|import|removed|check|ephemeral)\b[^\n]*\{[ \t]*$/;
const HCL_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_-]*[ \t]*=[ \t]*\S/;
const COMMENT_LINE = /^(#|\/\/|\/\*)/;

/** The first lines that are not blank. */
function firstLines(text: string, count: number): string[] {
  const lines: string[] = [];
  for (const line of text.slice(0, HEAD_LENGTH).split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '') lines.push(trimmed);
    if (lines.length === count) break;
  }
  return lines;
}

export function looksLikeWrapperOutput(line: string): boolean {
  return WRAPPER_LINE.test(line);
}

/** A message for input that is text but does not start with a JSON value. */
export function describeNonJsonText(text: string, offset: number): string {
  const head = text.slice(offset, offset + HEAD_LENGTH);
  const [first = ''] = firstLines(head, 1);
  if (looksLikeWrapperOutput(first)) {
    return "The input starts with lines from GitHub's setup-terraform wrapper, not JSON; set `terraform_wrapper: false` in the setup-terraform step.";
  }
  if (TERRAGRUNT_LOG_LINE.test(first)) {
    return "The input is Terragrunt's log, with Terraform's output inside its lines, not JSON; run terragrunt with `--tf-forward-stdout` (`--terragrunt-forward-tf-stdout` before 0.73) so it prints the JSON as it is.";
  }
  if (head.includes('\u001b[') || HUMAN_PLAN_MARKERS.some((marker) => head.includes(marker))) {
    return `The input is Terraform's human-readable plan output, not JSON; ${SHOW_JSON}.`;
  }
  const meaningful = firstLines(head, 20).find((line) => !COMMENT_LINE.test(line));
  if (meaningful !== undefined && (HCL_BLOCK.test(meaningful) || HCL_ASSIGNMENT.test(meaningful))) {
    return `The input is Terraform configuration (HCL), not JSON; create a plan with \`terraform plan -out=<planfile>\`, then ${SHOW_JSON}.`;
  }
  return `The input is not JSON (it starts with ${quoteExcerpt(text, offset)}); ${SHOW_JSON}.`;
}
