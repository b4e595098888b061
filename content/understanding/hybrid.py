"""Fusing the lexical matcher (words, typos, text speak) with sentence embeddings (meaning, four
languages), and deciding when the fused answer is sure enough to give outright.

Ranking is reciprocal-rank fusion: each offer scores 1/(k + rank) in each ranking, summed. It needs
no calibration between the two scores, which live on different scales. Answering outright is
stricter than ranking first: see `HybridRule`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from content.catalogue.schema import Offer
from content.understanding.matcher import Match

RRF_K = 60  # the usual constant: later ranks still count, but the first few dominate


@dataclass(frozen=True)
class HybridRule:
    """When to answer outright. Chosen on the tuning sets only (`python -m bot evaluate --blind`).

    - The lexical matcher's outright answer stands when the embeddings agree (their first offer, or
      the fused first offer, is the same).
    - With no lexical outright answer, the embeddings' first offer is answered when it is close in
      meaning (`meaning`) and clearly ahead of the second (`margin`), and the lexical matcher does not
      put another offer first;
    - or when both put the same offer first and the meaning score is at least `agreed`: two independent
      readings agreeing is evidence neither has alone ("careers adviser pls", "help getting a flat").
    """

    meaning: float = 0.86
    margin: float = 0.02
    close: float = 0.84  # "Did you mean" offers an offer this close in meaning
    agreed: float = 1.01  # above any score: off unless chosen for the model


class MeaningModel(Protocol):
    def scores(self, area: str, text: str) -> dict[str, float]: ...


# Per model, chosen on the tuning sets (scores are cosines for e5, probabilities for ngram).
RULES = {
    "e5": HybridRule(meaning=0.86, margin=0.02, close=0.84),
    # agreed 0.5 (2026-11-25, tuning sets with round 8): 10 more of the blind sets' 898 offer questions answered, none
    # wrongly, no question without an offer answered (0.6: 2 more). It also answered three off-topic ones of
    # tests/bot/messages.yaml ("how do i beat the 3rd gym leader in pokemon": the meaning model reads one word, "gym",
    # at 0.57), so games, world records and birthday messages joined content/language/topics.yaml's off-topic list.
    "ngram": HybridRule(meaning=0.7, margin=0.4, close=0.2, agreed=0.5),
    "off": HybridRule(),
}
DEFAULT_MEANING_MODEL = "ngram"  # e5 is as accurate on the tuning sets, but 20 times slower (README)


def fuse(lexical: list[Match], meaning: dict[str, float], offers: dict[str, Offer]) -> list[Match]:
    """All offers either ranking found, best first, each carrying both kinds of evidence."""
    fused: dict[str, float] = {}
    by_meaning = sorted(meaning.items(), key=lambda kv: -kv[1])
    by_meaning = [(slug, score) for slug, score in by_meaning if slug in offers]  # only this snapshot's offers
    for rank, (slug, _score) in enumerate(by_meaning):
        fused[slug] = fused.get(slug, 0.0) + 1 / (RRF_K + rank)
    for rank, match in enumerate(lexical):
        fused[match.offer.slug] = fused.get(match.offer.slug, 0.0) + 1 / (RRF_K + rank)
    lexical_by_slug = {m.offer.slug: m for m in lexical}
    result = []
    for slug in sorted(fused, key=lambda s: (-fused[s], s)):
        found = lexical_by_slug.get(slug)
        if found is None:
            found = Match(offers[slug], round(100 * meaning.get(slug, 0.0), 1))
        result.append(replace(found, meaning=round(meaning.get(slug, 0.0), 4)))
    return result


def outright(lexical: list[Match], lexical_answer: Match | None, fused: list[Match], meaning: dict[str, float],
             rule: HybridRule) -> Match | None:
    """The fused candidate to answer outright with, or None (ask "Did you mean", or say we do not know)."""
    if not meaning:  # no embeddings (a test can switch them off): the lexical decision alone
        return lexical_answer
    ranked = sorted(meaning.items(), key=lambda kv: -kv[1])
    top, top_score = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    by_slug = {m.offer.slug: m for m in fused}
    if lexical_answer is not None:
        slug = lexical_answer.offer.slug
        agree = slug == top or (fused and fused[0].offer.slug == slug)
        return by_slug.get(slug) if agree else None
    lexical_first = lexical[0].offer.slug if lexical else None
    if top_score >= rule.meaning and top_score - second >= rule.margin and lexical_first in (None, top):
        return by_slug.get(top)
    if lexical_first == top and top_score >= rule.agreed:
        return by_slug.get(top)
    return None
