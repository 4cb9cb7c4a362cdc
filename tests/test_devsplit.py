"""The read/unread split of tuning sets: fixed by the id's hash, complete, and the same on every run."""
import csv
import json

from sitrep.devsplit import part, write_splits


def test_part_is_fixed_by_the_id_not_by_position():
    # sha1("1")[-1] = 'b' (odd), sha1("3")[-1] = 'b' (odd), sha1("2")[-1] = '0' (even)
    assert part("2") == "read" and part(2) == "read"
    assert part("1") == "unread" and part("3") == "unread"
    assert part(" 2 ") == part("2")


def test_write_splits_partitions_each_set_and_keeps_incidents_whole(tmp_path):
    data = tmp_path / "data"
    (data / "gvc").mkdir(parents=True)
    with open(data / "fa-kes-dev.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["unit_id", "article_content"])
        for i in range(40):
            w.writerow([str(1000 + i), f"text {i},\nwith a comma and a newline"])
    docs, d2i = [], {}
    for i in range(30):
        docs.append({"id": f"d{i}", "text": f"story {i}"})
        d2i[f"d{i}"] = f"inc{i // 3}"
    (data / "gvc" / "docs.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs))
    (data / "gvc" / "gold.json").write_text(json.dumps({"doc_to_incident": d2i,
                                                        "incidents": {f"inc{k}": {"killed": k} for k in range(10)}}))
    write_splits(data, tmp_path / "out")
    ids = {}
    for p in ("read", "unread"):
        with open(tmp_path / "out" / f"fa-kes-dev.{p}.csv", newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert all(part(r["unit_id"]) == p for r in rows)
        assert all("\n" in r["article_content"] for r in rows)
        ids[p] = {r["unit_id"] for r in rows}
    assert ids["read"] and ids["unread"] and not ids["read"] & ids["unread"]
    assert len(ids["read"] | ids["unread"]) == 40
    seen = set()
    for p in ("read", "unread"):
        gold = json.loads((tmp_path / "out" / f"gvc.{p}" / "gold.json").read_text())
        got = [json.loads(l)["id"] for l in (tmp_path / "out" / f"gvc.{p}" / "docs.jsonl").read_text().splitlines()]
        assert set(got) == set(gold["doc_to_incident"])
        assert {part(i) for i in gold["doc_to_incident"].values()} <= {p}
        assert set(gold["incidents"]) == set(gold["doc_to_incident"].values())
        seen |= set(got)
    assert len(seen) == 30
