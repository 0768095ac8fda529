#!/usr/bin/env bash
# The match benchmark end to end (docs/BENCHMARKS.md, "Matching over HTTP"), on one node:
#   1. generate DONORS synthetic donors in 8 centres, split into match candidates (HLA-typed PLATELET
#      panel ~10%, RARE ~0.5%) and the rest (~89%);
#   2. start a dev Cassandra (bin/bloodbridge cassandra) and one node (bin/bloodbridge) configured
#      with the 8 centres;
#   3. import the candidates through the API (bin/bloodbridge import: entities, journal, projection);
#   4. seed the rest straight into the read-side table the pools rebuild from (SeedSummaries);
#   5. restart the node and time node start -> every pool ready (GET /api/v1/stats answers 200), and
#      -> every pool has brought its panel donors' records into memory (the node's log);
#   6. MatchLoad: platelets and red cells, 1 client then CLIENTS clients; FreshnessProbe;
#   7. print a table, stop the node and Cassandra.
#
# Environment (all optional): DONORS (1000000), DATA_DIR (/tmp/bb-matchbench; must not hold another
# run's data unless REUSE=1), SEED (7), AS_OF (today in Asia/Shanghai), LOAD_SECONDS (30 per load run),
# WARMUP (10 s before each measured run), WARM_SECONDS (30: a warm pass per product after the restart,
# not in the table; 0 to measure cold entities), CLIENTS (20), PROBES (50), BLOODBRIDGE_HTTP_PORT (8080), BLOODBRIDGE_CASSANDRA_PORT
# (9042), BLOODBRIDGE_REMOTE_PORT (25520), NODE_HEAP (6g), KEEP_RUNNING=1 (leave node and Cassandra up),
# CENTRE_WEIGHTS (3,3,1,1,1,1,1,1: the centres' relative sizes; empty for equal centres).
#
# REUSE=1 skips generation, import and seeding (a data dir of an earlier run): restart, load, probe.
# BLOODBRIDGE_NODE_PORT / BLOODBRIDGE_MANAGEMENT_PORT (25520 / 8558) and BLOODBRIDGE_CASSANDRA_STORAGE_PORT
# (7000) move the node's other sockets; BLOODBRIDGE_SKIP_BUILD=1 uses the jars as they are (no mvn).
#
# Sourced (bench/run-suite.sh does), it only defines the mb_* functions and the helpers both scripts
# use (run_harness, machine_line, the targets of bench/targets.tsv): the suite runs the same phases and
# adds its own figures while the node is up. Run directly, it is match_bench_main.
set -euo pipefail
mb_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Defaults and exported ports; call first.
mb_init() {
cd "$mb_root"
root=$mb_root
DONORS=${DONORS:-1000000}
DATA_DIR=${DATA_DIR:-/tmp/bb-matchbench}
SEED=${SEED:-7}
AS_OF=${AS_OF:-$(TZ=Asia/Shanghai date +%F)}
SECONDS_PER_RUN=${LOAD_SECONDS:-30}
WARMUP=${WARMUP:-10}
WARM_SECONDS=${WARM_SECONDS:-30}
CLIENTS=${CLIENTS:-20}
PROBES=${PROBES:-50}
# One node holding all 1,000,000 donors keeps ~1.4 GB live once its pools have brought the ~105,000
# panel donors' records in (about 10 KB each with their histories) and more as match requests pile up:
# at -Xmx2g G1 ran back-to-back collections (platelets 1 client p50 85 ms); -Xmx6g measured p50 13 ms.
NODE_HEAP=${NODE_HEAP:-6g}
CENTRES=CD,CQ,ZG,PZ,LZ,DY,MY,NC
# Relative centre sizes, in the order of CENTRES: real federations are uneven (the two large centres
# about 3 times the others), and the rebuild target must hold for the largest pool. Empty: equal sizes.
CENTRE_WEIGHTS=${CENTRE_WEIGHTS-3,3,1,1,1,1,1,1}
export BLOODBRIDGE_HTTP_PORT=${BLOODBRIDGE_HTTP_PORT:-8080}
export BLOODBRIDGE_CASSANDRA_PORT=${BLOODBRIDGE_CASSANDRA_PORT:-9042}
export BLOODBRIDGE_NODE_PORT=${BLOODBRIDGE_NODE_PORT:-${BLOODBRIDGE_REMOTE_PORT:-25520}}
export BLOODBRIDGE_MANAGEMENT_PORT=${BLOODBRIDGE_MANAGEMENT_PORT:-8558}
export BLOODBRIDGE_CASSANDRA_STORAGE_PORT=${BLOODBRIDGE_CASSANDRA_STORAGE_PORT:-7000}
export BLOODBRIDGE_KEYCLOAK_PORT=${BLOODBRIDGE_KEYCLOAK_PORT:-8180}
export BLOODBRIDGE_DATA_DIR=$DATA_DIR
# The harnesses and the import act as one subject: its allowance must not be what is measured.
export BLOODBRIDGE_RATE_LIMIT_PER_MINUTE=${BLOODBRIDGE_RATE_LIMIT_PER_MINUTE:-1000000000}
URL=http://127.0.0.1:$BLOODBRIDGE_HTTP_PORT
JAR=$root/bench/target/benchmarks.jar
mkdir -p "$DATA_DIR"
LOG=$DATA_DIR/bench.log
cassandra_pid=""
identity_pid=""
node_issuer=""
node_pid=""
import_ms=""
import_status=""
import_ops=""
METRICS_URL=http://127.0.0.1:$BLOODBRIDGE_MANAGEMENT_PORT/metrics
rebuild_ms=""
warm_ms=""
warm_records=""
load_targets
}

