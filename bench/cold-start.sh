#!/bin/bash
# Cold start per function and JVM option set (BENCHMARKS.md, "Cold start"): a fresh JVM per run on
# the real PostgreSQL and Redis; the invoker prints "JVM launch to first answer" measured from the
# JVM's own start time. The sample events read AAPL 1h and MSFT 1d: upload candles for them first
# (e.g. the local invoker with infra/events/candles-put-csv.json and more rows), or the first
# answers are 404s, which measure start-up but no computation.
set -u
cd "$(dirname "$0")/.."
CP=$(unzip -p load/target/load.jar com/chartfeed/load/server.classpath)
export DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:5432/test DATASOURCES_DEFAULT_USERNAME=postgres \
       REDIS_URI=redis://127.0.0.1:6379 ADMIN_TOKEN=local-admin-token INVOKE_REPEAT=5
declare -A EVENT=([indicator]=infra/events/indicator-get.json [batch]=infra/events/batch-post.json \
                  [cache-stats]=infra/events/cache-health.json [candle-invalidation]=infra/events/candles-ingested-sns.json)
mkdir -p ${CDS_DIR:-target/cds}
for fn in indicator batch cache-stats candle-invalidation; do
  # Build a class-data-sharing archive of what this function loads (one training run).
  java -XX:ArchiveClassesAtExit=${CDS_DIR:-target/cds}/$fn.jsa -cp "$CP" com.chartfeed.local.LocalServer $fn ${EVENT[$fn]} >/dev/null 2>&1
  for variant in default c1 cds c1+cds; do
    case $variant in
      default) FLAGS="";;
      c1) FLAGS="-XX:TieredStopAtLevel=1";;
      cds) FLAGS="-XX:SharedArchiveFile=${CDS_DIR:-target/cds}/$fn.jsa";;
      c1+cds) FLAGS="-XX:TieredStopAtLevel=1 -XX:SharedArchiveFile=${CDS_DIR:-target/cds}/$fn.jsa";;
    esac
    for run in 1 2 3; do
      line=$(java $FLAGS -cp "$CP" com.chartfeed.local.LocalServer $fn ${EVENT[$fn]} 2>&1 >/dev/null | grep 'cold start of')
      echo "$fn | $variant | $run | $line"
    done
  done
done
