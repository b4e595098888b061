"""A small cache of rendered public pages (offer pages), so a busy page costs little to serve.

A page is cached per path, language and content fingerprint; the per-visitor parts (the CSRF token
of the "Was this helpful?" form) are filled in on each request. Pages with a flash message, or
with query strings other than ?lang=, are never cached.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

from flask import request, session
from flask_wtf.csrf import generate_csrf

CSRF_PLACEHOLDER = "\x00csrf\x00"
MAX_PAGES = 4096


class PageCache:
    def __init__(self, max_pages: int = MAX_PAGES):
        self._pages: OrderedDict[tuple[str, ...], str] = OrderedDict()
        self._lock = threading.Lock()
        self._max = max_pages

    def page(self, key: tuple[str, ...], render: Callable[[str], str]) -> str:
        """The page for `key`, rendering it with the placeholder token when not cached."""
        cacheable = set(request.args) <= {"lang"} and not session.get("_flashes")
        if not cacheable:
            return render(generate_csrf())
        with self._lock:
            html = self._pages.get(key)
            if html is not None:
                self._pages.move_to_end(key)
        if html is None:
            html = render(CSRF_PLACEHOLDER)
            with self._lock:
                self._pages[key] = html
                while len(self._pages) > self._max:
                    self._pages.popitem(last=False)
        return html.replace(CSRF_PLACEHOLDER, generate_csrf())

    def __len__(self) -> int:
        return len(self._pages)
