/**
 * argv -> a command with its options. Usage errors print one sentence and give exit code 2
 * (yargs' own exit code 1 would read as "findings" here).
 */
import path from 'node:path';
import yargs from 'yargs';
import { DEFAULT_OPTIONS } from '../lib/check.js';
import { PARTITIONS } from '../lib/iam/types.js';
import { formatNames } from '../lib/report/index.js';
import { RULE_IDS } from '../lib/rules/registry.js';
import type { FailOn, Options } from '../lib/types.js';
import { VERSION } from '../lib/version.js';
import { STDOUT_FILE } from './report-file.js';
import { say, writeStdout } from './standard-streams.js';

export interface OutputTarget {
  readonly format: string;
  /** Undefined: standard output (written `-` on the command line). */
  readonly file?: string;
}

export type ParsedCommand =
  | { readonly command: 'done'; readonly exitCode: number }
  | {
      readonly command: 'check';
      /** Paths; `stdin` stands for standard input. */
      readonly files: readonly string[];
      readonly options: Partial<Options>;
      readonly outputs: readonly OutputTarget[];
      readonly color: boolean;
      /** Whether --fail-on was given explicitly (the atlantis format exits 0 otherwise). */
      readonly failOnGiven: boolean;
      /** `--config FILE`; undefined: `.kmsguard.json` if present. */
      readonly configFile?: string;
    }
  | {
      /** `config`: print the effective configuration; `baseline`: print a baseline of the files' findings. */
      readonly command: 'config' | 'baseline';
      readonly files: readonly string[];
      readonly options: Partial<Options>;
      readonly configFile?: string;
    };

export interface Terminal {
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
}

const STDIN_TOKEN = '\u0000stdin';

/**
 * Splits `--format NAME[:FILE]` values and applies `--output FILE` to the first target without a
 * file. A FILE of `-` is standard output.
 */
export function outputTargets(formats: readonly string[], output: string | undefined): OutputTarget[] {
  const targets: OutputTarget[] = formats.map((value) => {
    const colon = value.indexOf(':');
    if (colon === -1) return { format: value };
    const file = value.slice(colon + 1);
    return file === STDOUT_FILE ? { format: value.slice(0, colon) } : { format: value.slice(0, colon), file };
  });
  if (targets.length === 0) targets.push({ format: 'text' });
  for (const target of targets) {
    if (!formatNames.includes(target.format)) {
      throw new Error(`Unknown format "${target.format}"; choose one of ${formatNames.join(', ')}.`);
    }
    if (target.file === '') throw new Error(`The format "${target.format}:" names no file.`);
  }
  if (output !== undefined && output !== STDOUT_FILE) {
    const index = targets.findIndex((t) => t.file === undefined);
    if (index === -1) throw new Error('--output was given but every --format already names its file.');
    targets[index] = { format: targets[index]!.format, file: output };
  }
  const files = targets.flatMap((t) => (t.file === undefined ? [] : [t.file]));
  const twice = files.find((file, index) => files.findIndex((other) => path.resolve(other) === path.resolve(file)) !== index);
  if (twice !== undefined) throw new Error(`Two formats would be written to ${twice}, the second over the first; give each its own file.`);
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) {
    throw new Error(`Only one format can go to standard output; give the others a file, e.g. --format ${toStdout[1]!.format}:report.out.`);
  }
  return targets;
}

/**
 * A repeatable option's values. Options are not declared `array`, which would swallow the
 * file names after them (`--format json plan.json`); yargs gives an array when repeated.
 */
