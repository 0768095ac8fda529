#!/usr/bin/env bash
# The import alone, narrowly (docs/BENCHMARKS.md, "Bulk import"): generates DONORS donors (5,000) with
# their histories, starts a dev Cassandra and one node on a fresh data dir, imports every donor through
# POST /api/v1/import (bin/bloodbridge import) and prints donors/s and the Cassandra operations per
# import line, read from the node's GET /metrics (cassandra_session_cql_requests_seconds_count, every
# session) before and after:
#   RESULT import donors=N ms=... rate=... opsPerLine=... opsPerLineSettled=...
# "opsPerLine" counts the import's wall time; "Settled" adds the SETTLE_SECONDS (15) after it, when the
# read-side projection catches up. The idle rate (IDLE_SECONDS, 10, before the import: health checks,
# projections polling) is measured and subtracted from both.
#
# TRACE_CQL=1 also logs every Cassandra request the node makes (the driver's RequestLogger, to
# $DATA_DIR/cql.log) and prints the statements by kind and count per import line: for analysis only,
# the logging itself costs the node CPU, so its donors/s is not a figure.
#
# JFR=1 records the node with Java Flight Recorder ($DATA_DIR/node.jfr, when it stops).
# IMPORT_PARALLELISM sets bloodbridge.import.parallelism (lines in flight; application.conf: 16).
# Environment: the match benchmark's (bench/run-match-bench.sh: DATA_DIR, default /tmp/bb-importbench,
# SEED, AS_OF, ports, NODE_HEAP, BLOODBRIDGE_SKIP_BUILD). The data dir is wiped at start except its
# keycloak directory (the dev identity provider's first start, ~1.5 minutes, is not what is measured).
set -euo pipefail
DONORS=${DONORS:-5000}
export DATA_DIR=${DATA_DIR:-/tmp/bb-importbench}
NODE_HEAP=${NODE_HEAP:-2g}
SETTLE_SECONDS=${SETTLE_SECONDS:-15}
IDLE_SECONDS=${IDLE_SECONDS:-10}
# shellcheck source=bench/run-match-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/run-match-bench.sh"

mb_fresh_start

JAVA_EXTRA=""
if [ "${JFR:-0}" = 1 ]; then
  # A profile of the node (docs/BENCHMARKS.md): written when the node stops, to $DATA_DIR/node.jfr.
  JAVA_EXTRA="-XX:StartFlightRecording=filename=$DATA_DIR/node.jfr,settings=profile,dumponexit=true"
fi
if [ -n "${IMPORT_PARALLELISM:-}" ]; then
  echo "bloodbridge.import.parallelism = $IMPORT_PARALLELISM" >> "$CONF"
fi
if [ "${TRACE_CQL:-0}" = 1 ]; then
  cat >> "$CONF" <<'EOF'
datastax-java-driver.advanced.request-tracker {
  classes = [RequestLogger]
  logs { success.enabled = true, slow.enabled = true, error.enabled = true, max-query-length = 2000, show-values = false }
}
EOF
  cat > "$DATA_DIR/logback-trace.xml" <<EOF
<configuration>
  <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n</pattern></encoder>
  </appender>
  <appender name="CQL" class="ch.qos.logback.core.FileAppender">
    <file>$DATA_DIR/cql.log</file>
    <encoder><pattern>%d{HH:mm:ss.SSS} %msg%n</pattern></encoder>
  </appender>
  <logger name="com.datastax.oss.driver.internal.core.tracker.RequestLogger" level="INFO" additivity="false">
    <appender-ref ref="CQL"/>
  </logger>
  <logger name="com.datastax" level="WARN"/>
  <logger name="org.apache.pekko.persistence.cassandra" level="WARN"/>
  <root level="INFO"><appender-ref ref="STDOUT"/></root>
</configuration>
EOF
  JAVA_EXTRA="$JAVA_EXTRA -Dlogback.configurationFile=$DATA_DIR/logback-trace.xml"
fi

say "generating $DONORS donors, centres $CENTRES, seed $SEED, as of $AS_OF"
java -cp "$JAR" org.bloodbridge.bench.data.GenerateFederation --donors "$DONORS" --seed "$SEED" \
    --centres "$CENTRES" --as-of "$AS_OF" --out "$DATA_DIR/donors.ndjson" 2>&1 | tee -a "$LOG"

BLOODBRIDGE_CASSANDRA=127.0.0.1:$BLOODBRIDGE_CASSANDRA_PORT BLOODBRIDGE_OIDC_ISSUER=$node_issuer \
BLOODBRIDGE_JAVA_OPTS="-Xmx$NODE_HEAP -Dconfig.file=$CONF $JAVA_EXTRA" \
  bin/bloodbridge >> "$DATA_DIR/node.out" 2>&1 &
node_pid=$!
wait_pools_ready "$(now_ms)" > /dev/null
bench_token
say "node up"

METRICS=http://127.0.0.1:$BLOODBRIDGE_MANAGEMENT_PORT/metrics
ops() { java -cp "$JAR" org.bloodbridge.bench.CassandraOps --metrics "$METRICS"; }
cql_lines() { if [ -f "$DATA_DIR/cql.log" ]; then wc -l < "$DATA_DIR/cql.log"; else echo 0; fi; }

