/**
 * Runs recipe command lines the way CI or Atlantis would, without Terraform: a scratch
 * directory with the plan under the names the recipes use, and stand-ins on PATH for
 * `kmsguard` (the built binary, logging each exit status), `terraform` and `terragrunt`
 * (`show -json` prints the chosen plan; every other command succeeds and does nothing).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binPath } from '../support/paths.js';

export interface SandboxRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Exit status of each kmsguard run, in order. */
  readonly kmsguardExits: number[];
  /** Every stand-in call: `terraform plan ...`, `terragrunt run ...`. */
  readonly toolCalls: string[];
  readonly dir: string;
}

function script(file: string, body: string): void {
  writeFileSync(file, `#!/bin/sh\n${body}`);
  chmodSync(file, 0o755);
}

/** A scratch root holding the stand-ins (`bin`, to put first on PATH) and every run's directory; remove it when done. */
export function createSandboxRoot(): { root: string; bin: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'kmsguard-examples-'));
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  script(
    path.join(bin, 'kmsguard'),
    `"${process.execPath}" "${binPath}" "$@"
status=$?
echo "$status" >> "$KMSGUARD_EXIT_LOG"
exit $status
`,
  );
  const tool = (name: string): string => `echo "${name} $*" >> "$TOOL_CALL_LOG"
for arg in "$@"; do
  if [ "$arg" = "show" ]; then cat "$STAND_IN_SHOW_OUTPUT"; exit 0; fi
  case "$arg" in -out=*) : > "\${arg#-out=}";; esac
done
exit 0
`;
  script(path.join(bin, 'terraform'), tool('terraform'));
  script(path.join(bin, 'terragrunt'), tool('terragrunt'));
  return { root, bin };
}

/** The names the recipes read a plan from. */
export const PLAN_NAMES = ['plan.json', 'run-all-show.json'] as const;

export interface SandboxOptions {
  readonly root: string;
  readonly bin: string;
  /** The plan (or stream) the recipe sees. */
  readonly plan: string;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Run a script file instead of a command line. */
  readonly scriptFile?: string;
  readonly args?: readonly string[];
}

export function runInSandbox(command: string, options: SandboxOptions): SandboxRun {
  const dir = mkdtempSync(path.join(options.root, 'run-'));
  for (const name of PLAN_NAMES) copyFileSync(options.plan, path.join(dir, name));
  mkdirSync(path.join(dir, 'logs'));
  const exitLog = path.join(dir, 'logs', 'kmsguard-exits');
  const toolLog = path.join(dir, 'logs', 'tool-calls');
  writeFileSync(exitLog, '');
  writeFileSync(toolLog, '');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${options.bin}${path.delimiter}${process.env.PATH ?? ''}`,
    NO_COLOR: '1',
    KMSGUARD_EXIT_LOG: exitLog,
    TOOL_CALL_LOG: toolLog,
    STAND_IN_SHOW_OUTPUT: options.plan,
    SHOWFILE: path.join(dir, 'plan.json'),
    PLANFILE: path.join(dir, 'plan.tfplan'),
    DIR: dir,
    GITHUB_STEP_SUMMARY: path.join(dir, 'logs', 'step-summary.md'),
    ...options.env,
  };
  const args = options.scriptFile !== undefined ? [options.scriptFile, ...(options.args ?? [])] : ['-c', command];
  const result = spawnSync('bash', args, { cwd: options.cwd ?? dir, env, maxBuffer: 64 * 1024 * 1024 });
  const lines = (file: string): string[] =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
  return {
    status: result.status,
    stdout: result.stdout.toString('utf8'),
    stderr: result.stderr.toString('utf8'),
    kmsguardExits: lines(exitLog).map(Number),
    toolCalls: lines(toolLog),
    dir,
  };
}
