#!/bin/bash
# Cold start as deployed (docs/benchmarks.md, "Cold start as deployed"): the indicator handler's time to
# its first answer, on the JDK of the Lambda runtime (java25) with exactly the JVM options
# infra/template.yaml sets (JAVA_TOOL_OPTIONS, read from the template), on the deployable jar alone
# (plus the Lambda runtime's own event serializer, which Lambda provides, not the jar), with no
# AppCDS archive or any other file the jar does not ship (the JDK's own default CDS archive of JDK
# classes stays on, as it is part of the JDK). A fresh JVM per run, through the local invoker
# (com.chartfeed.local.LocalInvoker: the handler's no-arg constructor, then the event, as Lambda
# does), on the real PostgreSQL and Redis. Two paths, one run of each in turn (a busy machine
# slows both alike), RUNS rounds (default 10):
#   jvm     a cold start without SnapStart: JVM launch -> handler ready (init) -> first answer.
#   primed  what SnapStart's restore path approximates: the handler's SnapStart hooks run first
#           (migrate check, priming requests, disconnect, reconnect: done at publish time on
#           Lambda), then the clock restarts and the first request is timed. The restore itself
#           (Firecracker resuming the snapshot) cannot run here and is NOT measured.
# Every first answer is a cache MISS: what Redis holds of the series' (symbol, interval) is deleted
# before each run, so the first request reads the version and the candles from PostgreSQL and
# computes, as after new candles arrive.
# Build first (JDK 25): mvn -q -pl functions/local-server -am package -DskipTests
# BEFORE_DIR=<another checkout, built the same way> measures its jars too, run for run beside this
# tree's (rows labelled "before:<function>"), so that a change is measured side by side in one run.
set -u
cd "$(dirname "$0")/.."
RUNS=${RUNS:-10}
FUNCTIONS=${FUNCTIONS:-indicator}
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
if ! "$JAVA" -XshowSettings:properties -version 2>&1 | grep -q 'java.specification.version = 25$'; then
  echo "cold-start.sh: $JAVA is not a JDK 25 (the java25 runtime's); set JAVA_HOME" >&2
  exit 1
