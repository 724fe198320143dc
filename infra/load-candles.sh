#!/usr/bin/env bash
# Loads candles into a deployed chartfeed stack (or the local server) through the admin route
# PUT /v1/candles/{symbol}/{interval}: a CSV with the header time,open,high,low,close,volume
# (times in epoch seconds on the interval's grid, ascending), or a JSON file in the column form of
# GET /v1/candles. Idempotent: loading the same file again changes nothing.
#
#   infra/load-candles.sh <stack-name | base-url> <symbol> <interval> <file.csv | file.json | ->
#
#   infra/load-candles.sh chartfeed-dev AAPL 1h aapl-1h.csv
#   infra/load-candles.sh http://localhost:8080 DEMO 1d demo.csv      # the local server
#
# A CSV goes in chunks of CHUNK_ROWS rows (default 50,000: under the route's 100,000 candles and
# Lambda's 6 MB request payload), in order; a JSON file in one request.
#
# The admin token: ADMIN_TOKEN, or else the stack's own (its AdminTokenSecretArn output, read with
# the AWS CLI). Through API Gateway (an execute-api URL, or a stack name) the route also needs IAM:
# the request is SigV4-signed with the caller's AWS credentials (AWS_ACCESS_KEY_ID... or what
# `aws configure export-credentials` gives), the token goes in X-Admin-Token. Elsewhere the token
# goes in Authorization: Bearer. Needs curl 7.76+ (--aws-sigv4, --fail-with-body) and, for a
# stack, the AWS CLI v2.
set -euo pipefail

usage() {
  sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}
[ $# -eq 4 ] || usage
target=$1 symbol=$2 interval=$3 file=$4
chunk_rows=${CHUNK_ROWS:-50000}

stack_output() {
  aws cloudformation describe-stacks --stack-name "$target" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}

if [[ $target =~ ^https?:// ]]; then
  base=${target%/}
  stack=
else
  base=$(stack_output ApiUrl)
  stack=$target
fi

token=${ADMIN_TOKEN:-}
if [ -z "$token" ]; then
  [ -n "$stack" ] || { echo "load-candles: set ADMIN_TOKEN (or pass a stack name)" >&2; exit 2; }
  token=$(aws secretsmanager get-secret-value --secret-id "$(stack_output AdminTokenSecretArn)" \
    --query SecretString --output text)
fi

auth=(-H "Authorization: Bearer $token")
if [[ $base =~ ^https://[a-z0-9]+\.execute-api\.([a-z0-9-]+)\.amazonaws\.com ]]; then
  region=${BASH_REMATCH[1]}
  curl --help all 2>/dev/null | grep -q -- --aws-sigv4 \
    || { echo "load-candles: this curl cannot sign requests (--aws-sigv4, curl 7.76+)" >&2; exit 2; }
  if [ -z "${AWS_ACCESS_KEY_ID:-}" ]; then
    eval "$(aws configure export-credentials --format env)"
  fi
  auth=(--aws-sigv4 "aws:amz:$region:execute-api" --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"
    -H "X-Admin-Token: $token")
  [ -n "${AWS_SESSION_TOKEN:-}" ] && auth+=(-H "x-amz-security-token: $AWS_SESSION_TOKEN")
fi

url="$base/v1/candles/$symbol/$interval"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

put() {
  local type=$1 part=$2
  echo "PUT $url ($type, $(wc -c <"$part" | tr -d ' ') bytes)"
  if ! curl -sS --fail-with-body -X PUT "${auth[@]}" -H "Content-Type: $type" \
    --data-binary "@$part" --max-time 60 "$url"; then
    echo
    echo "load-candles: the upload failed; chunks before it are stored (loading again is harmless)" >&2
    return 1
  fi
  echo
}

if [ "$file" = - ]; then
  cat >"$work/input"
  file="$work/input"
fi
[ -r "$file" ] || { echo "load-candles: cannot read $file" >&2; exit 2; }

if [[ $file == *.json ]]; then
  put application/json "$file"
  exit 0
fi

# CSV: the header, then the rows in chunks, each chunk a request of its own with the header.
header=$(head -n 1 "$file" | tr -d '\r')
[ "$header" = "time,open,high,low,close,volume" ] \
  || { echo "load-candles: the CSV header must be time,open,high,low,close,volume, is: $header" >&2; exit 2; }
tail -n +2 "$file" | grep -v '^[[:space:]]*$' | split -l "$chunk_rows" - "$work/rows."
for rows in "$work"/rows.*; do
  { echo "$header"; cat "$rows"; } >"$rows.csv"
  put text/csv "$rows.csv"
done
