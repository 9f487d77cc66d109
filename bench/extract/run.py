"""Benchmark of xborder.extract: throughput, F1 on our corpus, and the baselines.

Run: python bench/extract/run.py [--quick]

Prints, from one run on the same texts: our texts/s and MB/s (whole messages
from shared/data when present, else the corpus), micro-averaged F1 per kind on
tests/extract/corpus.jsonl, the same for iocextract and ioc-finder on the kinds
they also extract, and the time for each 1 MB adversarial input. Figures are
printed, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from baselines import Pairs, ioc_finder_pairs, iocextract_pairs  # noqa: E402

from xborder.extract import extract  # noqa: E402

CORPUS = ROOT / "tests" / "extract" / "corpus.jsonl"


def _shared_data() -> Path:
    return Path(os.environ.get("XBORDER_SHARED_DATA", ROOT.parent / "shared" / "data"))


def load_corpus() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text("utf-8").splitlines() if line.strip()]


def load_messages() -> list[str]:
    """Real message shapes from shared/data (see its README), if it is there."""
    data = _shared_data()
    texts: list[str] = []
    for name in ("thai_sms.csv", "uci_sms_spam.csv"):
        path = data / name
        if path.exists():
            with path.open(encoding="utf-8", newline="") as f:
                texts.extend(row["text"] for row in csv.DictReader(f))
    calls = data / "thai_scam_calls.jsonl"
    if calls.exists():
        for line in calls.read_text("utf-8").splitlines():
            texts.append("\n".join(turn["text"] for turn in json.loads(line)["turns"]))
    return texts


def throughput(run: Callable[[str], object], texts: list[str], min_seconds: float) -> tuple[float, float]:
    """(texts per second, MB per second of UTF-8) over repeated passes."""
    size = sum(len(t.encode("utf-8")) for t in texts)
    passes = 0
    start = time.perf_counter()
    while True:
        for text in texts:
            run(text)
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return passes * len(texts) / elapsed, passes * size / elapsed / 1e6


def ours(text: str, country: str | None = None) -> Pairs:
    return {(i.kind, i.value) for i in extract(text, country)}


def score(cases: list[dict], run: Callable[[dict], Pairs], kinds: Iterable[str] | None) -> dict[str, tuple[int, int, int]]:
    """Per kind: (true positives, false positives, false negatives)."""
    wanted = set(kinds) if kinds is not None else None
    counts: dict[str, list[int]] = {}
    for case in cases:
        gold = {tuple(p) for p in case["expect"]}
        got = run(case)
        if wanted is not None:
            gold = {p for p in gold if p[0] in wanted}
            got = {p for p in got if p[0] in wanted}
        for kind, _ in gold | got:
            counts.setdefault(kind, [0, 0, 0])
        for pair in got & gold:
            counts[pair[0]][0] += 1
        for pair in got - gold:
            counts[pair[0]][1] += 1
        for pair in gold - got:
            counts[pair[0]][2] += 1
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def micro(counts: dict[str, tuple[int, int, int]]) -> float:
    return f1(*(sum(c[i] for c in counts.values()) for i in range(3)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="shorter timing passes, skip the adversarial set")
    args = parser.parse_args()
    seconds = 0.5 if args.quick else 3.0

    cases = load_corpus()
    messages = load_messages()
    texts = messages or [c["text"] for c in cases]
    source = "shared/data messages" if messages else "corpus texts"
    for text in texts:  # warm caches and lazy loads, as a running node would be
        extract(text)

    baselines = {"iocextract": iocextract_pairs(), "ioc-finder": ioc_finder_pairs()}

    print(f"xborder.extract benchmark: {len(cases)} corpus cases; throughput on {len(texts)} {source}, "
          f"{sum(len(t.encode()) for t in texts) / len(texts):.0f} bytes average, one core\n")

    print(f"{'extractor':<12} {'texts/s':>10} {'MB/s':>8} {'x ioc-finder':>13}")
    rates = {"xborder": throughput(extract, texts, seconds)}
    for name, baseline in baselines.items():
        if baseline is None:
            print(f"{name:<12} not installed (pip install iocextract ioc-finder)")
            continue
        rates[name] = throughput(baseline[1], texts, seconds)
    finder = rates.get("ioc-finder")
    for name, (tps, mbps) in rates.items():
        ratio = f"{tps / finder[0]:.1f}x" if finder else "-"
        print(f"{name:<12} {tps:>10.0f} {mbps:>8.2f} {ratio:>13}")

    ours_counts = score(cases, lambda c: ours(c["text"], c["country"]), None)
    print(f"\nF1 on our corpus, all kinds: {micro(ours_counts):.4f}")
    print(f"{'kind':<14} {'tp':>5} {'fp':>5} {'fn':>5} {'F1':>7}")
    for kind, (tp, fp, fn) in sorted(ours_counts.items()):
        print(f"{kind:<14} {tp:>5} {fp:>5} {fn:>5} {f1(tp, fp, fn):>7.4f}")

    print("\nF1 on the kinds each baseline also extracts (same cases, same gold):")
    print(f"{'kinds':<44} {'xborder':>8} {'baseline':>9}  baseline")
    for name, baseline in baselines.items():
        if baseline is None:
            continue
        kinds, run = baseline
        mine = micro(score(cases, lambda c: ours(c["text"], c["country"]), kinds))
        theirs = micro(score(cases, lambda c: run(c["text"]), kinds))
        print(f"{','.join(sorted(kinds)):<44} {mine:>8.4f} {theirs:>9.4f}  {name}")

    if args.quick:
        return
    spec = importlib.util.spec_from_file_location("adversarial", ROOT / "tests" / "extract" / "adversarial.py")
    assert spec is not None and spec.loader is not None
    adversarial = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(adversarial)
    print("\nAdversarial inputs, 1 MB each (seconds, indicators found):")
    worst = 0.0
    for name, text in adversarial.adversarial_inputs().items():
        start = time.perf_counter()
        found = len(extract(text))
        elapsed = time.perf_counter() - start
        worst = max(worst, elapsed)
        print(f"  {name:<18} {elapsed:6.2f} s  {found}")
    print(f"  worst {worst:.2f} s")


if __name__ == "__main__":
    main()
