#!/usr/bin/env bash
# Builds the generated part of the AMD bench corpus: human answers, machine greetings and call-progress tones,
# with a labels.csv in the format of ../shared/corpus/labels.csv (path,label,source_repo,license).
#
#   amd/corpus/generate.sh OUT_DIR [REAL_CORPUS_DIR]
#
# Needs espeak-ng and sox (apt-get install espeak-ng sox). Output is reproducible: espeak-ng is deterministic and
# sox runs with -R (repeatable random numbers) for its noise. REAL_CORPUS_DIR (default: ../shared/corpus next to the
# repository) provides real studio speech for the human:cut_real files; without it those files are not made.
# Every parameter below is chosen per file from fixed lists, never fitted to a detector's output.
set -euo pipefail

out=${1:?usage: generate.sh OUT_DIR [REAL_CORPUS_DIR]}
here=$(cd "$(dirname "$0")" && pwd)
real=${2:-$here/../../../shared/corpus}
for tool in espeak-ng sox; do
  command -v "$tool" >/dev/null || { echo "generate.sh: $tool not found (apt-get install espeak-ng sox)" >&2; exit 3; }
done

mkdir -p "$out/human" "$out/machine" "$out/tones"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
labels="$out/labels.csv"
echo "path,label,source_repo,license" > "$labels"
GEN="generated:opendialer/amd/corpus/generate.sh"
LIC="CC0-1.0 (synthesised with espeak-ng and sox)"
# shellcheck source=channel.sh
source "$here/channel.sh"

# tts TEXT VOICE SPEED PITCH OUT: speech at 8 kHz
tts() {
  espeak-ng -v "$2" -s "$3" -p "$4" -w "$tmp/tts.wav" "$1"
  "${SOX[@]}" "$tmp/tts.wav" "${RATE[@]}" "$5" rate -v 8000
}

# ---------------------------------------------------------------- human answers (espeak-ng)
voices=(en-us en-gb en-us+f3 en+f2 en-gb-scotland en-029 en-us+m3 en+f4 en-gb-x-rp+f1 en-us-nyc)
speeds=(150 175 165 190 160 180 170 155 185 172)
pitches=(40 55 70 35 50 65 45 60 30 52)
levels=(-18 -24 -15 -28 -21 -20 -26 -16 -23 -19)
noises=(none -50 -45 none -55 -42 none -48 -52 -46)
codecs=(ulaw plain ulaw ulaw plain ulaw plain ulaw ulaw plain)
leads=(0.3 0.5 0.2 0.7 0.4 0.6 0.25 0.45 0.35 0.55)

human_phrases=("Hello?" "Yes?" "Hi, this is Jane." "Hello, this is Maria." "Hello?" "Yeah?" "Hello, who is this?"
  "Hi." "Speaking." "Hello, this is Tom." "Good morning." "Hello?" "Yes, hello?" "Hey." "Hello, Smith residence."
  "Hi, it's Anna." "Hello?" "Yes?" "Hello there." "Who's calling?")
i=0
for text in "${human_phrases[@]}"; do
  k=$((i % 10))
  tts "$text" "${voices[$k]}" "${speeds[$k]}" "${pitches[$k]}" "$tmp/u.wav"
  sil "${leads[$k]}" "$tmp/lead.wav"
  sil 4 "$tmp/tail.wav"
  "${SOX[@]}" "$tmp/lead.wav" "$tmp/u.wav" "$tmp/tail.wav" "$tmp/h.wav"
  f=$(printf "human/hello_%02d.wav" "$i")
  phone "$tmp/h.wav" "$out/$f" "${levels[$k]}" "${noises[$k]}" "${codecs[$k]}"
  label "$f" "human:short_answer" "$GEN (en)" "$LIC"
  i=$((i + 1))
done

