#!/usr/bin/env bash
# Creates a benchmark organisation, an account on a tier with limits far above any benchmark rate, and a key, through
# the admin API; prints the key. Usage: bench/bench-tenant.sh ADMIN_URL ADMIN_TOKEN
set -euo pipefail
adm=$1; tok=$2
call() { curl -fsS -X "$1" "$adm/admin$2" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
call PUT /tiers/bench '{"requestsPerMinute":100000000,"inputTokensPerMinute":100000000000,"outputTokensPerMinute":100000000000,"outputTokensPerDay":1000000000000,"maxTokensCeiling":4096}' >/dev/null
org=$(call POST /orgs '{"name":"bench"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
acct=$(call POST /accounts "{\"orgId\":\"$org\",\"tierName\":\"bench\",\"emailDomain\":\"bench.example\"}" | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
call POST "/accounts/$acct/keys" '{"name":"bench"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["secret"])'
