#!/usr/bin/env bash
# Creates a benchmark organisation, an account on a tier with limits far above any benchmark rate, and a key, through
# the admin API; prints the key. Usage: bench/bench-tenant.sh ADMIN_URL ADMIN_TOKEN
set -euo pipefail
adm=$1; tok=$2
call() { curl -fsS -X "$1" "$adm/admin$2" -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' ${3:+-d "$3"}; }
field() { python3 -c "import json,sys;print(json.load(sys.stdin)['$1'])"; }
call PUT /tiers/bench '{"requests_per_minute":100000000,"input_tokens_per_minute":10000000000,"output_tokens_per_minute":10000000000,"output_tokens_per_day":10000000000000,"max_tokens_ceiling":4096}' >/dev/null
org=$(call POST /orgs '{"name":"bench"}' | field id)
acct=$(call POST /accounts "{\"org_id\":\"$org\",\"tier\":\"bench\",\"email_domain\":\"bench.example\"}" | field id)
call POST "/accounts/$acct/keys" '{"name":"bench"}' | field secret
