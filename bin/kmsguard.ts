#!/usr/bin/env node
/**
 * The command line: argv -> options, call the library, write reports, set the exit code.
 */
import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArguments, type ParsedCommand } from './arguments.js';
import { check, OptionsError } from '../lib/check.js';
import { readStdin } from '../lib/input/index.js';
import { loadFormatter } from '../lib/report/index.js';
import { exitCodeFor } from '../lib/rules/summary.js';
import type { Report } from '../lib/types.js';

const STDIN = 'stdin';

function fail(message: string): never {
  process.stderr.write(`kmsguard: ${message}\n`);
  process.exit(2);
}

function describeSource(source: string, position?: number): string {
  return position === undefined ? source : `${source} (document ${position})`;
}

function printDiagnostics(report: Report): void {
  for (const warning of report.warnings) process.stderr.write(`kmsguard: warning: ${warning.source}: ${warning.message}\n`);
  for (const error of report.errors) process.stderr.write(`kmsguard: ${describeSource(error.source)}: ${error.message}\n`);
}

async function writeOutput(file: string, text: string): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  } catch (error) {
    fail(`Could not write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}

async function runCheck(command: Extract<ParsedCommand, { command: 'check' }>): Promise<number> {
  const inputs = [];
  for (const file of command.files) {
    if (file === STDIN) {
      if (process.stdin.isTTY) fail('No input: give a plan file, or pipe `terraform show -json` output into kmsguard.');
      inputs.push({ source: STDIN, data: await readStdin(process.stdin) });
    } else {
      inputs.push(file);
    }
  }
  let report: Report;
  try {
    report = await check(inputs, command.options);
  } catch (error) {
    if (error instanceof OptionsError) fail(error.message);
    throw error;
  }
  printDiagnostics(report);
  for (const output of command.outputs) {
    const formatter = await loadFormatter(output.format);
    const color = output.file === undefined && command.color;
    const text = formatter(report, { color, failOn: command.options.failOn ?? 'medium' });
    if (output.file === undefined) process.stdout.write(text);
    else await writeOutput(output.file, text);
    if (output.format === 'github' && process.env.GITHUB_STEP_SUMMARY) {
      const markdown = await loadFormatter('markdown');
      await appendFile(process.env.GITHUB_STEP_SUMMARY, markdown(report, { color: false, failOn: command.options.failOn ?? 'medium' }));
    }
  }
  const code = exitCodeFor(report);
  // Atlantis policy checks read a non-zero exit as an error of the check, not as a failure.
  if (code === 1 && command.outputs.some((o) => o.format === 'atlantis') && !command.failOnGiven) return 0;
  return code;
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
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  fail(`Internal error: ${message.split('\n')[0]}`);
});
