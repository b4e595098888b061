"""Pages that show what a young person typed or chose: never kept in a cache.

The service worker, the browser and any proxy must not keep a search, a "What can I get?" answer,
a chat or a feedback form: on a shared phone the next person would read them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app
from flask.typing import ResponseReturnValue

NO_STORE = "no-store"


def no_store(view: Callable[..., ResponseReturnValue]) -> Callable[..., ResponseReturnValue]:
    """Mark the view's responses (pages, redirects and errors alike) `Cache-Control: no-store`."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> ResponseReturnValue:
        response = current_app.make_response(view(*args, **kwargs))
        response.headers["Cache-Control"] = NO_STORE
        return response

    return wrapped