# "Hello? ... hello?": a person who hears nothing back and asks again after a pause
pauses=(1.2 1.6 1.0 2.0 1.4 1.8)
for j in 0 1 2 3 4 5; do
  k=$(((j * 3 + 1) % 10))
  tts "Hello?" "${voices[$k]}" "${speeds[$k]}" "${pitches[$k]}" "$tmp/u1.wav"
  tts "$([[ $((j % 2)) == 0 ]] && echo "Hello?" || echo "Hello, anybody there?")" "${voices[$k]}" \
    "${speeds[$k]}" "$((pitches[k] + 10))" "$tmp/u2.wav"
  sil "${leads[$k]}" "$tmp/lead.wav"
  sil "${pauses[$j]}" "$tmp/gap.wav"
  sil 3 "$tmp/tail.wav"
  "${SOX[@]}" "$tmp/lead.wav" "$tmp/u1.wav" "$tmp/gap.wav" "$tmp/u2.wav" "$tmp/tail.wav" "$tmp/h.wav"
  f=$(printf "human/hello_again_%02d.wav" "$j")
  phone "$tmp/h.wav" "$out/$f" "${levels[$k]}" "${noises[$k]}" "${codecs[$k]}"
  label "$f" "human:hello_pause_hello" "$GEN (en)" "$LIC"
done