say() { echo "[$(date +%T)] $* (load average $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$LOG"; }
now_ms() { date +%s%3N; }
# A whole number with thousands separators; "?" when there is no figure.
fmt() { if [[ "$1" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then printf '%.0f' "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; else echo "?"; fi; }
# The machine the figures were measured on: cores, CPU model, memory, Java.
machine_line() {
  echo "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' || echo 'CPU model unknown'), $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, \`$(java -version 2>&1 | head -1)\`"
}

# ---- targets: bench/targets.tsv (key, comparison, value, unit, label), the only place they are set ----
TARGETS_FILE=$mb_root/bench/targets.tsv
# The keys the scripts look up: each must be in the file.
TARGET_KEYS="import eligibility-single-p99 eligibility-batch match-1-client-p99 match-clients-p99 match-clients-rate
  match-red-cells-1-client-p99 match-red-cells-clients-p99 match-red-cells-clients-rate
  freshness-p99 standing-freshness-p99 rebuild pool-bytes-per-donor grading"
declare -A target_op=() target_value=() target_label=()
load_targets() {
  local key op value unit label extra shown
  [ -f "$TARGETS_FILE" ] || { echo "no targets file $TARGETS_FILE" >&2; return 1; }
  while IFS=$'\t' read -r key op value unit label extra; do
    case "$key" in ''|'#'*) continue ;; esac
    if [ -z "$label" ] || [ -n "$extra" ] || { [ "$op" != '<=' ] && [ "$op" != '>=' ]; } \
        || ! [[ "$value" =~ ^[0-9]+(\.[0-9]+)?$ ]]; then
      echo "$TARGETS_FILE: want key, <= or >=, a number, unit, label (tab-separated) in: $key $op $value $unit $label" >&2
      return 1
    fi
    shown=$value; [[ "$value" =~ ^[0-9]+$ ]] && shown=$(fmt "$value")
    case "$label" in *"$op $shown"*) ;; *)
      echo "$TARGETS_FILE: the label of $key, '$label', does not say '$op $shown'" >&2; return 1 ;;
    esac
    target_op[$key]=$op; target_value[$key]=$value; target_label[$key]=$label
  done < "$TARGETS_FILE"
  for key in $TARGET_KEYS; do
    [ -n "${target_label[$key]:-}" ] || { echo "$TARGETS_FILE: no target $key" >&2; return 1; }
  done
}
# The target key prefix of a match product: match (platelets) or match-red-cells.
match_key() { if [ "$1" = RED_CELLS ]; then echo match-red-cells; else echo match; fi; }
# The table's text of target KEY.
target() { echo "${target_label[$1]}"; }
# verdict VALUE OP LIMIT: met / missed (or "no figure" when VALUE is empty).
verdict() {
  [ -n "$1" ] || { echo "no figure"; return; }
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN { ok = (op == "<=") ? (v + 0 <= l + 0) : (v + 0 >= l + 0); print ok ? "met" : "missed" }'
}
# target_verdict KEY VALUE: VALUE against target KEY.
target_verdict() {
  verdict "$2" "${target_op[$1]}" "${target_value[$1]}"
}

