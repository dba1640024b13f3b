#!/usr/bin/env node
/**
 * The command line: argv -> options, call the library, write reports, set the exit code.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArguments, type ParsedCommand } from './arguments.js';
import { check, DEFAULT_OPTIONS, OptionsError, resolveBlockedActions } from '../lib/check.js';
import { ConfigError, effectiveConfig, loadConfig, readBaselineFile, resolveOptions, type ResolvedOptions } from '../lib/config/index.js';
import { readStdinInput } from '../lib/input/read-bytes.js';
import { ProgressLine, progressWanted } from '../lib/input/scan-progress.js';
import { loadFormatter } from '../lib/report/index.js';
import { baselineOf, formatBaseline } from '../lib/rules/baseline.js';
import { exitCodeFor } from '../lib/rules/summary.js';
import type { Options, Report } from '../lib/types.js';

const STDIN = 'stdin';

function fail(message: string): never {
  process.stderr.write(`kmsguard: ${message}\n`);
  process.exit(2);
}

function describeSource(source: string, position?: number): string {
  return position === undefined ? source : `${source} (document ${position})`;
}

function printDiagnostics(report: Report): void {
  for (const warning of report.warnings) process.stderr.write(`kmsguard: warning: ${describeSource(warning.source, warning.position)}: ${warning.message}\n`);
  for (const error of report.errors) process.stderr.write(`kmsguard: ${describeSource(error.source, error.position)}: ${error.message}\n`);
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    fail(`Could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

/** Defaults < config file (`--config`, else `.kmsguard.json` if present) < command-line flags. */
async function resolveRunOptions(command: { readonly options: Partial<Options>; readonly configFile?: string }): Promise<ResolvedOptions> {
  const config = await loadConfig({ cwd: process.cwd(), ...(command.configFile !== undefined ? { file: command.configFile } : {}) });
  return resolveOptions(DEFAULT_OPTIONS, config, command.options);
}

async function readInputs(files: readonly string[], progress?: ProgressLine) {
  const inputs = [];
  for (const file of files) {
    if (file === STDIN) {
      if (process.stdin.isTTY) fail('No input: give a plan file, or pipe `terraform show -json` output into kmsguard.');
      const read = progress && ((bytes: number) => progress.update({ phase: 'read', source: STDIN, bytes }));
      // A very large input is spooled to a temporary file, removed when the process ends.
      const input = await readStdinInput(process.stdin, read);
      if ('path' in input) process.once('exit', input.remove);
      inputs.push('path' in input ? { source: STDIN, path: input.path } : { source: STDIN, data: input.data });
    } else {
      inputs.push(file);
    }
  }
  return inputs;
}

async function runCheck(command: Extract<ParsedCommand, { command: 'check' }>): Promise<number> {
  const { options } = await resolveRunOptions(command);
  // A progress line on standard error, for large inputs and a person at a terminal only.
  const progress = progressWanted({ stderrIsTTY: Boolean(process.stderr.isTTY), env: process.env }) ? new ProgressLine((text) => process.stderr.write(text)) : undefined;
  let report: Report;
  try {
    const inputs = await readInputs(command.files, progress);
    // The working directory is the source root when it holds the plan's root module.
    report = await check(inputs, { ...options, findSourceRoot: true }, progress !== undefined ? { progress: progress.update } : {});
  } catch (error) {
    progress?.finish();
    if (error instanceof OptionsError) fail(error.message);
    throw error;
  }
  progress?.finish();
  printDiagnostics(report);
  for (const output of command.outputs) {
    const formatter = await loadFormatter(output.format);
    const color = output.file === undefined && command.color;
    const text = formatter(report, { color, failOn: options.failOn, onlyNew: options.onlyNew, strict: options.strict });
    if (output.file === undefined) process.stdout.write(text);
    else await writeOutput(output.file, text);
    if (output.format === 'github' && process.env.GITHUB_STEP_SUMMARY) {
      const markdown = await loadFormatter('markdown');
      await appendFile(process.env.GITHUB_STEP_SUMMARY, markdown(report, { color: false, failOn: options.failOn, onlyNew: options.onlyNew, strict: options.strict }));
    }
  }
  const code = exitCodeFor(report);
  // Atlantis policy checks read a non-zero exit as an error of the check, not as a failure.
  if (code === 1 && command.outputs.some((o) => o.format === 'atlantis') && !command.failOnGiven) return 0;
  return code;
}

async function runConfig(command: Extract<ParsedCommand, { command: 'config' | 'baseline' }>): Promise<number> {
  const resolved = await resolveRunOptions(command);
  const expanded = resolveBlockedActions(resolved.options.blockedActions);
  if (resolved.options.baseline !== undefined) await readBaselineFile(resolved.options.baseline);
  process.stdout.write(`${JSON.stringify(effectiveConfig(resolved, expanded), null, 2)}\n`);
  return 0;
}

/** Prints the baseline of every finding (suppressed or not); nothing when an input is unusable. */
async function runBaseline(command: Extract<ParsedCommand, { command: 'config' | 'baseline' }>): Promise<number> {
  // Source locations and inline ignores play no part in a baseline (it holds every finding by fingerprint).
  const { suppressions: _suppressions, baseline: _baseline, sourceRoot: _sourceRoot, ...options } = (await resolveRunOptions(command)).options;
  const report = await check(await readInputs(command.files), options);
  printDiagnostics(report);
  if (report.errors.length > 0) return 2;
  process.stdout.write(formatBaseline(baselineOf(report.findings)));
  return 0;
}

async function main(): Promise<void> {
  const command = await parseArguments(process.argv.slice(2), { stdinIsTTY: Boolean(process.stdin.isTTY), stdoutIsTTY: Boolean(process.stdout.isTTY) });
  switch (command.command) {
    case 'done':
      process.exitCode = command.exitCode;
      return;
    case 'check':
      process.exitCode = await runCheck(command);
      return;
    case 'config':
      process.exitCode = await runConfig(command);
      return;
    case 'baseline':
      process.exitCode = await runBaseline(command);
      return;
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const line of error.message.split('\n')) process.stderr.write(`kmsguard: ${line}\n`);
    process.exit(2);
  }
  if (error instanceof OptionsError) fail(error.message);
  const message = error instanceof Error ? error.message : String(error);
  fail(`Internal error: ${message.split('\n')[0]}`);
});
