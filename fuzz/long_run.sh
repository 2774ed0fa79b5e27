#!/usr/bin/env bash
# The long fuzz run of one target: fuzz for SECONDS in all, starting again after a crash
# (libFuzzer stops at the first one), keeping every crashing input under fuzz/crashes/NAME/.
# Usage: nice -n 19 bash fuzz/long_run.sh NAME SECONDS [LOG]   (the log goes to fuzz/logs/LOG.log,
# LOG being NAME unless given: a second stint of the same target keeps the first one's log)
set -uo pipefail
cd "$(dirname "$0")"
name=$1 total=$2 tag=${3:-$1}
mkdir -p "crashes/$name" logs
log="logs/$tag.log"
: >"$log"
start=$(date +%s)
while :; do
  left=$(( total - ($(date +%s) - start) ))
  [ "$left" -le 5 ] && break
  python "fuzz_$name.py" -max_total_time="$left" -timeout=30 -rss_limit_mb=3072 \
    -print_final_stats=1 -artifact_prefix="crashes/$name/" >>"$log" 2>&1
  echo "=== run ended with exit code $? after $(( $(date +%s) - start )) s" >>"$log"
done