# ---------------------------------------------------------------- human-like cuts of real speech
# The first word (about half a second) of a real studio prompt, then silence; some say it twice. Real voice,
# human-like timing: reported as its own part (real:human).
if [[ -d $real/machine/asterisk_en_allison ]]; then
  cuts=(vm-nobodyavail:0.55 all-circuits-busy-now:0.45 number-not-answering:0.5 vm-theperson:0.45 vm-intro:0.6
    check-number-dial-again:0.5 cannot-complete-as-dialed:0.6 is-curntly-busy:0.55 temp-disconnected:0.5
    ss-noservice:0.65)
  j=0
  for c in "${cuts[@]}"; do
    name=${c%%:*}; len=${c##*:}; k=$((j % 10))
    "${SOX[@]}" "$real/machine/asterisk_en_allison/$name.wav" "$tmp/cut.wav" trim 0 "$len" fade t 0 "$len" 0.06
    sil "${leads[$k]}" "$tmp/lead.wav"
    sil 4 "$tmp/tail.wav"
    if (( j % 3 == 2 )); then
      sil 1.5 "$tmp/gap.wav"
      "${SOX[@]}" "$tmp/lead.wav" "$tmp/cut.wav" "$tmp/gap.wav" "$tmp/cut.wav" "$tmp/tail.wav" "$tmp/h.wav"
    else
      "${SOX[@]}" "$tmp/lead.wav" "$tmp/cut.wav" "$tmp/tail.wav" "$tmp/h.wav"
    fi
    f="human/cut_real_$name.wav"
    phone "$tmp/h.wav" "$out/$f" "${levels[$k]}" "${noises[$k]}" "${codecs[$k]}"
    label "$f" "human:cut_real" "wehup/asterisk-sounds@e914b7035cfe:en/$name.wav (first ${len}s; amd/corpus/generate.sh)" \
      "CC-BY-SA-3.0 (Digium Asterisk sounds; cut and processed)"
    j=$((j + 1))
  done
fi

# ---------------------------------------------------------------- machine greetings (espeak-ng)
machine_phrases=(
  "Hi, you've reached Maria. I can't come to the phone right now. Please leave a message after the tone."
  "Hello, this is John. Leave a message."
  "You have reached the voicemail of five five five, one two three four. Please leave your name and number."
  "Hey, it's Sam. I'm not around, leave a message and I'll call you back."
  "Thank you for calling. Our office is currently closed. Please call again during business hours."
  "Hi, this is Anna. Sorry I missed your call. Leave a message."
  "The person you are calling is not available. Please record your message after the tone."
  "Hello. You've reached the Smith family. We can't answer right now, so leave a message after the beep."
  "This is Dave. Text me instead."
  "Welcome to the mailbox of Doctor Patel. Please leave a detailed message and I will return your call."
  "Hi! We are out. Leave a message."
  "You've reached Chris at Acme Plumbing. I'm on a job, please leave your number and I'll get back to you."
)
beeps=(1000 none 1400 850 none 1000 440 1800 none 950 1200 none)
beeplens=(0.5 0 0.3 0.8 0 0.25 1.0 0.4 0 0.6 0.35 0)
i=0
for text in "${machine_phrases[@]}"; do
  k=$(((i * 7 + 3) % 10))
  tts "$text" "${voices[$k]}" "${speeds[$k]}" "${pitches[$k]}" "$tmp/g.wav"
  sil "${leads[$k]}" "$tmp/lead.wav"
  sil 0.4 "$tmp/gap.wav"
  sil 3 "$tmp/tail.wav"
  if [[ ${beeps[$i]} != none ]]; then
    "${SOX[@]}" -n "${RATE[@]}" "$tmp/beep.wav" synth "${beeplens[$i]}" sine "${beeps[$i]}" gain -8
    "${SOX[@]}" "$tmp/lead.wav" "$tmp/g.wav" "$tmp/gap.wav" "$tmp/beep.wav" "$tmp/tail.wav" "$tmp/m.wav"
    sub=greeting_beep
  else
    "${SOX[@]}" "$tmp/lead.wav" "$tmp/g.wav" "$tmp/tail.wav" "$tmp/m.wav"
    sub=greeting
  fi
  f=$(printf "machine/greeting_%02d.wav" "$i")
  phone "$tmp/m.wav" "$out/$f" "${levels[$k]}" "${noises[$k]}" "${codecs[$k]}"
  label "$f" "machine:$sub" "$GEN (en)" "$LIC"
  i=$((i + 1))
done

# lang_file KIND TEXT VOICE SPEED PITCH HELLO_GAP BEEP_S BEEP_HZ PREFIX: one file of a language's set into
# $tmp/x.wav after $tmp/lead.wav; sets f (path in OUT_DIR) and lab. KIND: short, intro, hello (said twice, HELLO_GAP
# apart), g1 (greeting, then a BEEP_S beep) or g2 (greeting alone).
lang_file() {
  local kind=$1 text=$2 v=$3 speed=$4 pitch=$5 gap=$6 beeplen=$7 beephz=$8 prefix=$9
  case $kind in
    short|intro)
      tts "$text" "$v" "$speed" "$pitch" "$tmp/u.wav"; sil 3 "$tmp/tail.wav"
      "${SOX[@]}" "$tmp/lead.wav" "$tmp/u.wav" "$tmp/tail.wav" "$tmp/x.wav"
      f="human/${prefix}${lang}_${kind}.wav"
      lab="human:$([[ $kind == short ]] && echo short_answer || echo self_introduction)";;
    hello)
      tts "$text" "$v" "$speed" "$pitch" "$tmp/u.wav"; sil "$gap" "$tmp/gap.wav"; sil 3 "$tmp/tail.wav"
      "${SOX[@]}" "$tmp/lead.wav" "$tmp/u.wav" "$tmp/gap.wav" "$tmp/u.wav" "$tmp/tail.wav" "$tmp/x.wav"
      f="human/${prefix}${lang}_hello_again.wav"; lab="human:hello_pause_hello";;
    g1|g2)
      tts "$text" "$v" "$speed" "$pitch" "$tmp/g.wav"; sil 0.4 "$tmp/gap.wav"; sil 3 "$tmp/tail.wav"
      if [[ $kind == g1 ]]; then
        "${SOX[@]}" -n "${RATE[@]}" "$tmp/beep.wav" synth "$beeplen" sine "$beephz" gain -8
        "${SOX[@]}" "$tmp/lead.wav" "$tmp/g.wav" "$tmp/gap.wav" "$tmp/beep.wav" "$tmp/tail.wav" "$tmp/x.wav"
        lab="machine:greeting_beep"
      else
        "${SOX[@]}" "$tmp/lead.wav" "$tmp/g.wav" "$tmp/tail.wav" "$tmp/x.wav"; lab="machine:greeting"
      fi
      f="machine/${prefix}${lang}_${kind}.wav";;
  esac
}