# run_harness COMMAND...: runs a harness; its output (without SLF4J's noise) to the log, the console and
# $DATA_DIR/last-run.out, its RESULT lines appended to $DATA_DIR/results.txt.
run_harness() {
  "$@" 2>&1 | grep -v '^SLF4J' | tee -a "$LOG" > "$DATA_DIR/last-run.out"
  cat "$DATA_DIR/last-run.out"
  grep '^RESULT' "$DATA_DIR/last-run.out" >> "$DATA_DIR/results.txt"
}
# The node's Cassandra requests so far (all its sessions), from its GET /metrics; empty if unreadable.
cassandra_ops() {
  java -cp "$JAR" org.bloodbridge.bench.CassandraOps --metrics "$METRICS_URL" 2>/dev/null || true
}
# The donors in the pools now (the stats' total at AS_OF).
pooled_donors() {
  curl -s -H "Authorization: Bearer $BLOODBRIDGE_TOKEN" "$URL/api/v1/stats?from=2020-01-01&to=$AS_OF" | sed 's/.*"total":{"donors":{[^}]*"to":\([0-9]*\).*/\1/'
}

stop_node() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill "$node_pid"; wait "$node_pid" 2>/dev/null || true
  fi
  node_pid=""
}
mb_cleanup() {
  if [ "${KEEP_RUNNING:-0}" = 1 ]; then
    echo "left running: node pid $node_pid, Cassandra pid $cassandra_pid, identity provider pid $identity_pid"; return
  fi
  stop_node
  local pid
  for pid in "$cassandra_pid" "$identity_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"; wait "$pid" 2>/dev/null || true
    fi
  done
  cassandra_pid=""
  identity_pid=""
}

# ---- build (bin/bloodbridge builds the server itself when its sources changed) ----
mb_build() {
if [ "${BLOODBRIDGE_SKIP_BUILD:-0}" = 1 ]; then
  [ -f "$JAR" ] || { echo "BLOODBRIDGE_SKIP_BUILD=1 but $JAR is missing" >&2; return 1; }
  return 0
fi
say "building bench and http"
mvn -B -q --no-transfer-progress -pl bench,http -am package -DskipTests
touch "$root/http/target/lib"   # bin/bloodbridge then sees the build as current
}

# ---- node configuration: the application's, with 8 centres; Cassandra ----
mb_start_cassandra() {
CONF=$DATA_DIR/matchbench.conf
cat > "$CONF" <<'EOF'
include classpath("application.conf")
# The import's POST lasts as long as the import (back-pressure); ~105,000 candidates at 30-200 donors/s
# can take longer than the default 1 h.
bloodbridge.import.request-timeout = 4h
# The heap above holds more donors' records than a default node's (docs/OPERATIONS.md, "Heap size").
pekko.cluster.sharding.passivation.default-strategy.active-entity-limit = 250000
bloodbridge.centres = [
  { code = "CD", name = "Chengdu Blood Center", region = "Sichuan" }
  { code = "CQ", name = "Chongqing Blood Center", region = "Chongqing" }
  { code = "ZG", name = "Zigong Blood Center", region = "Sichuan" }
  { code = "PZ", name = "Panzhihua Blood Center", region = "Sichuan" }
  { code = "LZ", name = "Luzhou Blood Center", region = "Sichuan" }
  { code = "DY", name = "Deyang Blood Center", region = "Sichuan" }
  { code = "MY", name = "Mianyang Blood Center", region = "Sichuan" }
  { code = "NC", name = "Nanchong Blood Center", region = "Sichuan" }
]
EOF

# ---- Cassandra and the dev identity provider, each its own process, so that a node restart measures
# the node and its pools, not Cassandra's or Keycloak's boot (production runs both elsewhere; a node
# that starts the dev Keycloak itself waits ~10 s for it before its actor system starts) ----
say "starting Cassandra on port $BLOODBRIDGE_CASSANDRA_PORT (data in $DATA_DIR/cassandra) and the dev identity provider"
bin/bloodbridge cassandra > "$DATA_DIR/cassandra.out" 2>&1 &
cassandra_pid=$!
bin/bloodbridge keycloak > "$DATA_DIR/keycloak.out" 2>&1 &
identity_pid=$!
await_line "$cassandra_pid" "$DATA_DIR/cassandra.out" "Cassandra ready" 180
say "Cassandra ready"
await_line "$identity_pid" "$DATA_DIR/keycloak.out" "Keycloak ready" 300
# The node signs callers in with it (start_node passes it as BLOODBRIDGE_OIDC_ISSUER: the node then starts
# no provider of its own). Not exported: bin/bloodbridge token refuses to run when that variable is set.
node_issuer=$(sed -n 's/^Keycloak ready: issuer \([^ ]*\).*/\1/p' "$DATA_DIR/keycloak.out")
say "dev identity provider ready: $node_issuer"
}

