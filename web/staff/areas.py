"""Which areas the signed-in staff member sees: a worker, their own; an admin, all.

Every staff view that shows or changes feedback or offers asks here, so one rule covers the queue,
items, unanswered questions, insights, "You said, we did" and offer editing.
"""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from content.accounts.staff import sees_area
from content.catalogue.schema import Area
from content.feedback.review import get_item
from content.feedback.tables import FeedbackItemRow
from web.content_access import catalogue
from web.db_session import db


def my_areas() -> tuple[str, ...] | None:
    """The signed-in person's areas, or None for an admin (every area)."""
    if current_user.is_admin:
        return None
    return tuple(current_user.row.areas or ())


def may_see(area: str | None) -> bool:
    return sees_area(current_user.row, area)


def areas_i_see() -> list[Area]:
    """The areas to offer in filters and forms, in the file's order."""
    return [a for a in catalogue().areas if may_see(a.id)]


def item_or_404(item_id: int) -> FeedbackItemRow:
    """The item, if it exists and is of one of my areas; otherwise 404, the same as an item that does not
    exist, so a worker cannot learn what another area holds."""
    item = get_item(db(), item_id)
    if item is None or not may_see(item.area_id):
        abort(404)
    return item
