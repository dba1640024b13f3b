#!/usr/bin/env bash
# Plan, judge the plan with kmsguard, and apply it only if kmsguard passes.
#
#   examples/pre-apply/pre-apply.sh [terraform plan options...]
#
# Run it in the Terraform root module. Exit status: 0 applied, 1 not applied because of
# findings (or a policy kmsguard could not read), 2 not applied because kmsguard could not
# judge the plan; any other status is Terraform's own.
set -euo pipefail

terraform plan -input=false -out=plan.tfplan "$@"
# plan.json holds the plan's values, secrets included: removed however the script ends.
trap 'rm -f plan.json' EXIT
terraform show -json plan.tfplan > plan.json

status=0
kmsguard plan.json || status=$?

case "$status" in
  0) ;;
  1)
    echo "pre-apply: not applying: kmsguard found IAM policies that may decrypt with KMS keys they do not name (see above)." >&2
    exit 1
    ;;
  *)
    echo "pre-apply: not applying: kmsguard could not judge the plan (exit status $status)." >&2
    exit 2
    ;;
esac

terraform apply -input=false plan.tfplan