# await_line PID FILE TEXT SECONDS: waits until FILE holds TEXT; fails if PID exits or time runs out.
await_line() {
  local pid=$1 file=$2 text=$3
  for _ in $(seq 1 "$4"); do
    grep -q "$text" "$file" && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$file"; exit 1; }
    sleep 1
  done
  echo "$file: no '$text' after $4 s" >&2; exit 1
}

start_node() {
  BLOODBRIDGE_CASSANDRA=127.0.0.1:$BLOODBRIDGE_CASSANDRA_PORT BLOODBRIDGE_OIDC_ISSUER=$node_issuer \
  BLOODBRIDGE_JAVA_OPTS="-Xmx$NODE_HEAP -Xlog:gc:file=$DATA_DIR/node-gc-%p.log:uptime -Dconfig.file=$CONF ${NODE_JAVA_EXTRA:-}" \
    bin/bloodbridge >> "$DATA_DIR/node.out" 2>&1 &
  node_pid=$!
}
# The running node's stop-the-world GC pauses so far (its -Xlog:gc file) as a RESULT line (GcPauses:
# count, p50, p99, max, total), over the $1 seconds since it started.
gc_pauses() {
  local log="$DATA_DIR/node-gc-$node_pid.log"   # bin/bloodbridge execs the JVM: same pid
  [ -f "$log" ] || return 0
  java -cp "$JAR" org.bloodbridge.bench.GcPauses --log "$log" --over-seconds "$1"
}
# The harnesses' access token (every role the suite uses, at every centre), from the dev identity
# provider (mb_start_cassandra starts it); exported as BLOODBRIDGE_TOKEN. Empty until that provider
# answers. It outlives node restarts: the provider keeps running, and its port, realm and signing keys
# are kept under $DATA_DIR/keycloak.
bench_token() {
  [ -n "${BLOODBRIDGE_TOKEN:-}" ] && return 0
  local centres
  centres=$(echo "$CENTRES" | sed 's/,/ --centre /g')
  # shellcheck disable=SC2086
  BLOODBRIDGE_TOKEN=$(BLOODBRIDGE_SKIP_BUILD=1 bin/bloodbridge token --subject bench --centre $centres \
    --roles donor-site,recruiter,coordinator,registry-admin 2>/dev/null || true)
  export BLOODBRIDGE_TOKEN
}
# Waits until every centre's pool answers: /stats is 503 while a pool rebuilds. Prints the milliseconds.
wait_pools_ready() {
  local started=$1 code
  for _ in $(seq 1 3000); do
    bench_token
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -H "Authorization: Bearer ${BLOODBRIDGE_TOKEN:-none}" \
      "$URL/api/v1/stats?from=2020-01-01&to=$AS_OF" || true)
    [ "$code" = 200 ] && { echo $(( $(now_ms) - started )); return 0; }
    kill -0 "$node_pid" 2>/dev/null || { tail -50 "$DATA_DIR/node.out" >&2; return 1; }
    sleep 0.2
  done
  return 1
}

# Waits until every pool has brought its panel donors' records into memory (the node logs a line per
# pool, after the log's first $2 lines). Prints the milliseconds since $1.
wait_pools_warm() {
  local started=$1 skip=$2 centres n
  centres=$(echo "$CENTRES" | tr ',' '\n' | wc -l)
  for _ in $(seq 1 6000); do
    n=$(tail -n +"$(( skip + 1 ))" "$DATA_DIR/node.out" | grep -c "panel donors' records in memory" || true)
    [ "$n" -ge "$centres" ] && { echo $(( $(now_ms) - started )); return 0; }
    kill -0 "$node_pid" 2>/dev/null || { tail -50 "$DATA_DIR/node.out" >&2; return 1; }
    sleep 0.5
  done
  return 1
}