# ---------------------------------------------------------------- other languages (espeak-ng)
# Per language: a short answer, a fluent self-introduction (about 2 s, the longest first turn people say), "hello ...
# hello" after a pause, and two voicemail greetings (one with a beep). Lines from everyday phone use; levels, noise,
# both G.711 laws and voices rotate through fixed lists as above. The language is the "source" of the
# leave-one-source-out bench.
ml_levels=(-12 -20 -27 -16 -24); ml_noises=(-50 none -44 -55 -47); ml_codecs=(alaw ulaw alaw plain ulaw)
ml_beeps=(1000 800 1400 440 950 1200 1000 850)
# language|voice|short|self-introduction|hello|greeting 1|greeting 2
ml_lines=(
  "fr|fr-fr|Allô ?|Allô, c'est Pierre, j'écoute.|Allô ?|Bonjour, vous êtes bien chez Marie et Paul. Nous ne sommes pas disponibles pour le moment, laissez-nous un message après le bip.|Bonjour, vous êtes sur la messagerie de Julien. Rappelez plus tard ou laissez un message."
  "es|es|¿Diga?|Hola, habla Carlos, ¿quién es?|¿Bueno?|Hola, has llamado a Lucía. Ahora no puedo atenderte, deja tu mensaje después de la señal y te llamaré.|Bienvenido al buzón de voz de Javier Gómez. Por favor, deje su nombre y su número de teléfono."
  "ko|ko|여보세요?|여보세요, 김민수입니다.|여보세요?|안녕하세요. 지금은 전화를 받을 수 없습니다. 삐 소리가 난 후 메시지를 남겨 주세요.|연결이 되지 않아 음성 사서함으로 연결됩니다. 메시지를 남겨 주세요."
  "de|de|Hallo?|Schmidt, hallo, wer ist da?|Hallo?|Hallo, hier ist der Anschluss von Familie Weber. Wir sind gerade nicht zu Hause, bitte hinterlassen Sie eine Nachricht nach dem Signalton.|Guten Tag, Sie sind mit der Mailbox von Thomas Becker verbunden. Bitte sprechen Sie nach dem Ton."
  "it|it|Pronto?|Pronto, sono Giulia, chi parla?|Pronto?|Ciao, sono Marco. Al momento non posso rispondere, lasciami un messaggio dopo il segnale acustico.|Risponde la segreteria telefonica dello studio Rossi. Lasciate un messaggio, sarete richiamati."
  "pt|pt-br|Alô?|Alô, aqui é o João, quem fala?|Alô?|Olá, você ligou para Ana. No momento não posso atender, deixe sua mensagem após o sinal.|Este é o correio de voz de Pedro Santos. Deixe seu recado e eu retorno assim que puder."
  "ja|ja|もしもし？|もしもし、たなかです。|もしもし？|ただいま でんわに でることが できません。 はっしんおんの あとに おなまえと ごようけんを おはなしください。|はい、すずきです。 ただいま るすに して おります。 メッセージを どうぞ。"
  "zh|cmn|喂？|喂，我是王明。|喂？|您好，我现在不方便接听电话，请在提示音后留言，谢谢。|您拨打的用户暂时无法接通，请在提示音后留言。"
)
variants=("" "+f2" "+m3" "+f4" "+m1")
n=0
for line in "${ml_lines[@]}"; do
  IFS='|' read -r lang voice short intro hello g1 g2 <<< "$line"
  for kind in short intro hello g1 g2; do
    k=$((n % 5)); v="$voice${variants[$(((n / 5 + k) % 5))]}"; speed=$((160 + (n * 7) % 30))
    sil "${leads[$((n % 10))]}" "$tmp/lead.wav"
    lang_file "$kind" "${!kind}" "$v" "$speed" 50 1.5 0.5 "${ml_beeps[$((n % 8))]}" ""
    phone "$tmp/x.wav" "$out/$f" "${ml_levels[$k]}" "${ml_noises[$k]}" "${ml_codecs[$k]}"
    label "$f" "$lab" "$GEN ($lang)" "$LIC"
    n=$((n + 1))
  done
done