function repeated(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** Options that take one of a few words; checked here so a wrong one gets one plain sentence. */
const CHOICES = {
  'fail-on': ['high', 'medium', 'low', 'never'],
  partition: PARTITIONS,
  conditions: ['ignore', 'scope'],
} as const;

const SWITCHES = ['strict', 'only-new', 'color', 'help', 'version'];

/**
 * A switch given a value other than true/false (`--strict=yes`) would silently read as false,
 * turning the check it asks for off: refuse it instead.
 */
function switchValueError(args: readonly string[]): string | undefined {
  for (const arg of args) {
    if (arg === '--') return undefined;
    const match = /^--(?:no-)?([a-z-]+)=(.*)$/s.exec(arg);
    if (match && SWITCHES.includes(match[1]!) && match[2] !== 'true' && match[2] !== 'false') {
      return `--${match[1]} is a switch and takes no value (or true/false), but was given "${match[2]}".`;
    }
  }
  return undefined;
}

/** yargs' own messages as one line ending with a full stop. */
function asSentence(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return /[.!?]$/.test(line) ? line : `${line}.`;
}

/** Options that take one value: given twice, yargs gives an array, which no reader of them expects. */
const SINGLE_VALUED = ['output', 'config', 'baseline', 'source-root'] as const;

function choiceError(parsed: Record<string, unknown>): string | undefined {
  for (const name of SINGLE_VALUED) {
    if (Array.isArray(parsed[name])) return `--${name} was given more than once.`;
    if (parsed[name] === '') return `--${name} was given an empty name.`;
  }
  for (const [name, allowed] of Object.entries(CHOICES)) {
    const value = parsed[name];
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    if (values.length > 1) return `--${name} was given more than once.`;
    if (!(allowed as readonly string[]).includes(String(values[0]))) {
      return `--${name} must be one of ${allowed.join(', ')}, but was given "${String(values[0])}".`;
    }
  }
  return undefined;
}

export async function parseArguments(argv: readonly string[], terminal: Terminal): Promise<ParsedCommand> {
  // yargs drops or blanks a lone "-" positional; carry it through as a token of our own.
  // Everything after `--` is a file (`-- -plan.json`); yargs would leave it out of the files.
  const end = argv.indexOf('--');
  const args = (end === -1 ? argv : argv.slice(0, end)).map((a) => (a === '-' ? STDIN_TOKEN : a));
  const afterOptions = end === -1 ? [] : argv.slice(end + 1).map((a) => (a === '-' ? STDIN_TOKEN : a));
  const switchError = switchValueError(args);
  if (switchError !== undefined) {
    say(switchError);
    return { command: 'done', exitCode: 2 };
  }
  let usageError: string | undefined;
  let printed = false;
  const parser = yargs(args)
    .scriptName('kmsguard')
    .usage(
      'Usage: kmsguard [check] [files..]\n\nJudge `terraform show -json` output for IAM policies that allow KMS decryption, or actions that obtain it, with keys they do not name.\nWith no file, or "-", reads standard input.',
    )
    .command(['check [files..]', '$0 [files..]'], 'Judge plans or states (the default command)', (y) =>
      y.positional('files', { type: 'string', array: true, describe: 'Plan or state JSON files ("-" for standard input)' }),
    )
    .command('baseline [files..]', 'Print a baseline of the findings (save it, then check with --baseline FILE)', (y) =>
      y.positional('files', { type: 'string', array: true, describe: 'Plan or state JSON files ("-" for standard input)' }),
    )
    .command('config', 'Print the effective configuration (config file and flags merged) as JSON')
    .option('format', { alias: 'f', type: 'string', requiresArg: true, describe: `Output format, repeatable; NAME or NAME:FILE (${formatNames.join(', ')})` })
    .option('output', { alias: 'o', type: 'string', describe: 'Write the (first) format without a file to FILE instead of standard output' })
    .option('fail-on', {
      type: 'string',
      requiresArg: true,
      describe: `Lowest severity that fails the run: ${CHOICES['fail-on'].join(', ')} [default: ${DEFAULT_OPTIONS.failOn}]`,
    })
    .option('strict', { type: 'boolean', describe: 'Fail the run when a policy is not known until apply' })
    .option('only-new', { type: 'boolean', describe: 'Fail only on findings this plan introduces' })
    .option('partition', {
      type: 'string',
      requiresArg: true,
      describe: `Partition keys are judged in: ${CHOICES.partition.join(', ')} [default: every partition the plan shows, else aws and each other partition the policies' ARN patterns name]`,
    })
    .option('conditions', { type: 'string', requiresArg: true, describe: `How Allow conditions count: ${CHOICES.conditions.join(', ')} [default: ignore]` })
    .option('rule', {
      type: 'string',
      requiresArg: true,
      describe: `Run only this rule, repeatable (${RULE_IDS.join(', ')}) [default: every rule on by default]`,
    })
    .option('skip-rule', { type: 'string', requiresArg: true, describe: 'Do not run this rule, repeatable' })
    .option('principals', {
      type: 'boolean',
      describe: 'Also judge principals: roles, users, groups and permission sets that can decrypt through all their policies together (rule principal-decrypt)',
    })
    .option('blocked-action', {
      type: 'string',
      requiresArg: true,
      describe: "The kms-decrypt rule's blocked action pattern, repeatable [default: kms:Decrypt kms:ReEncryptFrom]",
    })
    .option('config', { type: 'string', requiresArg: true, describe: 'Config file [default: .kmsguard.json if present]' })
    .option('baseline', { type: 'string', requiresArg: true, describe: 'Baseline file: only findings not in it fail the run' })
    .option('source-root', {
      type: 'string',
      requiresArg: true,
      describe:
        "Directory of the root module the plan was made in: findings point at its .tf lines [default: the working directory when it holds the plan's resources]",
    })
    .option('inline-ignores', {
      type: 'boolean',
      describe: 'Honour "# kmsguard:ignore <reason>" comments above blocks (--no-inline-ignores to turn off) [default: true]',
    })
    .option('color', { type: 'boolean', describe: 'Colour text output (--no-color to turn off; NO_COLOR is honoured)' })
    .strict()
    .help()
    .alias('help', 'h')
    .version(VERSION)
    .alias('version', 'V')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((message, error) => {
      usageError = message ?? error?.message ?? 'Invalid command line.';
    });
  let parsed: Awaited<ReturnType<typeof parser.parseAsync>> | undefined;
  try {
    parsed = await parser.parseAsync(args, {}, (_err, _argv, output) => {
      if (output) {
        void writeStdout(`${output}\n`);
        printed = true;
      }
    });
  } catch (error) {
    usageError ??= (error as Error).message;
  }
  if (usageError !== undefined) {
    say(asSentence(usageError));
    return { command: 'done', exitCode: 2 };
  }
  if (printed || parsed === undefined) return { command: 'done', exitCode: 0 };
  const invalidChoice = choiceError(parsed);
  if (invalidChoice !== undefined) {
    say(invalidChoice);
    return { command: 'done', exitCode: 2 };
  }

  const subcommand = String(parsed._[0] ?? '');
  if (subcommand === 'config' && afterOptions.length > 0) {
    say(`Unknown argument: ${argv[end + 1]!}.`);
    return { command: 'done', exitCode: 2 };
  }
  const rawFiles = [...((parsed.files as string[] | undefined) ?? []).map(String), ...afterOptions];
  if (rawFiles.filter((f) => f === STDIN_TOKEN).length > 1) {
    say('Standard input ("-") was given more than once; it can be read only once.');
    return { command: 'done', exitCode: 2 };
  }
  // `stdin` names standard input from here on: a file of that name is `./stdin`.
  const files = rawFiles.length === 0 ? ['stdin'] : rawFiles.map((f) => (f === STDIN_TOKEN ? 'stdin' : f === 'stdin' ? `.${path.sep}stdin` : f));
  let outputs: OutputTarget[];
  try {
    // yargs would blank a lone `-`; it reached here as the standard input token.
    const output = parsed.output === STDIN_TOKEN ? STDOUT_FILE : (parsed.output as string | undefined);
    outputs = outputTargets(repeated(parsed.format), output);
  } catch (error) {
    say((error as Error).message);
    return { command: 'done', exitCode: 2 };
  }
  const read = [...files.filter((f) => f !== 'stdin'), parsed.baseline, parsed.config].filter((f): f is string => typeof f === 'string');
  const overRead = outputs.find((t) => t.file !== undefined && read.some((f) => path.resolve(f) === path.resolve(t.file!)));
  if (overRead !== undefined) {
    say(`The report file ${overRead.file!} is also read by this run; write the report to another file.`);
    return { command: 'done', exitCode: 2 };
  }
  const options: Partial<Options> = {
    ...(parsed['fail-on'] !== undefined ? { failOn: parsed['fail-on'] as FailOn } : {}),
    ...(parsed.strict !== undefined ? { strict: parsed.strict as boolean } : {}),
    ...(parsed['only-new'] !== undefined ? { onlyNew: parsed['only-new'] as boolean } : {}),
    ...(parsed.partition !== undefined ? { partition: parsed.partition as Options['partition'] } : {}),
    ...(parsed.conditions !== undefined ? { conditions: parsed.conditions as Options['conditions'] } : {}),
    ...(parsed['blocked-action'] !== undefined ? { blockedActions: repeated(parsed['blocked-action']) } : {}),
    ...(parsed.rule !== undefined ? { rules: repeated(parsed.rule) } : {}),
    ...(parsed['skip-rule'] !== undefined ? { skipRules: repeated(parsed['skip-rule']) } : {}),
    ...(parsed.principals !== undefined ? { principals: parsed.principals as boolean } : {}),
    ...(parsed.baseline !== undefined ? { baseline: parsed.baseline as string } : {}),
    ...(parsed['source-root'] !== undefined ? { sourceRoot: parsed['source-root'] as string } : {}),
    ...(parsed['inline-ignores'] !== undefined ? { inlineIgnores: parsed['inline-ignores'] as boolean } : {}),
  };
  const configFile = parsed.config !== undefined ? { configFile: parsed.config as string } : {};
  if (subcommand === 'config' || subcommand === 'baseline') return { command: subcommand, files, options, ...configFile };
  const colorFlag = parsed.color as boolean | undefined;
  const color = colorFlag ?? (terminal.stdoutIsTTY && !('NO_COLOR' in process.env && process.env.NO_COLOR !== ''));
  return { command: 'check', files, options, outputs, color, failOnGiven: parsed['fail-on'] !== undefined, ...configFile };
}
