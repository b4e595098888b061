"""Workers change the offer themselves: draft, review by a second person, publish; restore any version.

A change is a draft (content.catalogue.tables.OfferDraftRow) holding the whole offer as its file
would. It is checked with the loader's own checks each time it is saved. A second staff member
reviews it and publishes it, or sends it back with a note. Publishing writes the offer's rows (and its
copies shown in other areas), adds a version to its history and gives the content a new fingerprint,
so every process's site, API and chat bot use it within seconds, with no restart.

Nothing here knows about areas a worker may see: the dashboard checks that before calling.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from content.accounts.audit import audit
from content.accounts.tables import StaffUserRow
from content.catalogue.loader import offer_row_values
from content.catalogue.offer_checks import InvalidData, OfferRules, offer_problems, parse, sharing_problems, shown_in
from content.catalogue.schema import Offer, OfferFile
from content.catalogue.snapshot import Catalogue, written_offer
from content.catalogue.tables import OfferDraftRow, OfferRow, OfferVersionRow
from content.catalogue.versions import FROM_FILES, add_version, content_changed, latest_version, offer_data, offer_of
from content.db import utcnow

ACTIONS = ("edit", "new", "retire", "restore")
OPEN = ("draft", "in-review", "sent-back")


class EditError(ValueError):
    """A change that cannot be saved or published; `problems` are (field, reason) pairs for the form."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__("; ".join(reason for _, reason in problems))
        self.problems = problems


def check_offer(catalogue: Catalogue, area: str, slug: str, data: dict[str, Any]) -> Offer:
    """`data` as an offer of `area`, checked as the loader checks a file; EditError lists what is wrong."""
    try:
        parse(OfferFile, data)
        offer = parse(Offer, {**data, "area": area, "slug": slug})
    except InvalidData as exc:
        raise EditError(exc.problems) from None
    rules = OfferRules.of(catalogue.areas, catalogue.categories, catalogue.situations, catalogue.sources.values())
    # Its own copies in other areas do not count as taken: publishing rewrites them.
    taken = {(o.area, o.slug) for o in catalogue.offers if not (o.shared_from == area and o.slug == slug)}
    problems = offer_problems(offer, rules) + sharing_problems(offer, rules, taken)
    if problems:
        raise EditError(problems)
    return offer


def start_draft(session: Session, catalogue: Catalogue, by: StaffUserRow, area: str, slug: str, action: str,
                data: dict[str, Any] | None = None, restore_number: int | None = None,
                feedback_ids: Iterable[int] = ()) -> OfferDraftRow:
    """A new draft. `edit` and `retire` start from the offer as published; `restore` from an old version;
    `new` from `data` (a worker's first text, checked only when saved)."""
    if action not in ACTIONS:
        raise EditError([("action", f"unknown action {action!r}")])
    live = catalogue.offer(area, slug)
    last = latest_version(session, (area, slug))
    written = written_offer(session, area, slug)
    if last is None and written is not None:
        # Loaded before offers had a history: what is live now becomes version 1.
        last = add_version(session, (area, slug), offer_data(written), reason="as it was when its history began",
                           changed_by=FROM_FILES, exported=True)
    if action == "new":
        if live is not None or last is not None:
            raise EditError([("slug", "There is already an offer with this web address. Choose another.")])
        if not catalogue.has_area(area):
            raise EditError([("area", f"unknown area {area!r}")])
        start = data or {}
    elif action == "restore":
        old = _version(session, (area, slug), restore_number)
        if last is not None and old.number == last.number and not last.retired:
            raise EditError([("version", "This is the version on the site now.")])
        start = old.data
    else:
        if live is None or live.shared_from is not None or last is None or last.retired:
            raise EditError([("offer", "There is no such offer written in this area.")])
        start = last.data
    draft = OfferDraftRow(area_id=area, slug=slug, action=action, data=start,
                          base_version=last.number if last else None,
                          reason="", status="draft", author_id=by.id, author_name=by.name,
                          feedback_ids=sorted(set(feedback_ids)))
    session.add(draft)
    session.flush()
    audit(session, by, f"offer.draft-{action}", f"offer:{area}/{slug}", {"draft": draft.id})
    return draft


def save_draft(session: Session, catalogue: Catalogue, draft: OfferDraftRow, data: dict[str, Any], reason: str,
               by: StaffUserRow) -> Offer:
    """Save the author's text. Bad data raises EditError and saves nothing (the form keeps what they typed)."""
    _must_be_open(draft)
    if draft.action == "retire":
        offer = offer_of(draft.area_id, draft.slug, draft.data)
    else:
        offer = check_offer(catalogue, draft.area_id, draft.slug, data)
    draft.data = offer_data(offer) if draft.action != "retire" else draft.data
    draft.reason = " ".join(reason.split())
    draft.updated_at = utcnow()
    if draft.status == "sent-back":
        draft.status = "draft"
    audit(session, by, "offer.draft-save", f"offer:{draft.area_id}/{draft.slug}", {"draft": draft.id})
    return offer


def submit_for_review(session: Session, catalogue: Catalogue, draft: OfferDraftRow, by: StaffUserRow) -> None:
    _must_be_open(draft)
    if not draft.reason.strip():
        raise EditError([("reason", "Say why this change is needed, for the reviewer and the history.")])
    if draft.action != "retire":
        check_offer(catalogue, draft.area_id, draft.slug, draft.data)
    draft.status, draft.updated_at = "in-review", utcnow()
    audit(session, by, "offer.submit", f"offer:{draft.area_id}/{draft.slug}", {"draft": draft.id})