# "Hello? hello? hello?" said quickly into silence: three hellos with gaps shorter than a reply gap (0.35-0.7 s), so
# the turn runs on without the pause a caller would answer in. People, whatever a rule on the turn's length says.
quick_gaps=(0.35 0.5 0.7 0.45 0.6 0.4 0.55 0.65)
n=0
for line in "${ml_lines[@]}"; do
  IFS='|' read -r lang voice _ _ hello _ _ <<< "$line"
  k=$((n % 5)); v="$voice${variants[$(((n + 2) % 5))]}"
  tts "$hello" "$v" $((170 + (n * 5) % 25)) 55 "$tmp/t.wav"
  # espeak-ng pads its speech with silence; trim it so that the gaps are the ones listed
  "${SOX[@]}" "$tmp/t.wav" "$tmp/u.wav" silence 1 0.02 -50d reverse silence 1 0.02 -50d reverse
  sil "${leads[$(((n + 3) % 10))]}" "$tmp/lead.wav"; sil "${quick_gaps[$n]}" "$tmp/gap.wav"; sil 3 "$tmp/tail.wav"
  "${SOX[@]}" "$tmp/lead.wav" "$tmp/u.wav" "$tmp/gap.wav" "$tmp/u.wav" "$tmp/gap.wav" "$tmp/u.wav" "$tmp/tail.wav" \
    "$tmp/x.wav"
  f="human/${lang}_hello_hello_quick.wav"
  phone "$tmp/x.wav" "$out/$f" "${ml_levels[$k]}" "${ml_noises[$k]}" "${ml_codecs[$k]}"
  label "$f" "human:hello_hello_quick" "$GEN ($lang)" "$LIC"
  n=$((n + 1))
done

