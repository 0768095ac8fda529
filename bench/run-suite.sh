#!/usr/bin/env bash
# The whole benchmark suite in one command (docs/BENCHMARKS.md, "Latest suite run"; also
# `bin/bloodbridge bench`). On one node it runs, in this order:
#   1. the match benchmark's phases (bench/run-match-bench.sh, sourced: the same code): generate
#      --donors N donors in 8 centres, start a dev Cassandra and a node, import the match candidates
#      through the API (import throughput), seed the rest, restart and time the pool rebuild, warm
#      pass, MatchLoad (platelets and red cells, 1 and 20 clients), FreshnessProbe;
#   2. EligibilityLoad against the same node: first the cold checks (COLD_DONORS other donors, 2000,
#      imported untimed after the candidates, in no panel, so not in memory after the restart: each
#      checked once, open loop at 50/s), then over the imported candidates (up to 100000, with their
#      histories): each checked once (first touch), then single checks open loop at --rate req/s,
#      then batch checks; then the node's GC pauses since its restart (its -Xlog:gc file);
#   3. stops the node and Cassandra, then PoolMemory (pool heap per donor, max(N, 100000) donors, with
#      the node's heap and G1 region size) and JMH (grading
#      inner loop, DonorEvaluationBenchmark.evaluateColumnarPool; the eligibility rules, EligibilityBenchmark);
#   4. prints one table, every figure next to its target (from bench/targets.tsv, the one place they are
#      set); with --write-docs also replaces the block between <!-- suite:begin --> and <!-- suite:end -->
#      in docs/BENCHMARKS.md with it, the date, the machine and the command line.
#
# Options: --donors N (1000000), --rate R (1000 single checks/s; 200 with --quick), --seconds S (20 s of single checks),
#   --quick (a smoke run: 3 s loads, 20 probes, 3 s of checks, JMH one 1 s iteration), --write-docs.
# Environment: DATA_DIR (default /tmp/bb-suite-<donors>, wiped at start), the match benchmark's
#   variables (LOAD_SECONDS, WARMUP, WARM_SECONDS, CLIENTS, PROBES, NODE_HEAP, SEED, AS_OF),
#   BLOODBRIDGE_HTTP_PORT, BLOODBRIDGE_CASSANDRA_PORT, BLOODBRIDGE_CASSANDRA_STORAGE_PORT,
#   BLOODBRIDGE_NODE_PORT, BLOODBRIDGE_MANAGEMENT_PORT (each a free port when unset, so the suite never
#   meets a developer's node or Cassandra), BLOODBRIDGE_SKIP_BUILD=1 (use the jars as built; no mvn),
#   SUITE_COMMAND (the command line to record; bin/bloodbridge sets it).
set -euo pipefail
suite_root=$(cd "$(dirname "$0")/.." && pwd)
command_line=${SUITE_COMMAND:-bench/run-suite.sh $*}

donors=1000000
rate=""
elig_seconds=20
quick=0
write_docs=0
while [ $# -gt 0 ]; do
  case "$1" in
    --donors) donors=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --seconds) elig_seconds=$2; shift 2 ;;
    --quick) quick=1; shift ;;
    --write-docs) write_docs=1; shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/p}' "$0"; exit 0 ;;
    *) echo "unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$donors" =~ ^[0-9]+$ ]] || [ "$donors" -lt 100 ]; then echo "--donors must be a number >= 100" >&2; exit 2; fi

# A port nobody listens on (a TCP connect to it fails), different from the ones already taken.
taken=" "
free_port() {
  local p
  while :; do
    p=$(( 20000 + RANDOM % 30000 ))
    case "$taken" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}
for var in BLOODBRIDGE_HTTP_PORT BLOODBRIDGE_CASSANDRA_PORT BLOODBRIDGE_CASSANDRA_STORAGE_PORT \
           BLOODBRIDGE_NODE_PORT BLOODBRIDGE_MANAGEMENT_PORT; do
  if [ -z "${!var:-}" ]; then
    port=$(free_port); taken="$taken$port "; export "$var=$port"
  fi
done

export DONORS=$donors
export DATA_DIR=${DATA_DIR:-/tmp/bb-suite-$donors}
if [ "$quick" = 1 ]; then
  export LOAD_SECONDS=${LOAD_SECONDS:-3} WARMUP=${WARMUP:-1} WARM_SECONDS=${WARM_SECONDS:-2} PROBES=${PROBES:-20}
  export NODE_HEAP=${NODE_HEAP:-1g}
  # A smoke on a busy CI machine: a rate the node keeps up with while its JIT is still cold.
  elig_seconds=3; elig_warmup=1; batches=2; rate=${rate:-200}; export COLD_DONORS=${COLD_DONORS:-100}
  jmh_opts=(-f 1 -wi 1 -i 1 -r 1s -w 1s)
