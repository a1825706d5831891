#!/usr/bin/env bash
# End-to-end speed of the CLI beside a one-pass grep floor, on 10 MB inputs built from the
# langid sentences (../shared/data/langid by default, or $1), plus cold start and memory.
# Prints a table; the criterion-style micro benchmarks are `cargo bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${1:-../shared/data/langid}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cargo build --release --quiet
BIN=target/release/meaculpa
SIZE=$((10 * 1024 * 1024))

# Wall-clock seconds of one run of a command. $EPOCHREALTIME (bash 5) is read
# without starting a process: `date` would add its own start-up, about a
# millisecond, to each reading.
run_time() {
  local t0 t1
  t0=$EPOCHREALTIME; "$@" >/dev/null 2>&1 || true; t1=$EPOCHREALTIME
  echo "${t1/,/.} - ${t0/,/.}" | bc -l
}
# best of three wall-clock runs of a command, in seconds
best() {
  local best=999999 d
  for _ in 1 2 3; do
    d=$(run_time "$@")
    if (( $(echo "$d < $best" | bc -l) )); then best=$d; fi
  done
  echo "$best"
}
# median and fastest of 101 runs of a command, in milliseconds
median_ms() {
  local i
  for i in $(seq 101); do run_time "$@"; done | sort -g |
    awk '{ t[NR] = $1 * 1000 } END { printf "median %.1f ms, fastest %.1f ms", t[51], t[1] }'
}
# (lint exits 1 when it finds an error: the prose is one long "message", in
# which a rule such as no-apology may fire)
peak_mb() { { /usr/bin/time -f %M "$@" 2>&1 >/dev/null || true; } | tail -1 | awk '{printf "%.1f", $1/1024}'; }

# The lint column runs on one core (taskset), as the goals are stated; the
# last column lets it use every core (large inputs are linted in parallel chunks).
ONE_CORE="taskset -c 0"
command -v taskset >/dev/null || ONE_CORE=""
printf '| input (10 MB) | meaculpa lint, one core | grep -c -i -F -f anchors | ratio | MB/s | peak memory | all cores |\n|---|---|---|---|---|---|---|\n'
for L in en it tl bg; do
  IN="$WORK/$L.txt"
  # paragraphs of prose, repeated to 10 MB
  while [ "$(stat -c %s "$IN" 2>/dev/null || echo 0)" -lt "$SIZE" ]; do
    awk 'NR % 4 == 0 { print ""; } { print }' "$DATA/sentences/$L.txt" >> "$IN"
  done
  truncate -s "$SIZE" "$IN"
  # make sure the cut did not split a UTF-8 sequence
  iconv -f utf-8 -t utf-8 -c "$IN" > "$IN.ok" && mv "$IN.ok" "$IN"
  python3 - "$L" > "$WORK/$L.anchors" <<'PY'
import sys, tomllib, re
rules = tomllib.load(open(f"locales/{sys.argv[1]}/rules.toml", "rb"))
words = set()
for phrase in rules["classes"]["apology"]:
    for w in re.findall(r"[^\s()|?\[\]$#.*…]+", phrase):
        if len(w) > 2:
            words.add(w)
print("\n".join(sorted(words)))
PY
  t_lint=$(best $ONE_CORE "$BIN" lint --lang "$L" --format json "$IN")
  t_all=$(best "$BIN" lint --lang "$L" --format json "$IN")
  t_grep=$(best grep -c -i -F -f "$WORK/$L.anchors" "$IN")
  mem=$(peak_mb "$BIN" lint --lang "$L" --format json "$IN")
  mbs=$(echo "10 / $t_lint" | bc -l)
  printf '| %s | %.3f s | %.3f s | %.1f× | %.0f | %s MB | %.3f s |\n' "$L" "$t_lint" "$t_grep" "$(echo "$t_lint / $t_grep" | bc -l)" "$mbs" "$mem" "$t_all"
done
IN="$WORK/mixed.txt"
# Alternate English and Italian paragraphs, 5 MB of each.
head -c $((SIZE / 2)) "$WORK/en.txt" > "$WORK/half-en.txt"
head -c $((SIZE / 2)) "$WORK/it.txt" > "$WORK/half-it.txt"
# (awk's paragraph mode: a record is a paragraph; one English, then one Italian.)
awk 'BEGIN { RS = ""; ORS = "\n\n" }
     NR == FNR { en[FNR] = $0; n = FNR; next }
     { if (FNR <= n) print en[FNR]; print }
     END { for (i = FNR + 1; i <= n; i++) print en[i] }' "$WORK/half-en.txt" "$WORK/half-it.txt" |
  iconv -f utf-8 -t utf-8 -c > "$IN" || true
t_auto=$(best $ONE_CORE "$BIN" lint --lang auto --format json "$IN")
t_auto_all=$(best "$BIN" lint --lang auto --format json "$IN")
printf '\n--lang auto on 10 MB of English and Italian paragraphs: %.3f s on one core (%.0f MB/s), %.3f s on all cores\n' "$t_auto" "$(echo "10 / $t_auto" | bc -l)" "$t_auto_all"
# Many short replies in one command, as CI checks a folder of replies: the
# first 2,000 paragraphs of the English input, one file each.
mkdir "$WORK/replies"
awk -v dir="$WORK/replies" 'BEGIN { RS = "" } NR <= 2000 { f = sprintf("%s/%04d.txt", dir, NR); print > f; close(f) }' "$WORK/en.txt"
t_many=$(best $ONE_CORE "$BIN" lint --lang en --format json "$WORK"/replies/*.txt)
printf '2,000 reply files (one paragraph each, en) in one command: %.3f s on one core (%.0f replies/s)\n' "$t_many" "$(echo "2000 / $t_many" | bc -l)"
echo "Sorry if you were upset." > "$WORK/one.txt"
printf 'cold start, one sentence, all packs (101 runs): %s\n' "$(median_ms "$BIN" lint --format json "$WORK/one.txt")"
# Drafting with self-lint, one thread on one core: every incident fixture
# in every register and channel (examples/drafts_per_second.rs).
cargo build --release --quiet --example drafts_per_second
printf 'drafts with self-lint, one core:\n'
$ONE_CORE target/release/examples/drafts_per_second | sed 's/^/  /'
