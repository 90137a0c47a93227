#!/usr/bin/env bash
# Builds the real-voice machine part of the AMD bench in four more languages and voices: voicemail greetings and
# carrier announcements put together from the Asterisk core prompts that Debian ships (recorded by people, not
# synthesised), with a labels.csv in the format of ../shared/corpus/labels.csv.
#
#   amd/corpus/prompts.sh OUT_DIR [SOUNDS_DIR]
#
# SOUNDS_DIR (default /usr/share/asterisk/sounds) must hold the voice folders of apt-get install
# asterisk-core-sounds-fr-wav asterisk-core-sounds-es-wav asterisk-core-sounds-it-wav asterisk-core-sounds-ru-wav
# (the short fr, es ... links come from the recommended packages, which a --no-install-recommends install lacks).
# Needs sox. Output is reproducible (sox -R). Every file is what a system plays on a line: a voicemail greeting
# (the person at extension N is unavailable / on the phone, leave a message, beep) or a whole carrier announcement;
# prompts are joined with 0.25 s gaps as a voicemail system plays its files. Levels, noise and codec come from fixed
# lists by file index, never from a detector's output.
set -euo pipefail

out=${1:?usage: prompts.sh OUT_DIR [SOUNDS_DIR]}
sounds=${2:-/usr/share/asterisk/sounds}
here=$(cd "$(dirname "$0")" && pwd)
command -v sox >/dev/null || { echo "prompts.sh: sox not found (apt-get install sox)" >&2; exit 3; }

# language, Debian package, voice folder, licence (from /usr/share/doc/PACKAGE/copyright)
langs=(fr es it ru)
declare -A voice=([fr]=fr_CA_f_June [es]=es_MX_f_Allison [it]=it_IT_m_Carlo [ru]=ru_RU_f_IvrvoiceRU)
declare -A pkg=([fr]=asterisk-core-sounds-fr-wav [es]=asterisk-core-sounds-es-wav [it]=asterisk-core-sounds-it-wav
  [ru]=asterisk-core-sounds-ru-wav)
declare -A lic=([fr]="CC-BY-SA-3.0 (June Wallack; Asterisk core sounds fr-CA)"
  [es]="CC-BY-SA-3.0 (Allison Smith; Asterisk core sounds es-MX)"
  [it]="CC-BY-3.0 (Carlo Flora; Asterisk core sounds it-IT)"
  [ru]="CC-BY-3.0 (Maxim Topal, ivrvoice.ru; Asterisk core sounds ru-RU)")
for l in "${langs[@]}"; do
  [[ -f $sounds/${voice[$l]}/vm-intro.wav ]] || {
    echo "prompts.sh: $sounds/${voice[$l]} not found (apt-get install ${pkg[$l]})" >&2; exit 3; }
done

mkdir -p "$out/machine"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
labels="$out/labels.csv"
echo "path,label,source_repo,license" > "$labels"
# shellcheck source=channel.sh
source "$here/channel.sh"

levels=(-12 -20 -26 -16 -30 -18 -23 -14)
noises=(-50 none -45 -55 -42 none -48 -52)
codecs=(ulaw alaw plain alaw ulaw alaw ulaw plain)
n=0

# prompt LANG OUT LABEL PROMPT...: the prompts (paths under the language folder) joined by 0.25 s, after 0.4 s of
# line and before 3 s of it, through the telephone channel
prompt() {
  local lang=$1 name=$2 lab=$3 parts=() p k
  shift 3
  sil 0.4 "$tmp/lead.wav"
  sil 0.25 "$tmp/gap.wav"
  sil 3 "$tmp/tail.wav"
  parts=("$tmp/lead.wav")
  for p in "$@"; do
    "${SOX[@]}" "$sounds/${voice[$lang]}/$p.wav" "${RATE[@]}" "$tmp/p$((${#parts[@]})).wav"
    parts+=("$tmp/p$((${#parts[@]})).wav" "$tmp/gap.wav")
  done
  unset 'parts[${#parts[@]}-1]'
  "${SOX[@]}" "${parts[@]}" "$tmp/tail.wav" "$tmp/x.wav"
  k=$((n % 8))
  phone "$tmp/x.wav" "$out/machine/$name.wav" "${levels[$k]}" "${noises[$k]}" "${codecs[$k]}"
  local joined
  joined=$(printf "+%s.wav" "$@")
  label "machine/$name.wav" "$lab" "debian/${pkg[$lang]}@1.6.1-1:${voice[$lang]}/${joined:1} (amd/corpus/prompts.sh)" \
    "${lic[$lang]}; joined and processed"
  n=$((n + 1))
}

for l in "${langs[@]}"; do
  prompt "$l" "${l}_vm_isunavail_201_beep" machine:vm_greeting_composite \
    vm-theperson digits/2 digits/0 digits/1 vm-isunavail vm-intro beep
  prompt "$l" "${l}_vm_isonphone_345_beep" machine:vm_greeting_composite \
    vm-theperson digits/3 digits/4 digits/5 vm-isonphone vm-intro beep
  prompt "$l" "${l}_vm_nobodyavail_beep" machine:vm_greeting_composite vm-nobodyavail beep
  prompt "$l" "${l}_ss_noservice" machine:network_announcement ss-noservice
  prompt "$l" "${l}_tt_allbusy" machine:network_announcement tt-allbusy
  if [[ -f $sounds/${voice[$l]}/cannot-complete-as-dialed.wav ]]; then
    prompt "$l" "${l}_cannot_complete_check_number" machine:network_announcement \
      cannot-complete-as-dialed check-number-dial-again
  fi
  if [[ -f $sounds/${voice[$l]}/all-circuits-busy-now.wav ]]; then
    # alone where the language has no "please try your call later"
    later=(); [[ -f $sounds/${voice[$l]}/pls-try-call-later.wav ]] && later=(pls-try-call-later)
    prompt "$l" "${l}_all_circuits_busy" machine:network_announcement all-circuits-busy-now "${later[@]}"
  fi
done
echo "prompts.sh: $n files in $out"
