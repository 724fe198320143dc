#!/usr/bin/env bash
# Smoke test of a deployed chartfeed stack (or of the local server): the catalogue, an indicator,
# a batch and the health of every layer, through the public API only. Exits non-zero when any
# check fails; prints one line per check.
#
#   infra/smoke-test.sh <stack-name | base-url> [symbol] [interval]
#
#   infra/smoke-test.sh chartfeed-dev                  # the stack's ApiUrl output (AWS CLI, its region)
#   infra/smoke-test.sh https://abc123.execute-api.us-east-1.amazonaws.com AAPL 1h
#   infra/smoke-test.sh http://localhost:8080          # the local server
#
# Without a symbol it takes the first one GET /v1/symbols lists, and its first interval. A stack
# with no candles yet has none: then the indicator and batch checks ask for an unknown symbol and
# expect 404 problem+json (the function and the database answered), and the script says to load
# candles (infra/load-candles.sh). SMOKE_ACCEPT_DEGRADED=1 accepts a DEGRADED health (a local
# server without Redis); a deployed stack should answer UP. Needs curl and jq (and the AWS CLI for
# a stack name).
set -uo pipefail

usage() {
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
}
if [ $# -lt 1 ] || [ $# -gt 3 ]; then usage; fi
for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "smoke-test: $tool is not installed" >&2; exit 2; }
done

target=$1
symbol=${2:-}
interval=${3:-}
if [[ $target =~ ^https?:// ]]; then
  base=${target%/}
else
  command -v aws >/dev/null || { echo "smoke-test: a stack name needs the AWS CLI (or pass the API URL)" >&2; exit 2; }
  base=$(aws cloudformation describe-stacks --stack-name "$target" \
    --query "Stacks[0].Outputs[?OutputKey=='ApiUrl'].OutputValue" --output text) || exit 2
  [[ $base =~ ^https:// ]] || { echo "smoke-test: stack $target has no ApiUrl output" >&2; exit 2; }
fi

failures=0
body=$(mktemp)
headers=$(mktemp)
trap 'rm -f "$body" "$headers"' EXIT

# request METHOD PATH [JSON-BODY]: sets $status, $millis; the body is in $body, the headers in $headers.
request() {
  local method=$1 path=$2 data=${3:-} out
  local args=(-sS -X "$method" -o "$body" -D "$headers" -w '%{http_code} %{time_total}' --max-time 30
    -H 'Accept: application/json')
  [ -n "$data" ] && args+=(-H 'Content-Type: application/json' --data-binary "$data")
  if ! out=$(curl "${args[@]}" "$base$path" 2>&1); then
    status=000 millis=0
    echo "$out" >"$body"
    return
  fi
  status=${out%% *}
  millis=$(awk -v s="${out##* }" 'BEGIN { printf "%d", s * 1000 }')
}

# check NAME CONDITION-EXIT-CODE DETAIL
check() {
  local name=$1 ok=$2 detail=$3
  if [ "$ok" -eq 0 ]; then
    printf 'PASS  %-28s %s (%s ms)\n' "$name" "$detail" "$millis"
  else
    printf 'FAIL  %-28s %s (%s ms)\n' "$name" "$detail" "$millis"
    printf '      %s\n' "$(head -c 400 "$body")"
    failures=$((failures + 1))
  fi
}

header() {
  grep -i "^$1:" "$headers" | head -n 1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'
}

echo "chartfeed smoke test: $base"

# Health: every layer (L1, L2, database) answers.
request GET /v1/cache/health
health=$(jq -r '.status // empty' "$body" 2>/dev/null)
wanted='^UP$'
[ "${SMOKE_ACCEPT_DEGRADED:-0}" = 1 ] && wanted='^(UP|DEGRADED)$'
[ "$status" = 200 ] && [[ $health =~ $wanted ]]
check "GET /v1/cache/health" $? "status $status, health ${health:-none}"

# The catalogue: every study, RSI among them.
request GET /v1/indicators
count=$(jq -r '[.indicators[] | select(.name == "rsi")] | length' "$body" 2>/dev/null)
total=$(jq -r '.indicators | length' "$body" 2>/dev/null)
[ "$status" = 200 ] && [ "${count:-0}" = 1 ] && [ "${total:-0}" -gt 100 ]
check "GET /v1/indicators" $? "status $status, ${total:-0} studies"

# A symbol to ask for: the one given, or the first stored.
if [ -z "$symbol" ]; then
  request GET '/v1/symbols?limit=1'
  symbol=$(jq -r '.symbols[0].symbol // empty' "$body" 2>/dev/null)
  [ -z "$interval" ] && interval=$(jq -r '.symbols[0].intervals[0] // empty' "$body" 2>/dev/null)
  [ "$status" = 200 ]
  check "GET /v1/symbols" $? "status $status, first symbol ${symbol:-none}"
fi
interval=${interval:-1h}
expected=200
if [ -z "$symbol" ]; then
  symbol=SMOKETESTNOSUCHSYMBOL
  expected=404
  echo "NOTE  no candles stored yet: checking that an unknown symbol answers 404 (load some: infra/load-candles.sh)"
fi

# One indicator: the last five RSI points.
request GET "/v1/indicators/$symbol/rsi?interval=$interval&limit=5"
if [ "$expected" = 200 ]; then
  points=$(jq -r '(.t | length) as $t | if ($t > 0 and $t <= 5 and (.series.value | length) == $t) then $t else 0 end' "$body" 2>/dev/null)
  [ "$status" = 200 ] && [ "${points:-0}" -gt 0 ]
  check "GET indicator $symbol rsi $interval" $? "status $status, ${points:-0} points, X-Cache $(header X-Cache)"
else
  type=$(header Content-Type)
  [ "$status" = 404 ] && [[ $type == application/problem+json* ]]
  check "GET indicator (unknown symbol)" $? "status $status, $type"
fi

# A batch: one good item and one unknown study, which must not fail the other.
request POST /v1/indicators/batch "{\"requests\":[{\"symbol\":\"$symbol\",\"indicator\":\"sma\",\"interval\":\"$interval\",\"params\":{\"period\":5},\"limit\":3},{\"symbol\":\"$symbol\",\"indicator\":\"nosuchstudy\",\"interval\":\"$interval\"}]}"
statuses=$(jq -r '[.results[].status] | map(tostring) | join(",")' "$body" 2>/dev/null)
[ "$status" = 200 ] && [ "$statuses" = "$expected,404" ]
check "POST /v1/indicators/batch" $? "status $status, items ${statuses:-none} (expected $expected,404)"

if [ "$failures" -gt 0 ]; then
  echo "smoke test FAILED: $failures check(s)"
  exit 1
fi
echo "smoke test passed"