# ---- generate, import the candidates, seed the rest (skipped with REUSE=1) ----
mb_load() {
if [ "${REUSE:-0}" != 1 ]; then
  # ---- generate ----
  say "generating $DONORS donors, centres $CENTRES (weights ${CENTRE_WEIGHTS:-equal}), seed $SEED, as of $AS_OF"
  java -cp "$JAR" org.bloodbridge.bench.data.GenerateFederation --donors "$DONORS" --seed "$SEED" \
      --centres "$CENTRES" --centre-weights "$CENTRE_WEIGHTS" --as-of "$AS_OF" --split "$DATA_DIR/candidates.ndjson" "$DATA_DIR/rest.ndjson" 2>&1 | tee -a "$LOG"

  start_node
  t0=$(now_ms)
  wait_pools_ready "$t0" > /dev/null
  say "node up (empty pools)"

  # ---- candidates through the real import ----
  say "importing $(wc -l < "$DATA_DIR/candidates.ndjson") candidates through POST /api/v1/import"
  ops_before=$(cassandra_ops)
  t0=$(now_ms)
  set +e
  bin/bloodbridge import "$DATA_DIR/candidates.ndjson" > "$DATA_DIR/import.out" 2>&1
  import_status=$?
  set -e
  import_ms=$(( $(now_ms) - t0 ))
  ops_after=$(cassandra_ops)
  # Over the import's wall time: its lines' and whatever else the node did meanwhile (projections).
  [ -n "$ops_before" ] && [ -n "$ops_after" ] && import_ops=$(( ops_after - ops_before ))
  tail -5 "$DATA_DIR/import.out" | tee -a "$LOG"
  say "import exit status $import_status in $import_ms ms; ${import_ops:-?} Cassandra operations"

  # ---- the rest straight into the read side ----
  say "seeding $(wc -l < "$DATA_DIR/rest.ndjson") other donors into bloodbridge_readside.donor_summaries"
  java -cp "$JAR" org.bloodbridge.bench.SeedSummaries --file "$DATA_DIR/rest.ndjson" \
      --cassandra "127.0.0.1:$BLOODBRIDGE_CASSANDRA_PORT" --as-of "$AS_OF" --parallelism 64 2>&1 \
      | grep -v '^SLF4J' | tee "$DATA_DIR/seed.out" | tee -a "$LOG"
  # Let the projection catch up with the imported donors' events before the restart.
  sleep 5
fi
}

# ---- restart: node start -> every pool rebuilt ----
mb_restart() {
stop_node
say "restarting the node"
log_lines=$(wc -l < "$DATA_DIR/node.out")
node_started=$(now_ms)
start_node
rebuild_ms=$(wait_pools_ready "$node_started")
bench_token   # in this shell: wait_pools_ready ran in a subshell
say "every pool ready $rebuild_ms ms after the node process started"
warm_ms=$(wait_pools_warm "$node_started" "$log_lines")
warm_records=$(tail -n +"$(( log_lines + 1 ))" "$DATA_DIR/node.out" | grep "panel donors' records in memory" \
    | sed "s/.*: \([0-9]*\) panel donors.*/\1/" | awk '{ n += $1 } END { print n + 0 }')
say "every pool's $warm_records panel donors' records in memory $warm_ms ms after the node process started"
pooled=$(pooled_donors)
say "donors in the pools (stats total at $AS_OF): $pooled"
}

# ---- MatchLoad and FreshnessProbe; RESULT lines to $DATA_DIR/results.txt ----
mb_match() {
: > "$DATA_DIR/results.txt"
# The pools have brought their panel donors' records into memory (mb_restart waits for it), so the
# re-confirmations meet warm entities; the JIT is still cold. A warm pass (not in the table) of
# WARM_SECONDS per product with CLIENTS clients first.
if [ "$WARM_SECONDS" -gt 0 ]; then
  for product in PLATELETS_APHERESIS RED_CELLS; do
    say "warm pass (not in the table): MatchLoad $product, $CLIENTS clients, $WARM_SECONDS s"
    java -XX:+UseZGC -cp "$JAR" org.bloodbridge.bench.MatchLoad --url "$URL" --centres "$CENTRES" --seed 99 \
        --clients "$CLIENTS" --product "$product" --seconds "$WARM_SECONDS" --warmup 0 2>&1 | grep -v '^SLF4J' | tee -a "$LOG"
  done
fi
for product in PLATELETS_APHERESIS RED_CELLS; do
  for clients in 1 "$CLIENTS"; do
    say "MatchLoad $product, $clients client(s)"
    run_harness java -XX:+UseZGC -cp "$JAR" org.bloodbridge.bench.MatchLoad --url "$URL" --centres "$CENTRES" \
        --clients "$clients" --product "$product" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" --metrics "$METRICS_URL"
  done
done
say "FreshnessProbe, $PROBES probes"
run_harness java -cp "$JAR" org.bloodbridge.bench.FreshnessProbe --url "$URL" --centres "$CENTRES" --probes "$PROBES"
say "FreshnessProbe --standing, $PROBES probes"
run_harness java -cp "$JAR" org.bloodbridge.bench.FreshnessProbe --url "$URL" --centres "$CENTRES" --probes "$PROBES" --standing
pooled_end=$(pooled_donors)
}