else
  elig_warmup=$(( elig_seconds / 5 > 5 ? elig_seconds / 5 : 5 )); batches=5; rate=${rate:-1000}; export COLD_DONORS=${COLD_DONORS:-2000}
  jmh_opts=(-f 1 -wi 2 -i 3 -r 2s -w 2s)
fi
# A fresh data dir: the generated files, Cassandra and the node's data belong to this run only.
case "$DATA_DIR" in /|"$HOME"|"$suite_root") echo "refusing DATA_DIR=$DATA_DIR" >&2; exit 2 ;; esac
rm -rf "$DATA_DIR"
unset REUSE KEEP_RUNNING

# shellcheck source-path=SCRIPTDIR source=run-match-bench.sh
source "$suite_root/bench/run-match-bench.sh"
mb_init
trap mb_cleanup EXIT
trap 'exit 143' TERM INT
say "suite: $donors donors, ports http $BLOODBRIDGE_HTTP_PORT, cql $BLOODBRIDGE_CASSANDRA_PORT, storage $BLOODBRIDGE_CASSANDRA_STORAGE_PORT, node $BLOODBRIDGE_NODE_PORT, management $BLOODBRIDGE_MANAGEMENT_PORT; data in $DATA_DIR"
mb_build
mb_start_cassandra
mb_load
mb_restart
mb_match

candidates=$(wc -l < "$DATA_DIR/candidates.ndjson")
elig_donors=$(( candidates < 100000 ? candidates : 100000 ))
say "EligibilityLoad: $elig_donors imported donors, $rate checks/s for $elig_seconds s, $batches batches"
run_harness java -XX:+UseZGC -cp "$JAR" org.bloodbridge.bench.EligibilityLoad --url "$URL" --donors "$elig_donors" \
    --donors-from "$DATA_DIR/candidates.ndjson" --cold-from "$DATA_DIR/cold.ndjson" --cold-rate 50 \
    --rate "$rate" --seconds "$elig_seconds" --warmup "$elig_warmup" --batches "$batches"
gc_pauses $(( ($(now_ms) - node_started) / 1000 )) | tee -a "$LOG" >> "$DATA_DIR/results.txt"
mb_table

# The JVM-local figures on quiet cores: stop the node and Cassandra first.
mb_cleanup
# At least 100,000 donors: below that the indexes' fixed cost dominates the per-donor figure.
pool_donors=$(( donors > 100000 ? donors : 100000 ))
say "PoolMemory, $pool_donors donors"
# The heap and G1 regions the node runs with (bin/bloodbridge): the region size decides whether the
# index's ~1 MB columns are humongous objects that waste most of a region.
run_harness java -Xmx"$NODE_HEAP" -XX:G1HeapRegionSize=4m -cp "$JAR" org.bloodbridge.bench.PoolMemory "$pool_donors"
say "JMH ${jmh_opts[*]}: grading inner loop and eligibility rules"
java -jar "$JAR" 'DonorEvaluationBenchmark.evaluateColumnarPool|EligibilityBenchmark' "${jmh_opts[@]}" -t 1 \
    -rf csv -rff "$DATA_DIR/jmh.csv" 2>&1 | tee -a "$LOG" | grep -E '^(Benchmark|[A-Z][A-Za-z]*Benchmark\.)' || true

# ---- the table ----
result() { grep "^RESULT $1 " "$DATA_DIR/results.txt" | head -1 || true; }
match_result() { grep "^RESULT product=$1 clients=$2 " "$DATA_DIR/results.txt" | head -1 || true; }
jmh_score() { awk -F, -v b="\"org.bloodbridge.bench.$1\"" '$1 == b { printf "%.0f", $5 }' "$DATA_DIR/jmh.csv" 2>/dev/null || true; }
# A RESULT line's field, "?" when missing (the smoke test looks for "?").
fv() { local v; v=$(field "$1" "$2"); echo "${v:-?}"; }
both() {
  if [ "$1" = met ] && [ "$2" = met ]; then echo met
  elif [ "$1" = "no figure" ] || [ "$2" = "no figure" ]; then echo "no figure"
  else echo missed; fi
}

