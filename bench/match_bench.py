"""Matching latency (p50/p99 per message) on the shipped content and on 10,000 generated offers,
memory, and the time `python -m bot match` takes for 1,000 lines. Prints numbers; asserts nothing.

    .venv/bin/python bench/match_bench.py
"""

from __future__ import annotations

import io
import json
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.evaluate import DEFAULT_SET, load_messages  # noqa: E402
from bot.match_contract import match_lines  # noqa: E402
from content.catalogue.loader import read_content  # noqa: E402
from content.catalogue.snapshot import catalogue_from_bundle  # noqa: E402


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p50 = statistics.median(ms)
    p99 = ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return f"p50 {p50:.2f} ms  p99 {p99:.2f} ms  max {ms[-1]:.2f} ms  ({len(ms)} messages)"


def time_messages(engine: Engine, area_of, texts: list[tuple[str, str]]) -> list[float]:
    samples = []
    for area, text in texts:
        start = time.perf_counter()
        engine.classify(area_of(area), text)
        samples.append(time.perf_counter() - start)
    return samples


def generated_offers(bundle, count: int, seed: int = 7):
    """`count` offers in one area, made by varying the shipped ones: new titles, shuffled keywords."""
    rng = random.Random(seed)
    vocab = sorted({w for o in bundle.offers for q in o.example_questions for w in q.lower().split() if w.isalpha()})
    offers = []
    for i in range(count):
        base = bundle.offers[i % len(bundle.offers)]
        extra = rng.sample(vocab, 4)
        offers.append(base.model_copy(update={
            "area": "nottingham",
            "slug": f"{base.slug}-{i}",
            "title": f"{base.title} {' '.join(extra[:2])}",
            "keywords": rng.sample(base.keywords, len(base.keywords)) + extra[2:],
        }))
    return offers


def blind_texts() -> list[tuple[str, str]]:
    """Every distinct message of the blind sets, in four languages (none repeats: no cached vectors)."""
    from bot.evaluate_blind import BLIND_DIR, load_sets

    found: dict[str, str] = {}
    for part in ("tuning", "heldout-3-spent", "heldout-4-spent", "heldout-5"):
        messages, stories = load_sets(BLIND_DIR / part)
        found.update({m["text"]: m["area"] for m in messages})
        found.update({t["text"]: s["area"] for s in stories for t in s["turns"]})
    return [(area, text) for text, area in found.items()]


def main() -> None:
    bundle = read_content()
    texts = [(m["area"], m["text"]) for m in load_messages(DEFAULT_SET)]
    snapshot = catalogue_from_bundle(bundle)
    engine = Engine(lambda: snapshot)
    start = time.perf_counter()
    engine.classify("nottingham", "warm up")  # builds the matcher and the meaning index (from its cache)
    print(f"Engine ready in {time.perf_counter() - start:.1f} s (words and meaning indexes)")
    print(f"Shipped content ({len(bundle.offers)} offers), words and meaning, one thread:")
    print("  labelled set: " + percentiles(time_messages(engine, lambda a: a, texts)))
    print("  blind sets, four languages: " + percentiles(time_messages(engine, lambda a: a, blind_texts())))
    words_only = Engine(lambda: snapshot, meaning="off")
    words_only.classify("nottingham", "warm up")
    print("  words only (no embeddings): " + percentiles(time_messages(words_only, lambda a: a, texts)))

    tracemalloc.start()
    big = generated_offers(bundle, 10_000)
    big_snapshot = catalogue_from_bundle(bundle).__class__(
        "bench", bundle.areas, bundle.categories, bundle.situations, bundle.crisis_lines,
        {s.file: s for s in bundle.sources}, tuple(big),
    )
    big_engine = Engine(lambda: big_snapshot, meaning="off")  # 10,000 offers' passages: words only
    start = time.perf_counter()
    big_engine.classify("nottingham", "warm up")
    built = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"10,000 generated offers, words only (matcher built in {built:.1f} s, peak {peak / 2**20:.0f} MiB):")
    print("  " + percentiles(time_messages(big_engine, lambda a: "nottingham", texts)))
    print(f"Process max RSS so far: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")

    lines = "".join(json.dumps({"text": t, "area": a}) + "\n" for a, t in (texts * 3)[:1000])
    out = io.StringIO()
    start = time.perf_counter()
    match_lines(engine, io.StringIO(lines), out)
    print(f"`match` contract, 1,000 lines after start-up, in-process: {time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "bot", "match"], input=lines, capture_output=True, text=True,
                          cwd=ROOT, check=True)
    whole = time.perf_counter() - start
    print(f"`python -m bot match`, 1,000 lines, whole process with start-up: {whole:.2f} s "
          f"({len(done.stdout.splitlines())} lines out)")


if __name__ == "__main__":
    main()
