#!/bin/bash
# Every figure of docs/benchmarks.md in one pass, one measurement at a time (run it on a quiet machine):
# the load driver, the chart workload (60x-accelerated and real-time feed, refresh-ahead off and on),
# the fault run, cold starts and the JMH benchmarks. PostgreSQL on 127.0.0.1:5432 (database test),
# Redis on :6379 and redis-server on the PATH. Takes about 35 minutes. Results go to $OUT.
#   BEFORE_LOAD_JAR  a load.jar of an earlier build, to rerun its cached-batch rows beside this one's
set -u
cd "$(dirname "$0")/.."
# Everything runs on the project's JDK 25 (JAVA_HOME), whatever `java` is first on the PATH.
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
OUT=${OUT:-target/run-all}
mkdir -p "$OUT"
mvn -q -Pbench -pl load,bench -am package -DskipTests
step() { echo "$(date -u +%T) $*" | tee -a "$OUT/progress"; }

step load driver
java -jar load/target/load.jar --duration 10s --warmup 3s --cold-requests 60 --cold-warmup 10 --out "$OUT/load.json" > "$OUT/load.txt" 2>&1
if [ -n "${BEFORE_LOAD_JAR:-}" ]; then
  step cached batches, before and after
  java -jar "$BEFORE_LOAD_JAR" --scenarios floor,l1-hit,batch-3,batch-10 --duration 10s --warmup 3s --out "$OUT/load-before.json" > "$OUT/load-before.txt" 2>&1
  java -jar load/target/load.jar --scenarios floor,l1-hit,batch-3,batch-10 --duration 10s --warmup 3s --out "$OUT/load-after.json" > "$OUT/load-after.txt" 2>&1
fi
step chart workload
J="java -cp load/target/load.jar com.chartfeed.load.ChartWorkload --symbols 100 --candles 1000 --warmup 10s"
$J --duration 40s --no-refresh-ahead --out "$OUT/wl-60x-off.json" > "$OUT/wl-60x-off.txt" 2>&1
$J --duration 40s --refresh-ahead --out "$OUT/wl-60x-on.json" > "$OUT/wl-60x-on.txt" 2>&1
$J --duration 180s --feed-speed 1 --no-refresh-ahead --out "$OUT/wl-rt-off.json" > "$OUT/wl-rt-off.txt" 2>&1
$J --duration 180s --feed-speed 1 --refresh-ahead --out "$OUT/wl-rt-on.json" > "$OUT/wl-rt-on.txt" 2>&1
step faults
java -cp load/target/load.jar com.chartfeed.load.FaultRun --rate 100 --baseline 5s --outage 10s --observe 15s --out "$OUT/fault.json" > "$OUT/fault.txt" 2>&1
step cold start
RUNS=10 bash bench/cold-start.sh > "$OUT/cold.txt" 2>&1
step kernels
java -jar bench/target/benchmarks.jar -f 1 -wi 1 -i 2 -w 1s -r 1s 'KernelBenchmark.(ours|taLibFreshOutput|taLib)$' -rf json -rff "$OUT/k.json" > "$OUT/k.txt" 2>&1
java -jar bench/target/benchmarks.jar -f 1 -wi 1 -i 2 -w 1s -r 1s 'KernelBenchmark.(ours|taLibFreshOutput)$' -p candles=10000 -p inputs=rotating -rf json -rff "$OUT/k-rot.json" > "$OUT/k-rot.txt" 2>&1
step hot paths
java -jar bench/target/benchmarks.jar -f 1 -wi 2 -i 3 -w 1s -r 1s 'L1HitBenchmark|CodecBenchmark|CacheKeyBenchmark' -rf json -rff "$OUT/hot.json" > "$OUT/hot.txt" 2>&1
step done
