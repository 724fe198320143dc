#!/bin/bash
# The README's Quick start as a newcomer meets it: a fresh clone of this checkout's HEAD (nothing
# else copied: no target/, no build state), the run command, and the time until the server first
# answers GET /v1/indicators/AAPL/rsi?interval=1h with a 200. Uses the Maven repository as it is
# (~/.m2: a warm cache). Prints, per run, the seconds to the first answer, the CPU seconds the
# command's processes used until then (user + system: what a quiet machine's time follows) and how
# many lines of the output were warnings, then stops the server and deletes the clone. RUNS
# rounds (default 3); CMD overrides the command (e.g. the old one, to compare in the same period);
# PORT (default 18080) is the server's; NICE (e.g. -20, as root) gives the command's session that
# autogroup nice value, so that on a busy machine it gets the CPU first. The machine's load
# average is printed with each run: on a busy machine every number grows, so compare commands side
# by side, not with figures from another day. For a Maven command each run also prints where its
# time went, from Maven's log timestamps (MAVEN_OPTS asks for them; the command is unchanged):
# Maven's own start, the reactor up to the first javac, shared's javac, the functions' and the local
# server's, and the server from its JVM's start to the first answer.
set -u
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
PORT=${PORT:-18080}
CMD=${CMD:-mvn -T1C -pl functions/local-server -am -Dmaven.test.skip=true test-compile exec:exec}
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
SOURCE=$(pwd)
URL="http://localhost:$PORT/v1/indicators/AAPL/rsi?interval=1h"
if curl -s -o /dev/null --max-time 2 "$URL"; then
  echo "quick-start.sh: something already answers on port $PORT; set PORT" >&2
  exit 1
fi
# CPU seconds (user + system) of every process in the session the command leads, with what their
# finished children used (a forked javac): Maven's JVM and the server's.
cpu_of_session() {
  # Fields after the command name's closing parenthesis: 4 is the session, 12-15 utime, stime,
  # cutime and cstime, in clock ticks.
  cat /proc/[0-9]*/stat 2>/dev/null | sed 's/^.*) //' |
    awk -v sid="$1" -v hz="$(getconf CLK_TCK)" '$4 == sid { t += $12 + $13 + $14 + $15 } END { printf "%.1f", t / hz }'
}
# Seconds (one decimal) from $1 to $2, both milliseconds of the day.
seconds() {
  local ms=$(( $2 - $1 ))
  printf '%d.%d' $((ms / 1000)) $((ms % 1000 / 100))
}
# Milliseconds of the day of the first log line matching $2 (an extended regular expression) in
# log $1, from its HH:MM:SS.mmm (after any colour codes Maven writes first); empty if none.
stamp() {
  grep -m1 -E "$2" "$1" | grep -m1 -oE '[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}' |
    awk -F'[:.]' '{ print (($1 * 60 + $2) * 60 + $3) * 1000 + $4 }'
}
# Where a run's time went, from log $1, the command's start $2 and its first answer $3 (ms of day).
phases() {
  local scan shared_from shared_to server
  scan=$(stamp "$1" 'Scanning for projects')
  shared_from=$(stamp "$1" 'maven-compiler-plugin:[^ ]*:compile .* @ chartfeed-shared ')
  shared_to=$(stamp "$1" 'testResources .* @ chartfeed-shared ')
  server=$(stamp "$1" 'exec-maven-plugin:[^ ]*:exec .* @ chartfeed-local-server ')
  if [ -n "$scan" ] && [ -n "$shared_from" ] && [ -n "$shared_to" ] && [ -n "$server" ]; then
    printf "  Maven's start %s s, the reactor to the first javac %s s, shared's javac %s s, the functions' and the local server's %s s, the server %s s\n" \
      "$(seconds "$2" "$scan")" "$(seconds "$scan" "$shared_from")" "$(seconds "$shared_from" "$shared_to")" \
      "$(seconds "$shared_to" "$server")" "$(seconds "$server" "$3")"
  fi
}
# Milliseconds of the day, in local time as Maven's log stamps are, of $1 (nanoseconds since the epoch).
ms_of_day() {
  date -d "@$(( $1 / 1000000000 ))" +'%H %M %S' |
    awk -v ms=$(( $1 / 1000000 % 1000 )) '{ print (($1 * 60 + $2) * 60 + $3) * 1000 + ms }'
}
echo "command: $CMD"
for run in $(seq 1 "$RUNS"); do
  clone=$(mktemp -d)
  log="$clone.log"
  git clone --quiet "$SOURCE" "$clone"
  load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
  start=$(date +%s%N)
  # A process group of its own, so that stopping it stops Maven and the server JVM it started.
  (cd "$clone" && PORT=$PORT MAVEN_OPTS="${MAVEN_OPTS:-} -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS" \
    exec setsid bash -c "$CMD") > "$log" 2>&1 &
  pid=$!
  if [ -n "${NICE:-}" ]; then
    # Once setsid has made the session (and with it the autogroup) of its own.
    until [ "$(awk '{ print $6 }' "/proc/$pid/stat" 2>/dev/null)" = "$pid" ] || ! kill -0 "$pid" 2>/dev/null; do
      sleep 0.01
    done
    echo "$NICE" > "/proc/$pid/autogroup" 2>/dev/null || echo "quick-start.sh: cannot set the autogroup nice value" >&2
  fi
  result=timeout
  while [ $(( ($(date +%s%N) - start) / 1000000000 )) -lt 300 ]; do
    if [ "$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$URL")" = 200 ]; then
      result=answered
      break
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      result="exited (see $log)"
      break
    fi
    sleep 0.1
  done
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  cpu=$(cpu_of_session "$pid")
  kill -- -"$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  printf 'run %d: %s after %d.%d s, %s CPU s, %d warning lines, load average %s\n' "$run" "$result" \
    $((elapsed / 1000)) $((elapsed % 1000 / 100)) "$cpu" "$(grep -c 'WARN' "$log")" "$load"
  [ "$result" = answered ] && start_ms=$(ms_of_day "$start") && phases "$log" "$start_ms" $((start_ms + elapsed))
  rm -rf "$clone"
  [ "$result" = answered ] && rm -f "$log"
done