import_rate=""
[ "${import_status:-1}" = 0 ] && [ "${import_ms:-0}" -gt 0 ] && import_rate=$(awk -v n="$candidates" -v ms="$import_ms" 'BEGIN { printf "%.0f", n * 1000 / ms }')
single=$(result eligibility-single); batch=$(result eligibility-batch); first=$(result eligibility-first-touch); cold=$(result eligibility-cold); fresh=$(result freshness); standing=$(result standing-freshness)
pool=$(result pool-memory); gc=$(result node-gc)
grading=$(jmh_score DonorEvaluationBenchmark.evaluateColumnarPool)
rules_heavy=$(jmh_score EligibilityBenchmark.regularDonorBlockedByInterval)
rules_first=$(jmh_score EligibilityBenchmark.firstTimeDonorEligible)
rebuild_s=$(awk -v ms="${rebuild_ms:-}" 'BEGIN { if (ms != "") printf "%.1f", ms / 1000 }')

table=$DATA_DIR/table.md
{
  echo "| figure | result | target | verdict |"
  echo "|---|---|---|---|"
  echo "| import (POST /api/v1/import, $(fmt "$candidates") match candidates with their histories; wall time of bin/bloodbridge import) | $(fmt "$import_rate") donors/s | $(target import) | $(target_verdict import "$import_rate") |"
  opl=$(ops_per_line)
  echo "| Cassandra operations per import line (the node's, all sessions, over the import's wall time: entity recovery and journal, tag views, read side) | $opl | (no target) | $([ "$opl" != "?" ] && echo "n/a" || echo "no figure") |"
  s99=$(field "$single" p99)
  echo "| eligibility single check, open loop at $(fmt "$(fv "$single" rate)")/s ($(fmt "$elig_donors") donors; achieved $(fmt "$(fv "$single" achieved)")/s, errors $(fv "$single" errors)) | p50 $(fv "$single" p50) ms, p99 ${s99:-?} ms | $(target eligibility-single-p99) | $(target_verdict eligibility-single-p99 "$s99") |"
  bm=$(field "$batch" median)
  echo "| eligibility batch ($(fv "$batch" batches) x $(fmt "$(fv "$batch" size)") donors, median) | $(fmt "$bm") checks/s | $(target eligibility-batch) | $(target_verdict eligibility-batch "$bm") |"
  c99=$(field "$cold" p99)
  echo "| eligibility cold single check ($(fmt "$(fv "$cold" requests)") donors outside every panel, each's first check since the restart, open loop at $(fv "$cold" rate)/s; errors $(fv "$cold" errors)) | p50 $(fv "$cold" p50) ms, p99 ${c99:-?} ms | $(target eligibility-cold-p99) | $(target_verdict eligibility-cold-p99 "$c99") |"
  cr=$(field "$first" rate)
  echo "| eligibility first touch (each of the $(fmt "$(fv "$first" donors)") donors' first check since the restart, batches of 1,000; their records already in memory: the pools bring panel donors' in) | $(fmt "$cr") checks/s | (no target) | $([ -n "$cr" ] && echo "n/a" || echo "no figure") |"
  for product in PLATELETS_APHERESIS RED_CELLS; do
    m1=$(match_result "$product" 1); mn=$(match_result "$product" "$CLIENTS"); k=$(match_key "$product")
    p1=$(field "$m1" p99); pn=$(field "$mn" p99); rn=$(field "$mn" rate)
    echo "| match $product, 1 client | $(fv "$m1" rate)/s, p50 $(fv "$m1" p50) ms, p99 ${p1:-?} ms | $(target "$k-1-client-p99") | $(target_verdict "$k-1-client-p99" "$p1") |"
    echo "| match $product, $CLIENTS clients | ${rn:-?}/s, p50 $(fv "$mn" p50) ms, p99 ${pn:-?} ms | $(target "$k-clients-p99"), $(target "$k-clients-rate") | $(both "$(target_verdict "$k-clients-p99" "$pn")" "$(target_verdict "$k-clients-rate" "$rn")") |"
  done
  opm=$(ops_per_match)
  echo "| Cassandra operations per match (the node's, all sessions, over each measured MatchLoad run) | $opm | (no target) | $(case "$opm" in *'?'*) echo "no figure" ;; *) echo "n/a" ;; esac) |"
  f99=$(field "$fresh" p99)
  echo "| freshness, $(fv "$fresh" probes) probes (register ack -> proposed by a match; not seen $(fv "$fresh" notSeen)) | p50 $(fv "$fresh" p50) ms, p99 ${f99:-?} ms | $(target freshness-p99) | $(target_verdict freshness-p99 "$f99") |"
  s99=$(field "$standing" p99)
  echo "| standing request freshness, $(fv "$standing" probes) probes (register ack -> appended to an open standing request; not seen $(fv "$standing" notSeen)) | p50 $(fv "$standing" p50) ms, p99 ${s99:-?} ms | $(target standing-freshness-p99) | $(target_verdict standing-freshness-p99 "$s99") |"
  echo "| restart -> every pool ready ($(fmt "$DONORS") donors; node JVM start included) | ${rebuild_s:-?} s | $(target rebuild) | $(target_verdict rebuild "$rebuild_s") |"
  warm_s=$(awk -v ms="${warm_ms:-}" 'BEGIN { if (ms != "") printf "%.1f", ms / 1000 }')
  echo "| restart -> panel donors' records in memory ($(fmt "${warm_records:-}") records, 4 at a time per pool) | ${warm_s:-?} s | (no target) | $([ -n "$warm_s" ] && echo "n/a" || echo "no figure") |"
  gt=$(awk -v ms="$(field "$gc" totalMs)" 'BEGIN { if (ms != "") printf "%.1f", ms / 1000 }')
  echo "| node GC pauses, restart to the end of the eligibility checks ($(fv "$gc" overSeconds) s; -Xmx$NODE_HEAP, G1) | $(fmt "$(fv "$gc" pauses)") pauses, p50 $(fv "$gc" p50) ms, p99 $(fv "$gc" p99) ms, max $(fv "$gc" max) ms, ${gt:-?} s in all | (no target) | $([ -n "$gt" ] && echo "n/a" || echo "no figure") |"
  bpd=$(field "$pool" bytesPerDonor)
  echo "| pool heap per donor (PoolMemory, $(fmt "$(fv "$pool" donors)") donors in 8 indexes; -Xmx$NODE_HEAP, 4 MB G1 regions, as the node) | ${bpd:-?} B | $(target pool-bytes-per-donor) | $(target_verdict pool-bytes-per-donor "$bpd") |"
  echo "| JMH grading inner loop (evaluateColumnarPool, 1 thread) | $(fmt "$grading") evaluations/s | $(target grading) | $(target_verdict grading "$grading") |"
  echo "| JMH eligibility rules, heavy history (regularDonorBlockedByInterval, 1 thread) | $(fmt "$rules_heavy") checks/s | (no target; batch above) | $([ -n "$rules_heavy" ] && echo "n/a" || echo "no figure") |"
  echo "| JMH eligibility rules, first-time donor (firstTimeDonorEligible, 1 thread) | $(fmt "$rules_first") checks/s | (no target) | $([ -n "$rules_first" ] && echo "n/a" || echo "no figure") |"
} > "$table"

