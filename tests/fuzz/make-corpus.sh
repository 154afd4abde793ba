#!/usr/bin/env bash
# Regenerates tests/fuzz/corpus/ from the real packs: every pack.json (seed starts
# with 'M') and lesson.json (seed starts with 'L') of lessons/qiao-basics,
# tests/packs/good and tests/packs/broken, one file per distinct content, named
# after where it came from (good packs first, so a broken pack whose JSON is
# the good one's does not name it). The first byte picks the parser (fuzz_pack_json.cpp).
# Hand-made seeds (named hand-*) and crash regressions (named crash-*) are kept.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=tests/fuzz/corpus
mkdir -p "$out"
find "$out" -maxdepth 1 -type f \( -name 'M-*' -o -name 'L-*' \) -delete
declare -A seen=()
while IFS= read -r f; do
  case "$f" in
    */pack.json) prefix=M ;;
    */lesson.json) prefix=L ;;
    *) continue ;;
  esac
  [ "$(stat -c %s "$f")" -le 65536 ] || continue
  sum=$(sha256sum "$f" | cut -c1-16)
  [ -z "${seen[$sum]:-}" ] || continue
  seen[$sum]=1
  name=$(dirname "$f" | sed -e 's#^lessons/##' -e 's#^tests/packs/##' -e 's#/lessons/#-#' -e 's#/#-#g')
  { printf '%s' "$prefix"; cat "$f"; } > "$out/$prefix-$name.json"
done < <(for root in lessons/qiao-basics tests/packs/good tests/packs/broken; do find "$root" -name '*.json' | sort; done)
ls "$out" | wc -l