# ---- table ----
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# Cassandra operations per imported line (over the import's wall time), "?" without a figure.
ops_per_line() {
  local lines
  lines=$(grep -cv '^[[:space:]]*$' "$DATA_DIR/candidates.ndjson" 2>/dev/null || echo 0)
  if [ -n "${import_ops:-}" ] && [ "$lines" -gt 0 ]; then awk -v o="$import_ops" -v n="$lines" 'BEGIN { printf "%.1f", o / n }'; else echo "?"; fi
}
# The MatchLoad runs' Cassandra operations per match, e.g. "PLATELETS_APHERESIS 1 client 3.1, 20 clients 2.9; ...".
ops_per_match() {
  local out="" product clients line v
  for product in PLATELETS_APHERESIS RED_CELLS; do
    out="$out${out:+; }$product"
    for clients in 1 "$CLIENTS"; do
      line=$(grep "^RESULT cassandra-ops-per-match product=$product clients=$clients " "$DATA_DIR/results.txt" | head -1 || true)
      v=$(field "$line" perMatch)
      if [ "$clients" = 1 ]; then out="$out 1 client ${v:-?},"; else out="$out $clients clients ${v:-?}"; fi
    done
  done
  echo "$out"
}
mb_table() {
{
  echo
  echo "Match benchmark: $DONORS donors generated (in the pools: ${pooled:-?} when ready, ${pooled_end:-?} at the end, with the probes' donors), centres $CENTRES, $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
  [ "${REUSE:-0}" != 1 ] && echo "import of candidates: ${import_ms} ms (exit status $import_status), $(ops_per_line) Cassandra operations per line; seeding: $(grep '^seeded' "$DATA_DIR/seed.out" || echo '?')"
  echo "restart -> every pool ready: ${rebuild_ms} ms (target $(target rebuild) for 1M); -> ${warm_records:-?} panel donors' records in memory: ${warm_ms:-?} ms"
  printf '%-20s %7s %10s %9s %9s %9s %9s %9s %6s %8s %7s\n' product clients matches/s p50_ms p90_ms p99_ms p99.9_ms max_ms cands missing non201
  grep '^RESULT product' "$DATA_DIR/results.txt" | while read -r line; do
    printf '%-20s %7s %10s %9s %9s %9s %9s %9s %6s %8s %7s\n' "$(field "$line" product)" "$(field "$line" clients)" \
      "$(field "$line" rate)" "$(field "$line" p50)" "$(field "$line" p90)" "$(field "$line" p99)" "$(field "$line" p999)" \
      "$(field "$line" max)" "$(field "$line" meanCandidates)" "$(field "$line" centresMissing)" "$(field "$line" non201)"
  done
  echo "Cassandra operations per match (the node's, over each measured run): $(ops_per_match)"
  line=$(grep '^RESULT freshness' "$DATA_DIR/results.txt" || true)
  echo "freshness (ack -> visible to matching), $(field "$line" probes) probes: p50 $(field "$line" p50) ms, p99 $(field "$line" p99) ms, max $(field "$line" max) ms, not seen $(field "$line" notSeen)"
  echo "targets (bench/targets.tsv): platelets $(target match-1-client-p99) (1 client), $(target match-clients-p99) and $(target match-clients-rate) ($CLIENTS clients); red cells $(target match-red-cells-1-client-p99), $(target match-red-cells-clients-p99) and $(target match-red-cells-clients-rate); freshness $(target freshness-p99), rebuild $(target rebuild)"
} | tee -a "$LOG"
}

# The stand-alone benches' start: their data dir emptied (all but the dev identity provider's keycloak
# directory: its first start, ~1.5 minutes, is not what they measure), then defaults, build, Cassandra
# and the identity provider.
mb_fresh_start() {
  if [ -d "$DATA_DIR" ]; then
    find "$DATA_DIR" -mindepth 1 -maxdepth 1 ! -name keycloak -exec rm -rf {} +
  fi
  mb_init
  trap mb_cleanup EXIT
  mb_build
  mb_start_cassandra
}

match_bench_main() {
  mb_init
  trap mb_cleanup EXIT
  mb_build
  mb_start_cassandra
  mb_load
  mb_restart
  mb_match
  mb_table
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  match_bench_main
fi
