#!/bin/sh
# Written by ./dialer up --demo: starts the demo campaign (agentless, over the list 'demo'), shows its progress
# until it is complete, then prints each attempt's result. Needs curl. "sh campaign.sh dryrun" only asks who is
# callable now and why not the others. Each contact gets one attempt: a second run dials nobody.
set -eu
API='@API@'
C="$API/api/v2/outbound/campaigns/@CAMPAIGN_ID@"
TOKEN=$(curl -sf -u '@CLIENT_ID@:@CLIENT_SECRET@' -d grant_type=client_credentials "$API/oauth/token" \
        | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
get() { curl -s -H "Authorization: Bearer $TOKEN" "$1"; }
if [ "${1:-}" = dryrun ]; then
  get "$C/dryrun?pageSize=100" | sed 's/},{/}\n{/g' | grep -o '"\(number\|dialed\|code\|detail\)":[^,}]*' | paste -d' ' - - - -
  exit 0
fi
curl -sf -X POST -H "Authorization: Bearer $TOKEN" "$C/start" >/dev/null
echo "started the demo campaign ($C); progress:"
while :; do
  status=$(get "$C" | sed -n 's/.*"campaignStatus":"\([^"]*\)".*/\1/p')
  total=$(get "$C/attempts?pageSize=1" | sed -n 's/.*"total":\([0-9]*\).*/\1/p')
  echo "  status $status, attempts $total"
  case "$status" in complete|off) break ;; esac
  sleep 2
done
echo "attempts ($C/attempts):"
get "$C/attempts?pageSize=100" | sed 's/},{"id"/}\n{"id"/g; s/"amd":{"result"/"amd"/g' | while read -r a || [ -n "$a" ]; do
  echo "  $(echo "$a" | grep -o '"\(number\|result\|sipStatus\|q850\|disposition\|cpa\|amd\|greetingMs\|reason\)":[^,}]*' | tr '\n' ' ')"
done