fi
# The template's JVM options, verbatim (the JVM reads JAVA_TOOL_OPTIONS itself, as on Lambda).
JAVA_TOOL_OPTIONS=$(sed -n 's/^ *JAVA_TOOL_OPTIONS: *//p' infra/template.yaml | head -n 1)
[ -n "$JAVA_TOOL_OPTIONS" ] || { echo "no JAVA_TOOL_OPTIONS in infra/template.yaml" >&2; exit 1; }
export JAVA_TOOL_OPTIONS
SERIALIZATION_VERSION=$(grep -A2 '<artifactId>aws-lambda-java-serialization</artifactId>' pom.xml | sed -n 's/.*<version>\(.*\)<\/version>.*/\1/p')
SERIALIZATION=~/.m2/repository/com/amazonaws/aws-lambda-java-serialization/$SERIALIZATION_VERSION/aws-lambda-java-serialization-$SERIALIZATION_VERSION.jar
invoker() { echo "$(ls "$1"/functions/local-server/target/chartfeed-local-server-*.jar | head -n 1):$SERIALIZATION"; }
TREES=.
[ -n "${BEFORE_DIR:-}" ] && TREES="$BEFORE_DIR ."
label() { [ "$1" = . ] && echo "$2" || echo "before:$2"; }
export DATASOURCES_DEFAULT_URL=${DATASOURCES_DEFAULT_URL:-jdbc:postgresql://127.0.0.1:5432/test} \
       DATASOURCES_DEFAULT_USERNAME=${DATASOURCES_DEFAULT_USERNAME:-postgres} \
       REDIS_URI=${REDIS_URI:-redis://127.0.0.1:6379} ADMIN_TOKEN=local-admin-token \
       FLYWAY_DATASOURCES_DEFAULT_ENABLED=false INVOKE_REPEAT=1
SYMBOL=${SYMBOL:-COLDSTARTBENCH}
WORK=$(mktemp -d)
OUT=$WORK/runs

# Events for a symbol of our own: 2,000 hourly candles uploaded once, then MACD over them.
python3 - "$SYMBOL" "$WORK" <<'EOF'
import json, math, sys
symbol, work = sys.argv[1], sys.argv[2]
put = json.load(open('infra/events/candles-put-csv.json'))
rows, price, t0 = ['time,open,high,low,close,volume'], 100.0, 1700006400
for i in range(2000):
    close = round(price * (1 + 0.01 * math.sin(i / 7.0)), 2)
    high, low = round(max(price, close) + 0.5, 2), round(min(price, close) - 0.5, 2)
    rows.append(f'{t0 + 3600 * i},{price:.2f},{high:.2f},{low:.2f},{close:.2f},{1000 + i}')
    price = close
put['body'] = '\n'.join(rows) + '\n'
put['headers']['content-length'] = str(len(put['body']))
put['rawPath'] = put['requestContext']['http']['path'] = f'/v1/candles/{symbol}/1h'
put['pathParameters'] = {'symbol': symbol, 'interval': '1h'}
json.dump(put, open(f'{work}/put.json', 'w'))
get = json.load(open('infra/events/indicator-get.json'))
get['rawPath'] = get['requestContext']['http']['path'] = f'/v1/indicators/{symbol}/macd'
get['pathParameters']['symbol'] = symbol
json.dump(get, open(f'{work}/get.json', 'w'))
EOF

for tree in $TREES; do
  for fn in $FUNCTIONS; do
    JAR=$tree/functions/$fn/target/$fn-function-lambda.jar
    [ -f "$JAR" ] || { echo "missing $JAR: build first" >&2; exit 1; }
    "$JAVA" -cp "$JAR:$(invoker "$tree")" com.chartfeed.local.LocalServer "$fn" "$WORK/put.json" 2>/dev/null \
      | grep -q '"statusCode":200' || { echo "could not upload the benchmark's candles" >&2; exit 1; }
  done
done

echo "JDK: $(JAVA_TOOL_OPTIONS= "$JAVA" -version 2>&1 | grep -v "Picked up" | sed -n 2p); JAVA_TOOL_OPTIONS=$JAVA_TOOL_OPTIONS"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n 1), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for fn in $FUNCTIONS; do
  for run in $(seq "$RUNS"); do
    for tree in $TREES; do
      JAR=$tree/functions/$fn/target/$fn-function-lambda.jar
      for path in jvm primed; do
        # Everything Redis holds of the scope goes: its version is then read from PostgreSQL and the series computed.
        redis-cli -u "$REDIS_URI" --scan --pattern "cf:{$SYMBOL}:1h:*" | xargs -r redis-cli -u "$REDIS_URI" DEL >/dev/null
        primed=false; [ $path = primed ] && primed=true
        answer=$(INVOKE_PRIMED=$primed "$JAVA" -cp "$JAR:$(invoker "$tree")" com.chartfeed.local.LocalServer "$fn" "$WORK/get.json" \
                 2>"$WORK/err")
        line=$(grep 'cold start of' "$WORK/err")
        cache=$(printf '%s' "$answer" | grep -io '"x-cache":"[A-Z0-9-]*"' | head -n 1 | cut -d'"' -f4)
        status=$(printf '%s' "$answer" | grep -o '"statusCode":[0-9]*' | cut -d: -f2)
        timing=$(printf '%s' "$answer" | grep -io '"server-timing":"[^"]*"' | head -n 1 | cut -d'"' -f4)
        echo "$(label "$tree" "$fn") | $path | $run | status ${status:-?} ${cache:-?} | $line | $timing" | tee -a "$OUT"
      done
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "p50 (min-max) in ms: function | path | runs | handler ready (init) | first invocation | first answer from JVM launch | hooks"
awk -F' [|] ' '{
    key = $1 " | " $2
    if (!(key in n)) order[++keys] = key
    k = ++n[key]
    ready[key, k] = field($5, "handler ready "); first[key, k] = field($5, "first invocation ")
    answer[key, k] = field($5, "first answer "); hooks[key, k] = field($5, "restore hooks ")
  }
  function field(text, label) { return match(text, label "[0-9]+") ? substr(text, RSTART + length(label), RLENGTH - length(label)) + 0 : -1 }
  function stats(values, key, count,    i, j, t, s) {
    for (i = 1; i <= count; i++) s[i] = values[key, i]
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (s[j] < s[i]) { t = s[i]; s[i] = s[j]; s[j] = t }
    if (s[1] < 0) return "-"
    return sprintf("%d (%d-%d)", count % 2 ? s[(count + 1) / 2] : (s[count / 2] + s[count / 2 + 1]) / 2, s[1], s[count])
  }
  END {
    for (k = 1; k <= keys; k++) {
      key = order[k]
      printf "%s | %d | %s | %s | %s | %s\n", key, n[key], stats(ready, key, n[key]), stats(first, key, n[key]),
             stats(answer, key, n[key]), stats(hooks, key, n[key])
    }
  }' "$OUT"
rm -rf "$WORK"
