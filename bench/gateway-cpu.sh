#!/usr/bin/env bash
# CPU cost per request of each proxy, a figure that the load of other processes on a shared machine barely moves
# (unlike requests/s): runs wrk against nginx and DistillGuard (whole chain on) in front of the same fixed-response
# upstream and divides the CPU time each proxy process used during the run (utime+stime from /proc) by the requests
# it answered. Usage: bench/gateway-cpu.sh [DURATION_S (default 15)] [CONNECTIONS (default 64)]
# With BASELINE_JAR=path/to/other/distillguard.jar, a second gateway from that jar is measured in the same run (same
# upstream, same load), for a before/after ratio; BASELINE_CMD="command args" measures that command instead (e.g. a
# script that runs another classpath); BASELINE_SERVER gives the baseline other server settings than DG_SERVER
# (bench/lib.sh); ROUNDS=n repeats the baseline/this pair n times. THREADS=1 also lists the CPU
# of each gateway thread.
# Needs: wrk, nginx, curl, Temurin 25 (see ./distillguard).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DUR=${1:-15}
CONN=${2:-64}
source bench/lib.sh
cpu_ticks() { local t=0; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat"))); done; echo "$t"; }

UP=$(free_port); NG=$(free_port)
./distillguard --version >/dev/null
start_upstream "$UP"
start_nginx "$NG" "$UP"
hz=$(getconf CLK_TCK)
measure() { # name url pid...
  local name=$1 url=$2; shift 2
  local before after reqs
  write_post_lua
  before=$(cpu_ticks "$@")
  wrk -t2 -c"$CONN" -d"${DUR}s" -s "$work/post.lua" "$url" >"$work/$name.out" 2>&1 || true
  after=$(cpu_ticks "$@")
  reqs=$(awk '/requests in/ {print $1}' "$work/$name.out")
  awk -v n="$name" -v t=$((after - before)) -v hz="$hz" -v r="$reqs" -v l="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN{printf "%s: %d requests, %.1f CPU-s, %.0f CPU-us per request (load %s)\n", n, r, t/hz, t/hz*1e6/r, l}'
}
# utime+stime of each thread; the fields are counted after the ")" that ends the name, which may contain spaces.
threads() { for t in /proc/$1/task/*; do echo "${t##*/}_$(tr ' ' _ <$t/comm) $(sed 's/.*) //' $t/stat | awk '{print $12+$13}') $(awk '/ctxt_switches/ {s+=$2} END {print s}' $t/status)"; done | sort; }
gateway() { # name command...
  local name=$1
  start_dg "$@"
  local url="http://127.0.0.1:$DGPORT/v1/chat/completions"
  curl -fsS -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$BODY" "$url"
  write_post_lua
  warm_up "$url" "$work/post.lua" "$dg" "$uppid" # until the JIT is done (bench/lib.sh)
  threads "$dg" >"$work/t0"
  measure "$name" "$url" "$dg"
  if [[ -n ${THREADS:-} ]]; then
    threads "$dg" >"$work/t1"
    local reqs; reqs=$(awk '/requests in/ {print $1}' "$work/$name.out")
    echo "  per thread: CPU-us per request, context switches per request"
    join "$work/t0" "$work/t1" | awk -v r="$reqs" -v hz="$hz" '{printf "  %6.1f %5.2f %s\n", ($4-$2)/hz*1e6/r, ($5-$3)/r, $1}' | sort -k1rn | head -8
  fi
  kill "$dg"; wait "$dg" 2>/dev/null || true
}
KEY=none
write_post_lua
warm_up "http://127.0.0.1:$UP/v1/chat/completions" "$work/post.lua" "$uppid" # the upstream serves nginx first
measure nginx "http://127.0.0.1:$NG/v1/chat/completions" "$(cat "$work/nginx.pid")" $(pgrep -P "$(cat "$work/nginx.pid")" | tr '\n' ' ')
gateway distillguard ./distillguard
if [[ -n ${BASELINE_JAR:-}${BASELINE_CMD:-} ]]; then
  for round in $(seq 1 "${ROUNDS:-1}"); do
    if [[ -n ${BASELINE_CMD:-} ]]; then
      DG_SERVER=${BASELINE_SERVER:-${DG_SERVER:-}} gateway baseline $BASELINE_CMD
    else
      DG_SERVER=${BASELINE_SERVER:-${DG_SERVER:-}} gateway baseline "${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java" --enable-native-access=ALL-UNNAMED -jar "$BASELINE_JAR"
    fi
    gateway distillguard-again ./distillguard
  done
fi
