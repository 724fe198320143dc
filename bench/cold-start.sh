#!/bin/bash
# Cold start per function (BENCHMARKS.md, "Cold start"): a fresh JVM per run on the real PostgreSQL
# and Redis; the invoker prints "JVM launch to first answer" measured from the JVM's own start time.
# Configurations side by side, one run of each in turn (so a busy machine slows them alike), RUNS
# rounds (default 5), then the medians:
#   previous   C1 + AppCDS, Flyway's check at start, on the local server's classpath (every module),
#              of the build in PREVIOUS_DIR (default: this one). For the code before the cold-start
#              work: git clone -q . /tmp/prev && git -C /tmp/prev checkout -q b7d58fb &&
#              (cd /tmp/prev && mvn -q -pl load -am package -DskipTests) && PREVIOUS_DIR=/tmp/prev bash bench/cold-start.sh
#   final      C1 + AppCDS, no Flyway at start (as infra/template.yaml sets it), same classpath
#   final-jar  the same on the function's deployable jar, the classpath Lambda loads
#   primed     final-jar's first answer after the SnapStart hooks ran (priming, closing and
#              reopening connections): what a restored snapshot's first request pays
# Build first: mvn -q -pl load -am package -DskipTests. The sample events read AAPL 1h and MSFT 1d:
# upload candles for them first (e.g. the local invoker with infra/events/candles-put-csv.json and
# more rows), or the first answers are 404s, which measure start-up but no computation.
set -u
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
CDS_DIR=${CDS_DIR:-target/cds}
SERVER_CP=$(unzip -p load/target/load.jar com/chartfeed/load/server.classpath)
PREVIOUS_CP=$(unzip -p "${PREVIOUS_DIR:-.}/load/target/load.jar" com/chartfeed/load/server.classpath)
INVOKER_CP="$(ls functions/local-server/target/chartfeed-local-server-*.jar):$(echo "$SERVER_CP" | tr ':' '\n' | grep aws-lambda-java-serialization)"
export DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:5432/test DATASOURCES_DEFAULT_USERNAME=postgres \
       REDIS_URI=redis://127.0.0.1:6379 ADMIN_TOKEN=local-admin-token INVOKE_REPEAT=5
declare -A EVENT=([indicator]=infra/events/indicator-get.json [batch]=infra/events/batch-post.json \
                  [cache-stats]=infra/events/cache-health.json [candle-invalidation]=infra/events/candles-ingested-sns.json)
CONFIGS="previous final final-jar primed"
mkdir -p "$CDS_DIR"
OUT=$(mktemp)

# Sets CLASSPATH_OF, ARCHIVE and the environment of one configuration of function $1.
configure() {
  local fn=$1 config=$2
  CLASSPATH_OF=$SERVER_CP ARCHIVE=$CDS_DIR/$fn-final.jsa SETTINGS="FLYWAY_DATASOURCES_DEFAULT_ENABLED=false INVOKE_PRIMED=false"
  case $config in
    previous) CLASSPATH_OF=$PREVIOUS_CP ARCHIVE=$CDS_DIR/$fn-previous.jsa
              SETTINGS="FLYWAY_DATASOURCES_DEFAULT_ENABLED=true INVOKE_PRIMED=false";;
    final-jar) CLASSPATH_OF=functions/$fn/target/$fn-function-lambda.jar:$INVOKER_CP ARCHIVE=$CDS_DIR/$fn-jar.jsa;;
    primed) CLASSPATH_OF=functions/$fn/target/$fn-function-lambda.jar:$INVOKER_CP ARCHIVE=$CDS_DIR/$fn-jar.jsa
            SETTINGS="FLYWAY_DATASOURCES_DEFAULT_ENABLED=false INVOKE_PRIMED=true";;
  esac
}

for fn in indicator batch cache-stats candle-invalidation; do
  # A class-data-sharing archive of what each configuration loads (one training run each).
  for config in previous final final-jar; do
    configure $fn $config
    env $SETTINGS java -XX:ArchiveClassesAtExit=$ARCHIVE -cp "$CLASSPATH_OF" com.chartfeed.local.LocalServer \
        $fn ${EVENT[$fn]} >/dev/null 2>&1
  done
  for run in $(seq "$RUNS"); do
    for config in $CONFIGS; do
      configure $fn $config
      line=$(env $SETTINGS java -XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=$ARCHIVE -cp "$CLASSPATH_OF" \
             com.chartfeed.local.LocalServer $fn ${EVENT[$fn]} 2>&1 >/dev/null | grep 'cold start of')
      echo "$fn | $config | $run | $line" | tee -a "$OUT"
    done
  done
done

echo
echo "medians (ms): function | configuration | runs | handler ready | first invocation | first answer (min-max)"
awk -F' [|] ' '{
    key = $1 " | " $2
    if (!(key in n)) order[++keys] = key
    match($4, /handler ready [0-9]+/); r = substr($4, RSTART + 14, RLENGTH - 14)
    match($4, /first invocation [0-9]+/); f = substr($4, RSTART + 17, RLENGTH - 17)
    match($4, /first answer [0-9]+/); a = substr($4, RSTART + 13, RLENGTH - 13)
    n[key]++; ready[key, n[key]] = r; first[key, n[key]] = f; answer[key, n[key]] = a
  }
  function median(values, key, count,    i, j, t, sorted) {
    for (i = 1; i <= count; i++) sorted[i] = values[key, i] + 0
    for (i = 1; i <= count; i++) for (j = i + 1; j <= count; j++) if (sorted[j] < sorted[i]) { t = sorted[i]; sorted[i] = sorted[j]; sorted[j] = t }
    lo = sorted[1]; hi = sorted[count]
    return count % 2 ? sorted[(count + 1) / 2] : (sorted[count / 2] + sorted[count / 2 + 1]) / 2
  }
  END {
    for (k = 1; k <= keys; k++) {
      key = order[k]
      r = median(ready, key, n[key]); f = median(first, key, n[key]); a = median(answer, key, n[key])
      printf "%s | %d | %d | %d | %d (%d-%d)\n", key, n[key], r, f, a, lo, hi
    }
  }' "$OUT"
rm -f "$OUT"