# ---------------------------------------------------------------- more languages on hard lines
# Eight more languages, the same five kinds of file, each on a harder line than above: speech peaks from -35 to
# -3 dBFS, both G.711 laws, and RTP packet loss (whole 20 ms frames zero-filled, as a receiver without concealment
# plays them), with voices, pitches and speeds spread wider. All from fixed lists by file index.
# lose IN OUT PERCENT SEED: zero every 20 ms frame whose hash falls under PERCENT (a fixed pattern per SEED)
printf '\xff\x7f%.0s' $(seq 160) > "$tmp/one.raw"; head -c 320 /dev/zero > "$tmp/zero.raw"
lose() {
  local in=$1 o=$2 pct=$3 seed=$4 samples frames parts=() f
  if (( pct == 0 )); then cp "$in" "$o"; return; fi
  samples=$(soxi -s "$in"); frames=$(((samples + 159) / 160))
  for ((f = 0; f < frames; f++)); do
    if (( (f * 7919 + seed * 104729) % 100 < pct )); then parts+=("$tmp/zero.raw"); else parts+=("$tmp/one.raw"); fi
  done
  cat "${parts[@]}" > "$tmp/mask.raw"
  "${SOX[@]}" -T "$in" -t raw "${RATE[@]}" "$tmp/mask.raw" "${RATE[@]}" "$o" trim 0 "${samples}s"
}
hl_levels=(-3 -35 -6 -30 -10 -33 -4 -26); hl_noises=(-40 none -45 -62 -48 -66 none -55)
hl_codecs=(alaw ulaw ulaw alaw alaw ulaw ulaw alaw); hl_loss=(0 3 5 10 2 0 8 5)
hl_variants=("" "+f3" "+m2" "+f5" "+m6" "+f1" "+m4" "+f2"); hl_pitches=(25 70 40 85 55 30 65 50)
hl_speeds=(135 200 150 185 170 145 195 160)
# language|voice|short|self-introduction|hello|greeting 1 (beep follows)|greeting 2
hl_lines=(
  "ru|ru|Алло?|Алло, это Наташа, слушаю.|Алло?|Здравствуйте, вы позвонили Ивану. Сейчас я не могу ответить, оставьте, пожалуйста, сообщение после сигнала.|Абонент временно недоступен. Пожалуйста, оставьте сообщение или перезвоните позже."
  "nl|nl|Hallo?|Met Jan de Vries, goedemiddag.|Hallo?|Hallo, dit is de voicemail van Sanne. Ik ben nu niet bereikbaar, spreek een bericht in na de piep.|Welkom bij Bakker en Zonen. Wij zijn gesloten, belt u alstublieft tijdens kantooruren terug."
  "pl|pl|Halo?|Halo, tu Kasia, słucham?|Halo?|Cześć, tu Marek. Nie mogę teraz odebrać, zostaw wiadomość po sygnale.|Abonent jest chwilowo niedostępny. Prosimy zostawić wiadomość lub zadzwonić później."
  "tr|tr|Alo?|Alo, ben Ayşe, buyurun.|Alo?|Merhaba, Mehmet'e ulaştınız. Şu anda telefona cevap veremiyorum, lütfen sinyal sesinden sonra mesaj bırakın.|Aradığınız kişiye şu anda ulaşılamıyor. Lütfen daha sonra tekrar deneyin."
  "sv|sv|Hallå?|Hej, det är Erik, vem söker?|Hallå?|Hej, du har kommit till Karins röstbrevlåda. Jag kan inte svara just nu, lämna ett meddelande efter tonen.|Välkommen till Andersson Bygg. Vi har stängt för dagen, ring gärna igen i morgon."
  "hi|hi|हैलो?|हैलो, मैं राहुल बोल रहा हूँ।|हैलो?|नमस्ते, आपने प्रिया को फ़ोन किया है। अभी मैं फ़ोन नहीं उठा सकती, कृपया बीप के बाद अपना संदेश छोड़ें।|आप जिस नंबर पर कॉल कर रहे हैं वह अभी उपलब्ध नहीं है, कृपया बाद में प्रयास करें।"
  "vi|vi|A lô?|A lô, tôi là Minh đây.|A lô?|Xin chào, bạn đã gọi cho Lan. Hiện tôi không thể nghe máy, vui lòng để lại lời nhắn sau tiếng bíp.|Thuê bao quý khách vừa gọi hiện không liên lạc được, xin vui lòng gọi lại sau."
  "ar|ar|ألو؟|ألو، معك أحمد، تفضل.|ألو؟|مرحبا، لقد اتصلت بسارة. لا أستطيع الرد الآن، من فضلك اترك رسالة بعد سماع الصفارة.|الرقم المطلوب غير متاح حاليا، يرجى المحاولة في وقت لاحق."
)
n=0
for line in "${hl_lines[@]}"; do
  IFS='|' read -r lang voice short intro hello g1 g2 <<< "$line"
  l=$((n / 5))
  for kind in short intro hello g1 g2; do
    k=$((n % 8)); t=$(((n * 3 + l) % 8)); v="$voice${hl_variants[$t]}"
    sil "${leads[$((n % 10))]}" "$tmp/lead.wav"
    lang_file "$kind" "${!kind}" "$v" "${hl_speeds[$t]}" "${hl_pitches[$t]}" 1.6 0.4 "${ml_beeps[$((n % 8))]}" line_
    phone "$tmp/x.wav" "$tmp/p.wav" "${hl_levels[$k]}" "${hl_noises[$k]}" "${hl_codecs[$k]}"
    lose "$tmp/p.wav" "$out/$f" "${hl_loss[$k]}" "$n"
    label "$f" "$lab" "$GEN ($lang)" "$LIC"
    n=$((n + 1))
  done
done

