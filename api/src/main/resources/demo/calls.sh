#!/bin/sh
# Written by ./dialer up --demo: places one call per number given (default: one per demo pattern) through
# POST /api/v2/calls to the demo carrier, waits for each to end and prints how it went. Needs curl.
set -eu
API='@API@'
TOKEN=$(curl -sf -u '@CLIENT_ID@:@CLIENT_SECRET@' -d grant_type=client_credentials "$API/oauth/token" \
        | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
[ $# -gt 0 ] || set -- @NUMBERS@
placed=""
for n in "$@"; do
  body='{"to":"'"$n"'","trunkGroup":"demo","amd":"endOfGreeting","variables":{"name":"Jane"},
         "human":{"text":"Hello {{name}}, this is the opendialer demo. Press 1 to confirm, 9 to stop these calls."},
         "machine":{"text":"Hello {{name}}, this is the opendialer demo. Please call us back."}}'
  id=$(curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d "$body" "$API/api/v2/calls" \
       | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  echo "placed $n  ($API/api/v2/calls/$id)"
  placed="$placed $n=$id"
done
echo "waiting for the calls to end (a number that does not answer rings for the full ring time) ..."
for p in $placed; do
  n=${p%%=*}; id=${p#*=}
  while :; do
    c=$(curl -s -H "Authorization: Bearer $TOKEN" "$API/api/v2/calls/$id")
    case "$c" in *'"state":"completed"'*|*'"state":"failed"'*) break ;; esac
    sleep 1
  done
  echo "$n $(echo "$c" | grep -o '"\(state\|outcome\|disposition\|keyPressed\|sipStatus\|q850Cause\|result\)":[^,}]*' | tr '\n' ' ')"
done
