#!/usr/bin/env bash
# The GitHub Action's step (action.yml): runs kmsguard on the plan files, writes the SARIF file
# and the job summary, sets the step outputs, and exits with kmsguard's exit status.
#
# Inputs come as environment variables, as action.yml passes them:
#   INPUT_PLAN         plan or state JSON files, separated by spaces or new lines (required)
#   INPUT_FORMATS      further outputs, NAME or NAME:FILE, separated by spaces, commas or new lines
#   INPUT_FAIL_ON      high, medium, low or never (empty: the config file's, else medium)
#   INPUT_CONFIG       config file (empty: .kmsguard.json if present)
#   INPUT_SOURCE_ROOT  Terraform source root, passed as --source-root
#   INPUT_SARIF_FILE   where the SARIF report goes (default kmsguard.sarif)
#   INPUT_WORKING_DIRECTORY  where kmsguard runs, relative to $GITHUB_WORKSPACE (default: there)
#   KMSGUARD           the kmsguard command (default: kmsguard on PATH)
# and GitHub's own: GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE, RUNNER_TEMP.
set -uo pipefail

kmsguard=${KMSGUARD:-kmsguard}

fail() {
  echo "::error title=kmsguard::$1"
  echo "kmsguard action: $1" >&2
  exit 2
}

cd "${GITHUB_WORKSPACE:-.}" || fail "The workspace ${GITHUB_WORKSPACE:-.} does not exist."
cd "${INPUT_WORKING_DIRECTORY:-.}" || fail "The working directory ${INPUT_WORKING_DIRECTORY:-.} does not exist in the workspace."

# Word splitting without glob expansion: file names are taken as written.
formats_text=${INPUT_FORMATS:-}
set -f
plans=(${INPUT_PLAN:-})
formats=(${formats_text//,/ })
set +f
[ "${#plans[@]}" -gt 0 ] || fail "The plan input is empty: give one or more files written by terraform show -json."

sarif=${INPUT_SARIF_FILE:-kmsguard.sarif}
report=$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/kmsguard-report.XXXXXX")
trap 'rm -f "$report"' EXIT

# The github format prints annotations and appends the markdown report to the job summary.
args=(--format github --format "sarif:$sarif" --format "json:$report")
for format in "${formats[@]}"; do args+=(--format "$format"); done
[ -n "${INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$INPUT_FAIL_ON")
[ -n "${INPUT_CONFIG:-}" ] && args+=(--config "$INPUT_CONFIG")
if [ -n "${INPUT_SOURCE_ROOT:-}" ]; then
  "$kmsguard" --help 2>/dev/null | grep -q -- '--source-root' ||
    fail "The source-root input needs a kmsguard version with --source-root; this one has none."
  args+=(--source-root "$INPUT_SOURCE_ROOT")
fi

status=0
"$kmsguard" "${args[@]}" "${plans[@]}" || status=$?

# Exit 2: kmsguard could not judge the input and wrote no report.
findings=""
passed=false
if [ "$status" -ne 2 ] && [ -s "$report" ]; then
  findings=$(node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).summary; process.stdout.write(String(s.findings))' "$report")
fi
[ "$status" -eq 0 ] && passed=true
if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "findings=$findings"
    echo "passed=$passed"
    echo "exit-code=$status"
    [ -f "$sarif" ] && echo "sarif-file=$sarif"
  } >> "$GITHUB_OUTPUT"
fi
exit "$status"
