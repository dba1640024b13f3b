#!/usr/bin/env node
/**
 * The command line: argv -> options, call the library, write reports, set the exit code.
 */
import { appendFile } from 'node:fs/promises';
import { parseArguments, type ParsedCommand } from './arguments.js';
import { writeReportFile } from './report-file.js';
import { CommandLineExit, describeWriteError, exitCodeAfterOutput, guardStandardStreams, say, writeStdout } from './standard-streams.js';
import { check, DEFAULT_OPTIONS, OptionsError, resolveBlockedActions, resolveRules } from '../lib/check.js';
import { ConfigError, effectiveConfig, loadConfig, readBaselineFile, resolveOptions, type ResolvedOptions } from '../lib/config/index.js';
import { readStdinInput } from '../lib/input/read-bytes.js';
import { ProgressLine, progressWanted } from '../lib/input/progress.js';
import { loadFormatter } from '../lib/report/index.js';
import { jsonText } from '../lib/report/json-text.js';
import { baselineOf, formatBaseline } from '../lib/gate/baseline.js';
import { exitCodeFor } from '../lib/gate/summary.js';
import { removeOnExit } from './temporary-files.js';
import type { Options, Report } from '../lib/types.js';

const STDIN = 'stdin';

function describeSource(source: string, position?: number): string {
  return position === undefined ? source : `${source} (document ${position})`;
}

function printDiagnostics(report: Report): void {
  for (const warning of report.warnings) say(`warning: ${describeSource(warning.source, warning.position)}: ${warning.message}`);
  for (const error of report.errors) say(`${describeSource(error.source, error.position)}: ${error.message}`);
}

/** The GitHub runner owns the step summary file: append to it, and never fail the run over it. */
async function appendStepSummary(file: string, markdown: string): Promise<void> {
  try {
    await appendFile(file, markdown);
  } catch (error) {
    say(`warning: could not append the summary to $GITHUB_STEP_SUMMARY (${file}): ${describeWriteError(error)}.`);
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
      if (process.stdin.isTTY) throw new CommandLineExit('No input: give a plan file, or pipe `terraform show -json` output into kmsguard.');
      const read = progress && ((bytes: number) => progress.update({ phase: 'read', source: STDIN, bytes }));
      // A very large input is spooled to a temporary file, removed when the process ends or is
      // stopped (also while it is still being read).
      const input = await readStdinInput(process.stdin, read, removeOnExit);
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
  const progress = progressWanted({ stderrIsTTY: Boolean(process.stderr.isTTY), env: process.env })
    ? new ProgressLine((text) => process.stderr.write(text))
    : undefined;
  let report: Report;
  try {
    const inputs = await readInputs(command.files, progress);
    // The working directory is the source root when it holds the plan's root module.
    report = await check(inputs, { ...options, findSourceRoot: true }, progress !== undefined ? { progress: progress.update } : {});
  } catch (error) {
    progress?.finish();
    throw error;
  }
  progress?.finish();
  printDiagnostics(report);
  // Every report is made before any is written: a formatter that throws leaves no file behind.
  const texts: { readonly format: string; readonly file?: string; readonly text: string }[] = [];
  for (const output of command.outputs) {
    const formatter = await loadFormatter(output.format);
    texts.push({ ...output, text: formatter(report, { color: output.file === undefined && command.color }) });
  }
  // A report file from a run that could not use its input would read as a verdict on it.
  const unusable = report.errors.length > 0;
  let writeFailed = false;
  for (const { format, file, text } of texts) {
    if (file === undefined) await writeStdout(text);
    else if (unusable) say(`No report written to ${file}: an input could not be used.`);
    else {
      try {
        await writeReportFile(file, text);
      } catch (error) {
        if (!(error instanceof CommandLineExit)) throw error;
        say(error.message);
        writeFailed = true;
      }
    }
    if (format === 'github' && process.env.GITHUB_STEP_SUMMARY) {
      const markdown = await loadFormatter('markdown');
      await appendStepSummary(process.env.GITHUB_STEP_SUMMARY, markdown(report, { color: false }));
    }
  }
  if (writeFailed) return 2;
  const code = exitCodeFor(report);
  // Atlantis policy checks read a non-zero exit as an error of the check, not as a failure.
  if (code === 1 && command.outputs.some((o) => o.format === 'atlantis') && !command.failOnGiven) return 0;
  return code;
}

async function runConfig(command: Extract<ParsedCommand, { command: 'config' | 'baseline' }>): Promise<number> {
  const resolved = await resolveRunOptions(command);
  const expanded = resolveBlockedActions(resolved.options.blockedActions);
  const rules = resolveRules(resolved.options).map(({ rule, blockedActions }) => ({ id: rule.id, blockedActions }));
  if (resolved.options.baseline !== undefined) await readBaselineFile(resolved.options.baseline);
  await writeStdout(`${jsonText(effectiveConfig(resolved, expanded, rules))}\n`);
  return 0;
}

/** Prints the baseline of every finding (suppressed or not); nothing when an input is unusable. */
async function runBaseline(command: Extract<ParsedCommand, { command: 'config' | 'baseline' }>): Promise<number> {
  // Source locations and inline ignores play no part in a baseline (it holds every finding by fingerprint).
  const { suppressions: _suppressions, baseline: _baseline, sourceRoot: _sourceRoot, ...options } = (await resolveRunOptions(command)).options;
  const report = await check(await readInputs(command.files), options);
  printDiagnostics(report);
  if (report.errors.length > 0) return 2;
  await writeStdout(formatBaseline(baselineOf(report.findings)));
  return 0;
}

async function main(): Promise<void> {
  guardStandardStreams();
  const command = await parseArguments(process.argv.slice(2), { stdinIsTTY: Boolean(process.stdin.isTTY), stdoutIsTTY: Boolean(process.stdout.isTTY) });
  switch (command.command) {
    case 'done':
      process.exitCode = exitCodeAfterOutput(command.exitCode);
      return;
    case 'check':
      process.exitCode = exitCodeAfterOutput(await runCheck(command));
      return;
    case 'config':
      process.exitCode = exitCodeAfterOutput(await runConfig(command));
      return;
    case 'baseline':
      process.exitCode = exitCodeAfterOutput(await runBaseline(command));
      return;
  }
}

// Exit codes are set, never forced with process.exit: output still on its way is not cut off.
main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    for (const problem of error.problems) say(`${error.file}: ${problem}`);
  } else if (error instanceof OptionsError || error instanceof CommandLineExit) {
    say(error.message);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    say(`Internal error: ${message.split('\n')[0]}`);
  }
  process.exitCode = error instanceof CommandLineExit ? error.exitCode : 2;
});
