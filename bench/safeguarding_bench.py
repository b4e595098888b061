"""Safeguarding latency: p50/p99 per message for the whole check (lists, then the classifier when no
list matches), on one core, over every message of the blind sets; and the time to load and train.
Prints numbers; asserts nothing.

    OMP_NUM_THREADS=1 .venv/bin/python bench/safeguarding_bench.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core, as the budget is stated
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.evaluate_safeguarding import PARTS, load_sets  # noqa: E402
from content.understanding.safeguarding import RiskDetector  # noqa: E402


def main() -> None:
    start = time.perf_counter()
    detector = RiskDetector()
    print(f"load lists and train classifier: {time.perf_counter() - start:.2f} s")
    texts = [m["text"] for _name, folder, _show in PARTS if folder.is_dir() for m in load_sets(folder)]
    for text in texts[:50]:  # warm-up: first corrections and caches
        detector.assess(text)
    samples = []
    for text in texts:
        t0 = time.perf_counter()
        detector.assess(text)
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print(f"assess: p50 {statistics.median(samples):.2f} ms  p99 {p99:.2f} ms  max {samples[-1]:.2f} ms"
          f"  ({len(samples)} messages)")


if __name__ == "__main__":
    main()
