# Shared set-up of the gateway benchmarks (sourced by gateway-bench.sh and gateway-cpu.sh, from the repository root):
# a work folder cleaned up on exit, free ports, the fixed-response upstream and nginx as a reverse proxy to it.
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
keep_logs() { echo "logs kept in $work" >&2; trap - EXIT; }

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 1 300); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }

# The built-in simulator in fixed mode on port $1: a tiny constant completion, no pacing.
# Sets uppid (its pid).
start_upstream() {
  ./distillguard model-sim --port "$1" --fixed >"$work/upstream.log" 2>&1 & uppid=$!; pids+=($uppid)
  wait_port "$1"
}

# CPU ticks the JIT compiler threads of the processes "$@" used so far.
jit_ticks() {
  local t=0 d
  for p in "$@"; do
    for d in /proc/$p/task/*; do
      case $(cat "$d/comm" 2>/dev/null) in
        C1\ Compiler*|C2\ Compiler*) t=$((t + $(sed 's/.*) //' "$d/stat" | awk '{print $12 + $13}'))) ;;
      esac
    done
  done
  echo "$t"
}

# JIT warm-up: wrk against $1 with script $2 in 5 s rounds until at least WARMUP_S seconds (default 20) passed and
# the JIT compilers of the processes "${@:3}" used under 5% of a core in the last round, or WARMUP_MAX_S (default
# 120) passed. On a loaded machine C2 can still be compiling the request path after 40 s, and a measurement then
# counts the compiler's CPU and runs half-compiled code. Says on stderr how long it took.
warm_up() {
  local url=$1 script=$2 start=$SECONDS before after elapsed hz; shift 2
  hz=$(getconf CLK_TCK)
  while :; do
    before=$(jit_ticks "$@")
    wrk -t2 -c"${CONN:-64}" -d5s -s "$script" "$url" >/dev/null 2>&1 || true
    after=$(jit_ticks "$@")
    elapsed=$((SECONDS - start))
    if (( elapsed >= ${WARMUP_S:-20} && (after - before) * 100 < 5 * 5 * hz )) || (( elapsed >= ${WARMUP_MAX_S:-120} )); then
      break
    fi
  done
  echo "warm-up of $url: ${elapsed}s, JIT compilers $(( (after - before) * 100 / (5 * hz) ))% of a core in the last 5 s" >&2
}

# nginx on port $1 as a reverse proxy with upstream keepalive to the upstream on port $2.
start_nginx() {
  cat >"$work/nginx.conf" <<NGX
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  upstream model { server 127.0.0.1:$2; keepalive 256; }
  server {
    listen 127.0.0.1:$1;
    location / { proxy_pass http://model; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off; }
  }
}
NGX
  "$NGINX" -c "$work/nginx.conf" -p "$work"
  wait_port "$1"
}

# DistillGuard (whole chain on) in front of the upstream on port $UP, started with "$2..." (e.g. ./distillguard or
# java -jar other.jar), named $1 for its files; sets dg (its pid), DGPORT, ADMPORT and KEY (a bench tenant's key).
# DG_SERVER adds entries to the server section (e.g. DG_SERVER="eventLoops: 1").
start_dg() {
  local name=$1; shift
  local port adm; port=$(free_port); adm=$(free_port)
  cat >"$work/$name.yaml" <<YML
server: {port: $port, adminPort: $adm${DG_SERVER:+, $DG_SERVER}}
upstream: {baseUrl: "http://127.0.0.1:$UP/v1"}
metering: {dataDir: "$work/$name-data", retention: NONE}
admin: {token: "bench-admin-token-0123456789"}
YML
  DISTILLGUARD_LOG_LEVEL=WARN "$@" serve --config "$work/$name.yaml" >"$work/$name.log" 2>&1 & dg=$!; pids+=($dg)
  wait_port "$port"; wait_port "$adm"
  DGPORT=$port; ADMPORT=$adm
  KEY=$(bench/bench-tenant.sh "http://127.0.0.1:$adm" bench-admin-token-0123456789)
}

# The chat request every gateway bench sends, and the wrk script that posts it with the API key in $KEY.
BODY='{"model":"sim-small","messages":[{"role":"user","content":"Say hello in five words."}],"max_tokens":16}'
write_post_lua() {
  cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
LUA
}
