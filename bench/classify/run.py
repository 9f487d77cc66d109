"""Classification benchmark: accuracy against targets and the keyword baseline,
throughput on one core, model load time and size. Prints figures only.

    .venv/bin/python bench/classify/run.py [--seeds 13,7,21,1] [--shared-dir DIR]

Accuracy is measured on the held-out split of the shipped (builtin) model's
seed; --seeds retrains from scratch for each listed seed and prints the spread,
since one split of a few hundred messages moves by a point or two.
"""

from __future__ import annotations

import os

# One core, as the target says; must be set before NumPy loads its BLAS.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

import argparse  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from xborder.classify import classify_text, corpus, keywords, registry, training  # noqa: E402
from xborder.classify.indicators import extract_indicators, indicator_flags  # noqa: E402
from xborder.classify.text import normalise  # noqa: E402

TARGETS = {"thai_sms_f1": 0.93, "type_macro_f1": 0.85, "msgs_per_s": 3000, "load_s": 1.0, "size_mb": 20}


def accuracy(shared_dir: str | None) -> None:
    builtin = registry.builtin_info()
    if builtin is None:
        sys.exit("no builtin model: run python -m xborder.classify.builtin")
    metrics = training.evaluate(builtin.version, shared_dir=shared_dir)
    print(f"model {builtin.version} (seed {builtin.seed}); {metrics['data']['description']}")
    scam, base = metrics["scam"], metrics["keyword_baseline"]["scam"]
    if "thai_sms" in scam:
        thai, thai_base = scam["thai_sms"], base["thai_sms"]
        print(
            f"scam vs legitimate, Thai SMS held-out (n={thai['count']}, legitimate = ok+otp): "
            f"F1 {thai['scam_f1']:.3f}   keyword baseline {thai_base['scam_f1']:.3f}   "
            f"target >= {TARGETS['thai_sms_f1']}"
        )
        spam = scam["thai_sms_with_spam"]
        print(
            f"  same, with the corpus's advertising 'spam' counted as not scam (n={spam['count']}): "
            f"F1 {spam['scam_f1']:.3f}   keyword baseline {base['thai_sms_with_spam']['scam_f1']:.3f}"
        )
    else:
        print("scam vs legitimate on Thai SMS: shared/data not found, not measured")
    for source in ("uci_sms", "thai_calls", "type_corpus"):
        if source in scam:
            print(
                f"  {source} held-out (n={scam[source]['count']}): F1 {scam[source]['scam_f1']:.3f}"
                f"   keyword baseline {base[source]['scam_f1']:.3f}"
            )
    types = metrics["type"]["type_head"]
    print(
        f"scam type, type corpus held-out (n={types['count']}, 13 types): macro-F1 "
        f"{types['macro_f1']:.3f}   keyword baseline "
        f"{metrics['keyword_baseline']['type']['type_head']['macro_f1']:.3f}   "
        f"target >= {TARGETS['type_macro_f1']}"
    )
    decision = metrics["type"]["decision"]
    print(f"  full decision incl. not_scam (14 labels): macro-F1 {decision['macro_f1']:.3f}")


def seed_spread(seeds: list[int], shared_dir: str | None) -> None:
    data = training.training_data(shared_dir=shared_dir)
    thai, types = [], []
    for seed in seeds:
        started = time.perf_counter()
        _, metrics, _ = training.build(data, seed)
        thai.append(metrics["summary"]["thai_sms_scam_f1"])
        types.append(metrics["summary"]["type_macro_f1"])
        print(
            f"  seed {seed}: Thai SMS F1 {thai[-1]:.3f}, type macro-F1 {types[-1]:.3f}"
            f"  (trained in {time.perf_counter() - started:.1f} s)"
        )
    print(
        f"  mean over {len(seeds)} seeds: Thai SMS F1 {statistics.mean(thai):.3f} "
        f"(min {min(thai):.3f}), type macro-F1 {statistics.mean(types):.3f} (min {min(types):.3f})"
    )


def throughput(shared_dir: str | None) -> None:
    directory = corpus.check_shared_dir(shared_dir)
    texts = [e.text for e in corpus.thai_sms(directory)] if directory else []
    texts += [e.text for e in corpus.type_corpus()]
    indicators = [extract_indicators(text) for text in texts]
    classify_text("warm up the cached model")

    def rate(run) -> float:
        best = 0.0
        for _ in range(3):
            started = time.perf_counter()
            run()
            best = max(best, len(texts) / (time.perf_counter() - started))
        return best

    alone = rate(lambda: [classify_text(t, i) for t, i in zip(texts, indicators)])
    with_extract = rate(lambda: [classify_text(t) for t in texts])
    flags = [indicator_flags(i) for i in indicators]
    normalised = [normalise(t) for t in texts]
    baseline = rate(lambda: [keywords.predict(t, f) for t, f in zip(normalised, flags)])
    print(
        f"throughput, one core, {len(texts)} messages: classify_text {alone:,.0f} msgs/s "
        f"(indicators given; target >= {TARGETS['msgs_per_s']:,})"
    )
    print(f"  classify_text extracting indicators itself: {with_extract:,.0f} msgs/s")
    print(f"  keyword baseline scoring alone: {baseline:,.0f} msgs/s")


def load_and_size() -> None:
    builtin = registry.builtin_info()
    times = []
    for _ in range(5):
        started = time.perf_counter()
        model = registry.load_version(builtin.version, None)
        times.append(time.perf_counter() - started)
    arrays = model.arrays
    memory = arrays.weights.nbytes + arrays.idf.nbytes
    print(
        f"model load: {statistics.median(times):.3f} s median of 5 (max {max(times):.3f} s); "
        f"target < {TARGETS['load_s']} s"
    )
    cold = subprocess.run(
        [
            sys.executable,
            "-c",
            "import time; t = time.perf_counter(); from xborder.classify import classify_text; "
            "classify_text('hello'); print(time.perf_counter() - t)",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    print(f"  fresh process, import + first classification: {float(cold.stdout):.3f} s")
    size = builtin.path.stat().st_size
    print(
        f"model size: {size / 1e6:.1f} MB on disk ({len(arrays.vocabulary):,} n-grams, "
        f"{memory / 1e6:.1f} MB of arrays in memory); target < {TARGETS['size_mb']} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", default="", help="comma-separated seeds to retrain and compare")
    parser.add_argument("--shared-dir", default=None, help="shared corpora (default: ../shared/data)")
    args = parser.parse_args()
    accuracy(args.shared_dir)
    if args.seeds:
        print("retrained from scratch per seed:")
        seed_spread([int(s) for s in args.seeds.split(",")], args.shared_dir)
    throughput(args.shared_dir)
    load_and_size()


if __name__ == "__main__":
    main()
