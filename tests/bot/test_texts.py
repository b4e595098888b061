"""The chat's texts: an offer's Markdown is shown as plain chat text."""

from __future__ import annotations

from bot.texts import plain_text


def test_markdown_marks_are_not_shown_and_list_items_are_lines():
    text = plain_text("An **advocate** is on\nyour side.\n\nThey offer:\n\n- **Advice.**\n- Visits.\n\nAsk your PA.")
    assert "**" not in text
    assert text == "An advocate is on your side.\n\nThey offer:\n\n• Advice.\n• Visits.\n\nAsk your PA."


def test_every_shipped_offer_body_reads_without_marks(snapshot):
    for offer in snapshot.offers:
        for lang in ("en", "ar", "fa", "ps"):
            text = plain_text(offer.localised(lang).body)
            assert "**" not in text and "\n- " not in text, (offer.slug, lang)
            assert text.strip(), (offer.slug, lang)
