#!/usr/bin/env bash
# CI smoke run: builds the benchmarks and runs each one for a single short iteration, so that they
# keep compiling and running. No timing is asserted; a benchmark that throws fails the run (-foe).
set -euo pipefail
exec "$(dirname "$0")/run.sh" -f 1 -wi 0 -i 1 -r 100ms -foe true "$@"
