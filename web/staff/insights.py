"""Insights with pictures: SVG bar charts drawn on the server (no scripts, nothing from other sites)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from content.feedback.insights import helpfulness, months_back, theme_by_month
from content.feedback.learning import group_questions, none_fits_count, open_unanswered
from content.feedback.themes import ThemeTagger
from web.db_session import db
from web.staff import bp
from web.staff.areas import areas_i_see, my_areas
from web.staff.labels import area_name, month_name, offer_title

BAR_WIDTH = 420  # px for the longest bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    width: int
    text: str


def bars(pairs: list[tuple[str, int, str]]) -> list[Bar]:
    top = max((v for _, v, _ in pairs), default=0) or 1
    return [Bar(label, value, round(BAR_WIDTH * value / top), text) for label, value, text in pairs]


@bp.get("/insights")
@login_required
def insights() -> ResponseReturnValue:
    s = db()
    tagger = ThemeTagger.shared()
    months = months_back(6)
    choices = areas_i_see()
    chosen = request.args.get("area") or None
    # One area, if asked for and mine; otherwise every area I see.
    areas = (chosen,) if chosen in {a.id for a in choices} else my_areas()
    per_theme = theme_by_month(s, 6, areas=areas)
    theme_bars = bars([(tagger.name(t), sum(c.values()), str(sum(c.values()))) for t, c in
                       sorted(per_theme.items(), key=lambda kv: -sum(kv[1].values()))])
    table = [(tagger.name(t), [c.get(m, 0) for m in months]) for t, c in sorted(per_theme.items())]
    helpful = helpfulness(s, areas=areas)
    several = len(choices) > 1 and areas != (chosen,)
    helpful_bars = [Bar(offer_title(h.area, h.offer) + (f" ({area_name(h.area)})" if several else ""), h.yes,
                        round(BAR_WIDTH * h.share), f"{h.share:.0%} of {h.yes + h.no}") for h in helpful]
    top_unanswered = group_questions(open_unanswered(s, areas=areas))[:10]
    return render_template("staff/insights.html", months=[month_name(m) for m in months], theme_bars=theme_bars,
                           table=table, helpful_bars=helpful_bars, top_unanswered=top_unanswered,
                           bar_width=BAR_WIDTH, areas=choices, chosen=areas[0] if areas and len(areas) == 1 else None,
                           none_fit=none_fits_count(s, areas))
