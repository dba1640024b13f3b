#!/usr/bin/env bash
# Plan every Terragrunt unit under the current directory, then judge all the plans in one
# kmsguard run. Exit status: kmsguard's (0 pass, 1 findings, 2 unusable input).
set -euo pipefail

terragrunt run --all --non-interactive -- plan -input=false -out=plan.tfplan

# --tf-forward-stdout makes Terragrunt print Terraform's output as it is instead of wrapping
# each line in a log line; --parallelism 1 keeps one unit's JSON from interleaving with another's.
terragrunt run --all --non-interactive --tf-forward-stdout --parallelism 1 -- show -json plan.tfplan > run-all-show.json

kmsguard --format text --format json:kmsguard-report.json run-all-show.json
