#!/bin/bash
# Run the shared scorers on every development set, keeping each run's exports, so that two builds (or the cascade
# and --full-parse) can be compared record by record with scripts/compare_exports.py.
#
#   bash scripts/eval_sets.sh LABEL [VAR=VALUE ...]     e.g.  bash scripts/eval_sets.sh full SITREP_FULL_PARSE=1
#   python3 scripts/compare_exports.py out/cmp/full/fakes-read out/cmp/casc/fakes-read --ignore path
#
# Writes out/cmp/LABEL/{seeds,fakes-read,fakes-unread,case,gvc}/ and the scores in out/cmp/LABEL.log. Needs the
# read/unread splits (SITREP_SHARED: the shared folder when it is not ../shared): .venv/bin/sitrep eval split --data ../shared/data --out out/splits
set -u
cd "$(dirname "$0")/.."
ROOT=$PWD
L=${1:?label}; shift
S=${SITREP_SHARED:-../shared}  # the shared data, tools and gold
D=$ROOT/out/cmp/$L; rm -rf "$D"; mkdir -p "$D/seeds"
for kv in "$@"; do export "$kv"; done
{
echo "== $L $* $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
.venv/bin/sitrep run $S/seeds --db "$D/seeds.db" --quiet
.venv/bin/sitrep export events --db "$D/seeds.db" --format jsonl -o "$D/seeds/events.jsonl"
.venv/bin/sitrep export documents --db "$D/seeds.db" --format jsonl -o "$D/seeds/documents.jsonl"
python3 $S/tools/score_events.py $S/gold/seeds.json "$D/seeds/events.jsonl" "$D/seeds/documents.jsonl" | tail -1
for p in read unread; do
  echo "-- fakes $p"; python3 $S/tools/score_fakes.py "out/splits/fa-kes-dev.$p.csv" --keep "$D/fakes-$p" 2>&1 | tail -1
done
echo "-- case"; python3 $S/tools/score_case.py $S/data/case2021-task2-dev.tsv --keep "$D/case" 2>&1 | tail -1
echo "-- gvc"; python3 $S/tools/score_fusion.py $S/data/gvc/docs.jsonl $S/data/gvc/gold.json --keep "$D/gvc" 2>&1 | tail -1
echo "== end $(date -u +%T)"
} > "$D.log" 2>&1
cat "$D.log"
