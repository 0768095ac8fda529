#!/usr/bin/env bash
# Pool rebuild alone (docs/BENCHMARKS.md, "Pool rebuild with uneven centres"): generates DONORS donors
# (1,000,000) in the match benchmark's 8 centres, weighted CENTRE_WEIGHTS (3,3,1,1,1,1,1,1: the two large
# centres three times the others), seeds every one of them straight into the read side the pools rebuild
# from (SeedSummaries; no import: the rebuild reads donor_summaries only), then restarts the node
# RESTARTS times (3) and prints, per restart, node process start -> every pool ready:
#   RESULT rebuild donors=N restart=K ms=...
# and the rows per centre. Environment: the match benchmark's (bench/run-match-bench.sh: DATA_DIR,
# default /tmp/bb-rebuildbench, SEED, AS_OF, ports, NODE_HEAP, BLOODBRIDGE_SKIP_BUILD). The data dir is
# wiped at start except its keycloak directory. JFR=1 records each restart with Java Flight Recorder.
set -euo pipefail
export DATA_DIR=${DATA_DIR:-/tmp/bb-rebuildbench}
RESTARTS=${RESTARTS:-3}
# shellcheck source=bench/run-match-bench.sh
source "$(dirname "${BASH_SOURCE[0]}")/run-match-bench.sh"

mb_fresh_start

say "generating $DONORS donors, centres $CENTRES (weights ${CENTRE_WEIGHTS:-equal}), seed $SEED, as of $AS_OF"
java -cp "$JAR" org.bloodbridge.bench.data.GenerateFederation --donors "$DONORS" --seed "$SEED" \
    --centres "$CENTRES" --centre-weights "$CENTRE_WEIGHTS" --as-of "$AS_OF" --out "$DATA_DIR/donors.ndjson" 2>&1 | tee -a "$LOG"
say "donors per centre: $(cut -c1-20 "$DATA_DIR/donors.ndjson" | sed 's/^{"centre":"\([A-Z]*\)".*/\1/' | sort | uniq -c | tr '\n' ' ')"

start_node   # creates the schema
wait_pools_ready "$(now_ms)" > /dev/null
stop_node
say "seeding $(wc -l < "$DATA_DIR/donors.ndjson") donors into bloodbridge_readside.donor_summaries"
java -cp "$JAR" org.bloodbridge.bench.SeedSummaries --file "$DATA_DIR/donors.ndjson" \
    --cassandra "127.0.0.1:$BLOODBRIDGE_CASSANDRA_PORT" --as-of "$AS_OF" --parallelism 64 2>&1 \
    | grep -v '^SLF4J' | tee -a "$LOG"

for restart in $(seq 1 "$RESTARTS"); do
  if [ "${JFR:-0}" = 1 ]; then
    # A profile of each restart (docs/BENCHMARKS.md), written when the node stops: $DATA_DIR/rebuild-K.jfr.
    NODE_JAVA_EXTRA="-XX:StartFlightRecording=filename=$DATA_DIR/rebuild-$restart.jfr,settings=profile,dumponexit=true"
  fi
  node_started=$(now_ms)
  start_node
  ms=$(wait_pools_ready "$node_started")
  echo "RESULT rebuild donors=$DONORS restart=$restart ms=$ms" | tee -a "$LOG"
  stop_node
done
