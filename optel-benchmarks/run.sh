#!/usr/bin/env bash
# Builds optel-benchmarks (Maven profile `benchmarks`) and runs every benchmark with `-prof gc`, one
# JMH per class path (optel detects its backends once per JVM), then prints one table with the
# ratios to the anchors measured in this run.
#
#   optel-benchmarks/run.sh                      # the real run: 1 fork, 3 x 1 s warm-up, 5 x 1 s
#   optel-benchmarks/run.sh -f 2 -i 10           # any JMH options are passed on
#   CLASSPATHS="sdk log" optel-benchmarks/run.sh # only some class paths (none api sdk log logexport
#                                                # http), and
#                                                # "load": the load run (LoadRun), not JMH
#   LOAD_SECONDS=30 ...                          # the load run's measured seconds per mode (30)
#   ROUNDS=3 optel-benchmarks/run.sh             # repeat everything, alternating benchmarks
#   SKIP_BUILD=1 ...                             # reuse the last build
#
# Results: optel-benchmarks/target/results/<classpath>.json (JMH JSON) and .tsv, and the table in
# table.txt (the load run's lines follow it). Timing targets are reported, never asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
MOD="$ROOT/optel-benchmarks"
OUT="${OUT:-$MOD/target/results}"
CLASSPATHS="${CLASSPATHS:-none api sdk log logexport http load}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ -z "${SKIP_BUILD:-}" ]; then
  # `package` writes the per-scenario class paths to optel-benchmarks/target/classpath/*.txt.
  mvn -B -ntp -q -Pbenchmarks -pl optel-benchmarks -am package -DskipTests
fi

rm -rf "$OUT"
mkdir -p "$OUT"
# The class path of a scenario: its file, plus the jars of target/classpath/<name>-lib when the build
# copied some there (the "http" scenario's OpenTelemetry release differs from the module's).
classpath() {
  local cp="$MOD/target/classes:$(cat "$MOD/target/classpath/$1.txt")"
  if [ -d "$MOD/target/classpath/$1-lib" ]; then
    cp="$cp:$MOD/target/classpath/$1-lib/*"
  fi
  echo "$cp"
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
# On a shared machine other processes slow some iterations; repeating the whole run in rounds
# spreads that over optel and its anchors alike, and the table takes medians over all rounds.
for round in $(seq 1 "${ROUNDS:-1}"); do
  for cp in $CLASSPATHS; do
    echo "== round $round, class path '$cp'"
    if [ "$cp" = load ]; then
      # A failed or untraced request fails a smoke run; a real run reports it and goes on.
      "$JAVA" -cp "$(classpath load)" dev.optel.bench.LoadRun "${LOAD_SECONDS:-30}" \
        "$OUT/load.$round.txt" || [ -z "${SMOKE:-}" ]
      continue
    fi
    # A smoke run times nothing, so another JMH on the machine (JMH's lock file) must not stop it.
    "$JAVA" -Doptel.bench.round="$round" ${SMOKE:+-Djmh.ignoreLock=true} \
      -cp "$(classpath "$cp")" dev.optel.bench.Run "$cp" "$OUT" "$@"
  done
done

{
  echo "optel benchmarks: $(date -u '+%Y-%m-%d %H:%M UTC'), $("$JAVA" -version 2>&1 | head -1)," \
    "$(nproc) cores, rounds: ${ROUNDS:-1}, JMH options: ${*:-defaults (-f 1 -wi 3 -w 1s -i 5 -r 1s)}"
  echo "load average (1, 5, 15 min) before: $load_before, after: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$JAVA" -cp "$(classpath none)" dev.optel.bench.Table "$OUT" ${SMOKE:+--smoke}
  for f in "$OUT"/load.*.txt; do
    if [ -f "$f" ]; then
      cat "$f"
    fi
  done
  # A load run's ratio moves between JVMs (rounds) by more than within one: the median of the rounds.
  if compgen -G "$OUT/load.*.txt" > /dev/null; then
    sed -n 's/^requests\/s with tracing \/ without, median of the pairs: \([0-9.]*\).*/\1/p' \
      "$OUT"/load.*.txt | sort -n |
      awk '{ r[NR] = $1 } END { if (NR > 1) printf "load run, median of %d rounds: %.2f (rounds %s to %s)\n",
        NR, NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2, r[1], r[NR] }'
  fi
} | tee "$OUT/table.txt"
