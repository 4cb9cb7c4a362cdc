#!/usr/bin/env bash
# Sitrep end to end with the full English pipeline and with the shared-tok2vec one (sitrep.annotate.model_choice),
# one after the other in the same session: seeds, FA-KES dev, GVC and CASE dev, each READ and UNREAD part
# (out/splits from `sitrep eval split`). Usage: bash scripts/eval_model_ab.sh [OUT_DIR] [CHOICES...]
set -uo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-out/model_ab}; shift || true
CHOICES=${*:-full shared}
mkdir -p "$OUT"
[ -d out/splits ] || .venv/bin/sitrep eval split --data ../shared/data --out out/splits >/dev/null
T=../shared/tools
for c in $CHOICES; do
  export SITREP_SPACY_MODEL=$c
  {
    echo "== $c seeds"; .venv/bin/sitrep eval seeds ../shared/gold/seeds.json ../shared/seeds 2>&1 | tail -4
    for p in read unread; do
      echo "== $c fakes $p"; python3 $T/score_fakes.py out/splits/fa-kes-dev.$p.csv 2>&1 | tail -12
      echo "== $c case $p"; python3 $T/score_case.py out/splits/case2021-task2-dev.$p.tsv 2>&1 | tail -6
      echo "== $c gvc $p"; python3 $T/score_fusion.py out/splits/gvc.$p/docs.jsonl out/splits/gvc.$p/gold.json 2>&1 | tail -14
    done
  } > "$OUT/$c.txt"
done
