#!/usr/bin/env bash
# Gateway throughput and latency benchmark, all in one run on this machine:
#   (a) the fixed-response upstream directly, (b) nginx as a reverse proxy to it, (c) DistillGuard with its whole
#   chain on (auth, entity-aware quotas with token reservation, metering, durable usage log, detection feed).
# Prints requests/s and p50/p99 latency for each, and DistillGuard's ratios to nginx; writes bench/results/latest.md.
# Usage: bench/gateway-bench.sh [DURATION_S (default 15)] [CONNECTIONS (default 64)]
# Needs: wrk, nginx-light (installed with apt-get when run as root), Temurin 25 (see ./distillguard).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DUR=${1:-15}
CONN=${2:-64}
RATE=1000
for pkg in wrk:wrk nginx:nginx-light curl:curl; do
  if ! command -v "${pkg%%:*}" >/dev/null 2>&1; then
    [[ $(id -u) -eq 0 ]] || { echo "missing ${pkg%%:*}; install ${pkg##*:}" >&2; exit 2; }
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkg##*:}" >/dev/null
  fi
done
source bench/lib.sh

UP=$(free_port); NG=$(free_port)
./distillguard --version >/dev/null   # builds the jar if needed, outside the measured part

# (a) fixed-response upstream and (b) nginx as a reverse proxy to it (bench/lib.sh)
start_upstream "$UP"
start_nginx "$NG" "$UP"

# (c) DistillGuard, whole chain on, in front of the same upstream
start_dg dg ./distillguard || { keep_logs; exit 1; }
DG=$DGPORT; ADM=$ADMPORT

write_post_lua
# Fixed-rate variant: each connection waits so that all of them together send about RATE requests/s.
cat "$work/post.lua" >"$work/rate.lua"
cat >>"$work/rate.lua" <<LUA
function delay() return math.random(0, 2 * 10 * 1000 / $RATE) end
LUA

run() { # name url script connections
  wrk -t2 -c"$4" -d"${DUR}s" --latency -s "$3" "$2" >"$work/$1.out" 2>&1 || true
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$1.out")
  p50=$(awk '$1=="50%" {print $2}' "$work/$1.out")
  p99=$(awk '$1=="99%" {print $2}' "$work/$1.out")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$work/$1.out")
  echo "$1 ${rps:-0} ${p50:-?} ${p99:-?} ${non2xx:-0}"
}
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms/,"",v); print v} else if (v ~ /s$/) {sub(/s/,"",v); print v*1000} else print v }'; }

for url in "http://127.0.0.1:$UP/v1/chat/completions" "http://127.0.0.1:$NG/v1/chat/completions" "http://127.0.0.1:$DG/v1/chat/completions"; do
  curl -fsS -o /dev/null -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$BODY" "$url"
done
warm_up "http://127.0.0.1:$DG/v1/chat/completions" "$work/post.lua" "$dg" "$uppid"  # JIT of gateway and upstream (bench/lib.sh)

results=()
results+=("$(run upstream "http://127.0.0.1:$UP/v1/chat/completions" "$work/post.lua" "$CONN")")
results+=("$(run nginx "http://127.0.0.1:$NG/v1/chat/completions" "$work/post.lua" "$CONN")")
results+=("$(run distillguard "http://127.0.0.1:$DG/v1/chat/completions" "$work/post.lua" "$CONN")")
results+=("$(run nginx@${RATE}rps "http://127.0.0.1:$NG/v1/chat/completions" "$work/rate.lua" 10)")
results+=("$(run distillguard@${RATE}rps "http://127.0.0.1:$DG/v1/chat/completions" "$work/rate.lua" 10)")

mkdir -p bench/results
{
  echo "# Gateway benchmark ($(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, ${DUR}s per run, wrk -t2)"
  echo
  echo "| target | connections | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|---|"
  for r in "${results[@]}"; do
    read -r name rps p50 p99 bad <<<"$r"
    conns=$CONN; [[ $name == *rps ]] && conns=10
    echo "| $name | $conns | $rps | $p50 | $p99 | $bad |"
  done
  read -r _ ng_rps _ _ _ <<<"${results[1]}"
  read -r _ dg_rps _ _ _ <<<"${results[2]}"
  read -r _ ngr_rps _ ngr_p99 _ <<<"${results[3]}"
  read -r _ dgr_rps _ dgr_p99 _ <<<"${results[4]}"
  echo
  echo "- DistillGuard / nginx requests/s (saturated): $(awk -v a="$dg_rps" -v b="$ng_rps" 'BEGIN{printf "%.2f", a/b}') (target >= 0.50)"
  echo "- p99 added over nginx at ~${RATE} req/s: $(awk -v a="$(to_ms "$dgr_p99")" -v b="$(to_ms "$ngr_p99")" 'BEGIN{printf "%.2f ms", a-b}') (target <= 1 ms; measured rates: nginx $ngr_rps, DistillGuard $dgr_rps req/s)"
  echo "- requests metered by DistillGuard during the run: $(curl -fsS "http://127.0.0.1:$ADM/metrics" | awk '/^distillguard_requests_total/ {s+=$2} END {print s+0}')"
} | tee bench/results/latest.md
