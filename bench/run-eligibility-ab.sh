#!/usr/bin/env bash
# Joint screening A/B (docs/BENCHMARKS.md, "Checks from the eligibility shards"): EligibilityLoad against
# the nodes of two trees, TREE_A and TREE_B (each built first: mvn -B -q -pl http,bench -am package
# -DskipTests), in alternating rounds A B A B (ROUNDS, 4). One dev Cassandra and identity provider serve
# every round; each round is a fresh node of its tree on the same data (the first round also registers
# the DONORS donors, 20,000; later rounds find them: 409). In each round the harness (this tree's) runs
# once per rate of RATES ("300 1000"), single checks open loop for LOAD_SECONDS (30) after its warm-up,
# then BATCHES (5) batch checks of 10,000 donors after the last rate. Prints, per round and rate:
#   ROUND <n> <A|B> rate=<r> p50=... p99=... errors=... batch=...
# Environment as bench/run-match-bench.sh (DATA_DIR, default /tmp/bb-eligab, ports, NODE_HEAP 2g).
set -euo pipefail
: "${TREE_A:?a built tree}" "${TREE_B:?a built tree}"
export DATA_DIR=${DATA_DIR:-/tmp/bb-eligab}
export BLOODBRIDGE_SKIP_BUILD=1
DONORS=${DONORS:-20000}
RATES=${RATES:-300 1000}
ROUNDS=${ROUNDS:-4}
BATCHES=${BATCHES:-5}
NODE_HEAP=${NODE_HEAP:-2g}
# shellcheck source=bench/run-match-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/run-match-bench.sh"

mb_fresh_start
HARNESS_JAR=$JAR

for round in $(seq 1 "$ROUNDS"); do
  if [ $(( round % 2 )) = 1 ]; then tree_name=A; tree=$TREE_A; else tree_name=B; tree=$TREE_B; fi
  say "round $round: tree $tree_name ($tree, $(git -C "$tree" rev-parse --short HEAD))"
  (cd "$tree" && BLOODBRIDGE_CASSANDRA=127.0.0.1:$BLOODBRIDGE_CASSANDRA_PORT BLOODBRIDGE_OIDC_ISSUER=$node_issuer \
    BLOODBRIDGE_JAVA_OPTS="-Xmx$NODE_HEAP -Dconfig.file=$CONF ${NODE_JAVA_EXTRA:-}" \
    exec bin/bloodbridge) >> "$DATA_DIR/node-$round.out" 2>&1 &
  node_pid=$!
  wait_pools_ready "$(now_ms)" > /dev/null
  bench_token
  rates=($RATES)
  for rate in "${rates[@]}"; do
    batches=0; [ "$rate" = "${rates[-1]}" ] && batches=$BATCHES
    java -XX:+UseZGC -cp "$HARNESS_JAR" org.bloodbridge.bench.EligibilityLoad --url "$URL" --donors "$DONORS" \
        --rate "$rate" --seconds "${LOAD_SECONDS:-30}" --batches "$batches" 2>&1 | grep -v '^SLF4J' \
        > "$DATA_DIR/round-$round-$rate.out" || true
    grep -E 'RESULT|measured|batch' "$DATA_DIR/round-$round-$rate.out" | tee -a "$LOG"
    say "ROUND $round $tree_name rate=$rate done"
  done
  stop_node
done
