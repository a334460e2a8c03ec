#!/usr/bin/env bash
# Where the gateway's CPU goes including the kernel: perf record (call graphs off, 999 Hz) of DistillGuard (whole chain
# on) under saturated wrk load after the JIT warm-up, with a perf map of the JIT-compiled code, then a report by
# thread and by shared object/symbol. Usage: bench/gateway-perf.sh [DURATION_S (default 15)] [CONNECTIONS (default 64)]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DUR=${1:-15}
CONN=${2:-64}
source bench/lib.sh
UP=$(free_port)
./distillguard --version >/dev/null
start_upstream "$UP"
DISTILLGUARD_JAVA_OPTS="${DISTILLGUARD_JAVA_OPTS:-} -XX:+UnlockDiagnosticVMOptions -XX:+PreserveFramePointer" start_dg dg ./distillguard
write_post_lua
url="http://127.0.0.1:$DGPORT/v1/chat/completions"
warm_up "$url" "$work/post.lua" "$dg" "$uppid"
perf record -F 999 -p "$dg" -o "$work/perf.data" -- sleep "$DUR" 2>/dev/null & perfpid=$!
wrk -t2 -c"$CONN" -d"${DUR}s" -s "$work/post.lua" "$url" | grep -E 'Requests/sec|requests in'
wait "$perfpid" || true
"${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jcmd" "$dg" Compiler.perfmap >/dev/null
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
set +o pipefail # head ends the reports early
perf report -i "$work/perf.data" --no-children --sort comm --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -12
for t in vert.x-eventloo distillguard-me distillguard-ev; do
  echo "== $t: by object"
  perf report -i "$work/perf.data" --no-children --comms "$t" --sort dso --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -6
  echo "== $t: by symbol"
  perf report -i "$work/perf.data" --no-children --comms "$t" --sort dso,sym --stdio 2>/dev/null | grep -v '^#' | grep -v '^$' | head -${TOP:-40}
done
rm -f "/tmp/perf-$dg.map"