def send_back(session: Session, draft: OfferDraftRow, reviewer: StaffUserRow, note: str) -> None:
    _must_review(draft, reviewer)
    if not note.strip():
        raise EditError([("note", "Say what should change, so the author knows what to do.")])
    draft.status, draft.review_note = "sent-back", note.strip()
    draft.reviewer_id, draft.reviewer_name, draft.updated_at = reviewer.id, reviewer.name, utcnow()
    audit(session, reviewer, "offer.send-back", f"offer:{draft.area_id}/{draft.slug}", {"draft": draft.id})


def publish(session: Session, catalogue: Catalogue, draft: OfferDraftRow, reviewer: StaffUserRow) -> OfferVersionRow:
    """Approve and publish: the offer's rows change, its history grows, and every process reloads."""
    _must_review(draft, reviewer)
    key = (draft.area_id, draft.slug)
    last = latest_version(session, key)
    if (last.number if last else None) != draft.base_version:
        now = last.number if last else 0
        raise EditError([("draft", f"The offer has changed since this draft began (it is now version {now}). "
                                   "Send it back, so its author can check it against the new text.")])
    retiring = draft.action == "retire"
    offer = offer_of(*key, draft.data) if retiring else check_offer(catalogue, *key, draft.data)
    _write_rows(session, offer, retiring)
    version = add_version(session, key, offer_data(offer), reason=draft.reason, changed_by=draft.author_name,
                          approved_by=reviewer.name, retired=retiring, draft_id=draft.id, exported=False)
    draft.status, draft.reviewer_id, draft.reviewer_name = "published", reviewer.id, reviewer.name
    draft.updated_at = utcnow()
    content_changed(session, f"published:{version.id}")
    audit(session, reviewer, "offer.publish", f"offer:{draft.area_id}/{draft.slug}",
          {"draft": draft.id, "version": version.number, "action": draft.action})
    return version


def discard(session: Session, draft: OfferDraftRow, by: StaffUserRow) -> None:
    _must_be_open(draft)
    draft.status, draft.updated_at = "discarded", utcnow()
    audit(session, by, "offer.discard", f"offer:{draft.area_id}/{draft.slug}", {"draft": draft.id})


def mark_translation_checked(session: Session, catalogue: Catalogue, area: str, slug: str, locale: str,
                             by: StaffUserRow, today: dt.date | None = None) -> OfferVersionRow:
    """A fluent worker has read the translation against the English: its words do not change, so no
    second review; the history records who checked it and when."""
    last = latest_version(session, (area, slug))
    if last is None or last.retired or locale not in last.data.get("translations", {}):
        raise EditError([("locale", "There is no such translation to check.")])
    data = {**last.data, "translations": {**last.data["translations"]}}
    data["translations"][locale] = {**data["translations"][locale], "checked_by": by.name,
                                    "checked_on": (today or dt.date.today()).isoformat()}
    offer = check_offer(catalogue, area, slug, data)
    _write_rows(session, offer, retiring=False)
    version = add_version(session, (area, slug), offer_data(offer), reason=f"{locale} translation checked",
                          changed_by=by.name, exported=False)
    content_changed(session, f"checked:{version.id}")
    audit(session, by, "offer.translation-checked", f"offer:{area}/{slug}", {"locale": locale})
    return version


def open_drafts(session: Session, areas: Iterable[str] | None = None) -> list[OfferDraftRow]:
    """Drafts not yet published or discarded, oldest first (in `areas` only, when given)."""
    query = select(OfferDraftRow).where(OfferDraftRow.status.in_(OPEN)).order_by(OfferDraftRow.id)
    if areas is not None:
        query = query.where(OfferDraftRow.area_id.in_(list(areas)))
    return list(session.scalars(query))


def _write_rows(session: Session, offer: Offer, retiring: bool) -> None:
    """Replace the offer's rows, and its copies in other areas, with the new text (or none, when retired)."""
    session.execute(delete(OfferRow).where(OfferRow.slug == offer.slug, or_(
        OfferRow.area_id == offer.area, OfferRow.shared_from == offer.area)))
    if not retiring:
        for shown in [offer, *shown_in(offer)]:
            session.add(OfferRow(**offer_row_values(shown)))
    session.flush()


def _version(session: Session, key: tuple[str, str], number: int | None) -> OfferVersionRow:
    row = session.scalar(select(OfferVersionRow).where(
        OfferVersionRow.area_id == key[0], OfferVersionRow.slug == key[1], OfferVersionRow.number == number))
    if row is None:
        raise EditError([("version", "There is no such version of this offer.")])
    return row


def _must_be_open(draft: OfferDraftRow) -> None:
    if draft.status not in OPEN:
        raise EditError([("draft", f"This change is already {draft.status}.")])


def _must_review(draft: OfferDraftRow, reviewer: StaffUserRow) -> None:
    if draft.status != "in-review":
        raise EditError([("draft", "Only a change sent for review can be approved or sent back.")])
    if draft.author_id == reviewer.id:
        raise EditError([("draft", "A second person must review a change: ask a colleague to approve it.")])