# A fresh node's projections first scan every empty hour since events-by-tag's first-time-bucket (thousands
# of queries a second for a while): wait until the rate stops falling (under 10 % down over IDLE_SECONDS,
# at most 5 minutes), so that the idle rate subtracted below is the steady one.
idle0=$(ops); sleep "$IDLE_SECONDS"; idle1=$(ops)
for _ in $(seq 1 30); do
  prev=$(( idle1 - idle0 )); idle0=$idle1; sleep "$IDLE_SECONDS"; idle1=$(ops)
  say "idle so far: $(( (idle1 - idle0) / IDLE_SECONDS )) Cassandra operations/s"
  [ $(( (idle1 - idle0) * 10 )) -ge $(( prev * 9 )) ] && break
done
cql0=$(cql_lines)
say "idle: $(awk -v a="$idle0" -v b="$idle1" -v s="$IDLE_SECONDS" 'BEGIN { printf "%.1f", (b - a) / s }') Cassandra operations/s"

# CPU seconds (user + system) a process and its children (the dev Cassandra runs in a child JVM) have used
# so far, from /proc.
cpu_seconds() {
  local p total=0
  for p in "$1" $(pgrep -P "$1" || true); do
    total=$(awk -v t="$total" -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", t + ($14 + $15) / hz }' "/proc/$p/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}
lines=$(grep -cv '^[[:space:]]*$' "$DATA_DIR/donors.ndjson")
say "importing $lines donors through POST /api/v1/import"
before=$(ops)
cass_cpu0=$(cpu_seconds "$cassandra_pid"); node_cpu0=$(cpu_seconds "$node_pid")
t0=$(now_ms)
set +e
BLOODBRIDGE_TOKEN=$BLOODBRIDGE_TOKEN bin/bloodbridge import "$DATA_DIR/donors.ndjson" > "$DATA_DIR/import.out" 2>&1
import_status=$?
set -e
import_ms=$(( $(now_ms) - t0 ))
at_end=$(ops)
cass_cpu1=$(cpu_seconds "$cassandra_pid"); node_cpu1=$(cpu_seconds "$node_pid")
cql1=$(cql_lines)
tail -3 "$DATA_DIR/import.out" | tee -a "$LOG"
sleep "$SETTLE_SECONDS"
settled=$(ops)
cql2=$(cql_lines)
say "import exit status $import_status in $import_ms ms"

awk -v n="$lines" -v ms="$import_ms" -v i0="$idle0" -v i1="$idle1" -v is="$IDLE_SECONDS" -v b="$before" -v e="$at_end" \
    -v s="$settled" -v ss="$SETTLE_SECONDS" -v c0="$cass_cpu0" -v c1="$cass_cpu1" -v n0="$node_cpu0" -v n1="$node_cpu1" 'BEGIN {
  idle = (i1 - i0) / is
  printf "RESULT import donors=%d ms=%d rate=%.1f opsPerLine=%.2f opsPerLineSettled=%.2f idleOpsPerSecond=%.1f cassandraCpuMsPerLine=%.2f nodeCpuMsPerLine=%.2f\n",
    n, ms, n * 1000 / ms, (e - b - idle * ms / 1000) / n, (s - b - idle * (ms / 1000 + ss)) / n, idle, (c1 - c0) * 1000 / n, (n1 - n0) * 1000 / n
}' | tee -a "$LOG" "$DATA_DIR/results.txt"

if [ "${TRACE_CQL:-0}" = 1 ]; then
  # Statement kinds of the import and its settling (records span lines: joined first), per import line;
  # the idle rate is not subtracted here.
  echo "Cassandra requests by session and statement, per import line (import + $SETTLE_SECONDS s settle):"
  sed -n "$(( cql0 + 1 )),${cql2}p" "$DATA_DIR/cql.log" | awk -v n="$lines" '
    function flush(  s, sess, q, q2, w) {
      if (rec == "") return
      s = rec; sub(/^[0-9:.]+ \[/, "", s); sess = s; sub(/\|.*/, "", sess)
      q = rec; sub(/.*values\] /, "", q); gsub(/[ \t]+/, " ", q); sub(/^ /, "", q)
      if (q ~ /^BEGIN/) { q2 = q; sub(/^BEGIN [A-Z ]*BATCH /, "", q2); split(q2, w, " "); q = "BATCH of " w[1] " " w[2] " " w[3] }
      else if (q ~ /^SELECT/) { q = substr(q, 1, 70); sub(/ WHERE.*/, "", q); q = q " ..." }
      else { split(q, w, " "); q = w[1] " " w[2] " " w[3] " ..."; if (rec ~ /IF NOT EXISTS/) q = q " IF NOT EXISTS" }
      count[sess " | " q]++; total++; rec = ""
    }
    /^[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\.[0-9]+ \[/ { flush(); rec = $0; next }
    { rec = rec " " $0 }
    END { flush(); for (k in count) printf "%7d %7.2f  %s\n", count[k], count[k] / n, k; printf "%7d %7.2f  total\n", total, total / n }' \
    | sort -rn | tee -a "$LOG" "$DATA_DIR/cql-by-statement.txt"
fi
