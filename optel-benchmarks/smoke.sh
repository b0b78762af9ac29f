#!/usr/bin/env bash
# CI smoke run: builds the benchmarks and runs each one for a single short iteration, so that they
# keep compiling and running. No timing is asserted; a benchmark that throws fails the run (-foe),
# and so does one that produced no result; the load run gets 2 s per mode and fails the run when a
# request failed or was not traced end to end. A few minutes on 2 cores after the first build.
set -euo pipefail
SMOKE=1 LOAD_SECONDS="${LOAD_SECONDS:-2}" exec "$(dirname "$0")/run.sh" -f 1 -wi 0 -i 1 -r 100ms \
  -foe true "$@"
