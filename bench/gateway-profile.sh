#!/usr/bin/env bash
# Profiles DistillGuard (whole chain on) under saturated wrk load with JFR: CPU samples (jdk.ExecutionSample every
# 1 ms per thread) and allocation samples, recorded only after a JIT warm-up; then prints, per thread group, the
# samples, the hottest leaf frames and the hottest DistillGuard/Vert.x frames (bench/jfr-summary.py), plus the CPU
# ticks (user/system) each thread used in the recorded window.
# Usage: bench/gateway-profile.sh [DURATION_S (default 20)] [CONNECTIONS (default 64)]; OUT=dir keeps the .jfr file.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DUR=${1:-20}
CONN=${2:-64}
source bench/lib.sh
UP=$(free_port)
./distillguard --version >/dev/null
start_upstream "$UP"
out=${OUT:-$work}; mkdir -p "$out"
DISTILLGUARD_JAVA_OPTS="${DISTILLGUARD_JAVA_OPTS:-} -XX:StartFlightRecording=name=gw,settings=profile,jdk.ExecutionSample#period=1ms,filename=$out/warm.jfr" \
  start_dg dg ./distillguard
write_post_lua
url="http://127.0.0.1:$DGPORT/v1/chat/completions"
JCMD="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jcmd"
JFR="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/jfr"
warm_up "$url" "$work/post.lua" "$dg" "$uppid"
"$JCMD" "$dg" JFR.stop name=gw >/dev/null
"$JCMD" "$dg" JFR.start name=gw2 settings=profile jdk.ExecutionSample#period=1ms >/dev/null
ticks() { for t in /proc/$dg/task/*; do echo "${t##*/}_$(tr ' ' _ <$t/comm) $(sed 's/.*) //' $t/stat | awk '{print $12, $13}')"; done | sort; }
ticks >"$work/t0"
if command -v perf >/dev/null; then # system calls and context switches of each thread (kernel counters, not sampled)
  perf stat --per-thread -x, -e raw_syscalls:sys_enter,syscalls:sys_enter_futex,context-switches -p "$dg" \
    -o "$work/perf.csv" -- sleep "$DUR" & perfpid=$!
fi
wrk -t2 -c"$CONN" -d"${DUR}s" --latency -s "$work/post.lua" "$url" | tee "$work/wrk.out" | grep -E 'Requests/sec|requests in'
ticks >"$work/t1"
[[ -n ${perfpid:-} ]] && wait "$perfpid"
"$JCMD" "$dg" JFR.dump name=gw2 filename="$out/run.jfr" >/dev/null
reqs=$(awk '/requests in/ {print $1}' "$work/wrk.out")
echo "load $(cut -d' ' -f1-3 /proc/loadavg); CPU-us per request by thread (user+sys), $reqs requests:"
join "$work/t0" "$work/t1" | awk -v r="$reqs" -v hz="$(getconf CLK_TCK)" \
  '{u=($4-$2)/hz*1e6/r; s=($5-$3)/hz*1e6/r; tot+=u+s; if (u+s>0.5) printf "  %7.1f us (user %6.1f sys %6.1f) %s\n", u+s, u, s, $1} END {printf "  %7.1f us total\n", tot}' | sort -rn
if [[ -f $work/perf.csv ]]; then
  echo "per request, by thread group: system calls, of which futex, context switches"
  awk -F, -v r="$reqs" '$2 ~ /^[0-9]+$/ {t=$1; sub(/-[0-9]+$/, "", t); sub(/[-#]?[0-9]+$/, "", t); c[t, $4]+=$2; g[t]=1}
    END {for (t in g) { s=c[t,"raw_syscalls:sys_enter"]/r; if (s > 0.01) printf "  %6.2f %6.2f %6.2f %s\n", s, c[t,"syscalls:sys_enter_futex"]/r, c[t,"context-switches"]/r, t; tot+=s; f+=c[t,"syscalls:sys_enter_futex"]/r; cs+=c[t,"context-switches"]/r }
      printf "  %6.2f %6.2f %6.2f total\n", tot, f, cs}' "$work/perf.csv" | sort -rn
fi
"$JFR" print --stack-depth 64 --events jdk.ExecutionSample "$out/run.jfr" >"$work/samples.txt"
python3 bench/jfr-summary.py "$work/samples.txt"