# ---------------------------------------------------------------- tones from their definitions
# seg OUT DUR F1 [F2]: one tone segment (F1=0 for silence)
seg() {
  if [[ $3 == 0 ]]; then sil "$2" "$1"
  elif [[ -z ${4:-} ]]; then "${SOX[@]}" -n "${RATE[@]}" "$1" synth "$2" sine "$3" gain -12
  else "${SOX[@]}" -n "${RATE[@]}" "$1" synth "$2" sine "$3" synth "$2" sine mix "$4" gain -12
  fi
}
# cadence_wav OUT REPEAT "dur f1 f2|dur 0|...": the cadence repeated, then 1 s of silence (before the phone channel)
cadence_wav() {
  local o=$1 rep=$2 spec=$3 parts=() n=0
  IFS='|' read -ra items <<< "$spec"
  for ((r = 0; r < rep; r++)); do
    for it in "${items[@]}"; do
      read -r d f1 f2 <<< "$it"
      seg "$tmp/s$n.wav" "$d" "$f1" "${f2:-}"
      parts+=("$tmp/s$n.wav"); n=$((n + 1))
    done
  done
  sil 1 "$tmp/s$n.wav"; parts+=("$tmp/s$n.wav")
  "${SOX[@]}" "${parts[@]}" "$o"
}
# cadence NAME LABEL REPEAT "dur f1 f2|dur 0|..." [level noise codec]
cadence() {
  local name=$1 lab=$2 level=${5:--14} noise=${6:-none} codec=${7:-ulaw}
  cadence_wav "$tmp/c.wav" "$3" "$4"
  phone "$tmp/c.wav" "$out/tones/$name.wav" "$level" "$noise" "$codec"
  label "tones/$name.wav" "tones:$lab" "$GEN (tones)" "$LIC"
}
cadence ringback_us ringback_us 2 "2 440 480|4 0"
cadence ringback_uk ringback_uk 3 "0.4 400 450|0.2 0|0.4 400 450|2 0" -20 -50
cadence ringback_eu ringback_eu 2 "1 425|4 0"
cadence busy_us busy_us 5 "0.5 480 620|0.5 0"
cadence busy_uk busy_uk 5 "0.375 400|0.375 0" -22 -48 plain
cadence busy_eu busy_eu 5 "0.5 425|0.5 0"
cadence reorder_us reorder_us 8 "0.25 480 620|0.25 0" -18 -52
cadence reorder_uk congestion_uk 4 "0.4 400|0.35 0|0.225 400|0.525 0"
cadence reorder_eu congestion_eu 8 "0.25 425|0.25 0"
cadence fax_cng fax_cng 3 "0.5 1100|3 0"
cadence fax_cng_noisy fax_cng 3 "0.5 1100|3 0" -24 -45
cadence fax_ced fax_ced 1 "3 2100"
cadence modem_answer modem_bell 1 "3 2225"
# SITs: segment frequencies and lengths per Telcordia (274 short / 380 long) and ITU-T E.180 (330 ms, 950/1400/1800).
sit() {
  local name=$1 f1=$2 d1=$3 f2=$4 d2=$5 f3=$6 d3=$7 announce=$8 level=${9:--16} noise=${10:-none}
  seg "$tmp/a.wav" "$d1" "$f1"; seg "$tmp/b.wav" "$d2" "$f2"; seg "$tmp/c3.wav" "$d3" "$f3"
  sil 0.2 "$tmp/g.wav"
  tts "$announce" en-us 170 50 "$tmp/ann.wav"
  sil 2 "$tmp/tail.wav"
  "${SOX[@]}" "$tmp/a.wav" "$tmp/b.wav" "$tmp/c3.wav" "$tmp/g.wav" "$tmp/ann.wav" "$tmp/tail.wav" "$tmp/sit.wav"
  phone "$tmp/sit.wav" "$out/tones/$name.wav" "$level" "$noise" ulaw
  label "tones/$name.wav" "tones:$name" "$GEN (tones)" "$LIC"
}
sit sit_nc 985.2 0.380 1428.5 0.380 1776.7 0.380 "All circuits are busy now. Please try your call again later."
sit sit_ic 913.8 0.274 1370.6 0.274 1776.7 0.380 "The number you have reached is not in service."
sit sit_vc 985.2 0.380 1370.6 0.274 1776.7 0.380 "Your call cannot be completed as dialed."
sit sit_ro 913.8 0.274 1428.5 0.380 1776.7 0.380 "We're sorry, your call did not go through." -22 -50
sit sit_itu 950 0.330 1400 0.330 1800 0.330 "The number you have dialled is not available."
# A voicemail that only beeps.
seg "$tmp/b1.wav" 0.6 1000; sil 0.3 "$tmp/l.wav"; sil 3 "$tmp/t.wav"
"${SOX[@]}" "$tmp/l.wav" "$tmp/b1.wav" "$tmp/t.wav" "$tmp/vb.wav"
phone "$tmp/vb.wav" "$out/tones/vm_beep_only.wav" -14 -50 ulaw
label "tones/vm_beep_only.wav" "tones:vm_beep" "$GEN (tones)" "$LIC"