size_note=""
[ "$DONORS" -lt 1000000 ] && size_note=" Below 1,000,000 donors (the size the match, rebuild and import targets are set for) the figures show that the suite works, not whether a target is met at size."
[ "$quick" = 1 ] && size_note="$size_note --quick: smoke durations."
machine=$(machine_line)
{
  echo
  echo "Benchmark suite, $(date -u '+%Y-%m-%d %H:%M UTC'): $(fmt "$DONORS") donors; $machine; load average $(cut -d' ' -f1-3 /proc/loadavg).$size_note"
  echo
  cat "$table"
} | tee "$DATA_DIR/summary.md"

if [ "$write_docs" = 1 ]; then
  docs=$suite_root/docs/BENCHMARKS.md
  if ! grep -q '<!-- suite:begin -->' "$docs" || ! grep -q '<!-- suite:end -->' "$docs"; then
    echo "no <!-- suite:begin --> / <!-- suite:end --> markers in $docs" >&2; exit 1
  fi
  block=$DATA_DIR/docs-block.md
  {
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') with \`$command_line\`.$size_note"
    echo "Machine: $machine; load average at the end $(cut -d' ' -f1-3 /proc/loadavg). The node: one JVM, \`-Xmx$NODE_HEAP -XX:G1HeapRegionSize=4m\`, its Cassandra and the harnesses on the same cores."
    echo
    cat "$table"
  } > "$block"
  awk -v block="$block" '
    /<!-- suite:begin -->/ { print; while ((getline line < block) > 0) print line; skipping = 1; next }
    /<!-- suite:end -->/ { skipping = 0 }
    !skipping { print }' "$docs" > "$docs.tmp" && mv "$docs.tmp" "$docs"
  say "wrote the table to $docs"
fi
