# Shared by generate.sh and prompts.sh (sourced, not run): the telephone channel every bench file goes through.
# Needs $tmp (a scratch folder) set by the caller.
SOX=(sox -R -V1)
RATE=(-r 8000 -c 1 -b 16 -e signed-integer)

# sil SECONDS OUT
sil() { "${SOX[@]}" -n "${RATE[@]}" "$2" trim 0 "$1"; }

# phone IN OUT LEVEL_DB NOISE_DB CODEC: telephone band-pass, level, background noise, G.711 round trip when CODEC is
# ulaw or alaw
phone() {
  local in=$1 o=$2 level=$3 noise=$4 ulaw=$5 dur
  "${SOX[@]}" "$in" "$tmp/bp.wav" sinc 300-3400 gain -n "$level"
  dur=$(soxi -D "$tmp/bp.wav")
  if [[ $noise != none ]]; then
    "${SOX[@]}" -n "${RATE[@]}" "$tmp/noise.wav" synth "$dur" pinknoise gain "$noise"
    "${SOX[@]}" -m "$tmp/bp.wav" "$tmp/noise.wav" "$tmp/mix.wav"
  else
    cp "$tmp/bp.wav" "$tmp/mix.wav"
  fi
  if [[ $ulaw == ulaw || $ulaw == alaw ]]; then
    "${SOX[@]}" "$tmp/mix.wav" -r 8000 -c 1 -e "${ulaw/law/-law}" -t wav "$tmp/ulaw.wav"
    "${SOX[@]}" "$tmp/ulaw.wav" "${RATE[@]}" "$o"
  else
    "${SOX[@]}" "$tmp/mix.wav" "${RATE[@]}" "$o"
  fi
}


# label PATH LABEL SOURCE_REPO LICENSE: one row of $labels
label() { echo "$1,$2,$3,\"$4\"" >> "$labels"; }