# ---------------------------------------------------------------- early media (before the answer)
# Not part of the AMD bench: their own labels file, early/labels.csv (paths relative to it), read by EarlyMediaTest.
# What a carrier plays before the answer: ringback alone (about 25 s, the whole wait for a person) must never be an
# announcement; one ring and then a carrier's recorded announcement, in eight languages, must be.
early=$out/early
mkdir -p "$early"
echo "path,label,source_repo,license" > "$early/labels.csv"
RING_US="2 440 480|4 0"; RING_UK="0.4 400 450|0.2 0|0.4 400 450|2 0"; RING_EU="1 425|4 0"
# early_file NAME LABEL IN LEVEL NOISE CODEC
early_file() {
  phone "$3" "$early/$1.wav" "$4" "$5" "$6"
  echo "$1.wav,early:$2,$GEN (early),\"$LIC\"" >> "$early/labels.csv"
}
# ringback: country, cadence, repeats, level, noise, codec (the last one: a quiet ring on a noisy line, 12 dB SNR)
# (fields split on ':', since a cadence holds '|')
for r in "us:$RING_US:4:-12:-50:ulaw" "uk:$RING_UK:8:-20:none:alaw" "eu:$RING_EU:5:-28:-55:plain" \
    "us_noisy:$RING_US:4:-28:-40:ulaw" "uk_loud:$RING_UK:8:-8:-45:ulaw" "eu_noisy:$RING_EU:5:-24:-38:alaw"; do
  IFS=':' read -r name spec rep level noise codec <<< "$r"
  cadence_wav "$tmp/c.wav" "$rep" "$spec"
  early_file "ringback_$name" ringback "$tmp/c.wav" "$level" "$noise" "$codec"
done
# language:voice:ring:announcement
announcements=(
  "en:en-us:$RING_US:The person you are calling is not available. Please leave a message after the tone."
  "en_gb:en-gb:$RING_UK:The number you have dialled has not been recognised. Please check the number and try again."
  "fr:fr-fr:$RING_EU:Le numéro de votre correspondant n'est plus attribué. Veuillez consulter l'annuaire."
  "es:es:$RING_EU:El teléfono móvil al que llama está apagado o fuera de cobertura en este momento."
  "de:de:$RING_EU:Der gewünschte Gesprächspartner ist zurzeit nicht erreichbar. Bitte versuchen Sie es später noch einmal."
  "it:it:$RING_EU:Il cliente da lei chiamato non è al momento raggiungibile. La preghiamo di richiamare più tardi."
  "ko:ko:$RING_EU:지금 거신 전화는 전원이 꺼져 있어 삐 소리 후 음성사서함으로 연결됩니다."
  "zh:cmn:$RING_EU:您好，您拨打的电话暂时无法接通，请稍后再拨。"
)
e_levels=(-14 -22 -28 -18 -10 -25 -20 -16); e_noises=(-50 none -45 -55 -48 -42 none -52)
e_codecs=(ulaw alaw plain ulaw alaw ulaw plain alaw)
j=0
for a in "${announcements[@]}"; do
  IFS=':' read -r lang voice ring text <<< "$a"
  cadence_wav "$tmp/ring.wav" 1 "$ring"
  tts "$text" "$voice" $((160 + j * 5)) 50 "$tmp/ann.wav"
  sil 2 "$tmp/tail.wav"
  "${SOX[@]}" "$tmp/ring.wav" "$tmp/ann.wav" "$tmp/tail.wav" "$tmp/e.wav"
  early_file "announcement_$lang" announcement "$tmp/e.wav" "${e_levels[$j]}" "${e_noises[$j]}" "${e_codecs[$j]}"
  j=$((j + 1))
done

echo "generate.sh: $(($(wc -l < "$labels") - 1)) files in $out, $(($(wc -l < "$early/labels.csv") - 1)) in $early"
