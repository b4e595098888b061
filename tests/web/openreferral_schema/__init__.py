"""Validation against the Open Referral UK 3.0 profile's own schemas (the files in this folder), offline.

The profile's schemas name each other by raw.githubusercontent.com addresses. Every such address is
served here from the local copy, and any other address fails loudly instead of being fetched, so a test
never depends on the network or on a newer profile than the one copied.

jsonschema checks "uuid", "email" and "date" itself; "uri" and "date-time" need optional packages this
project does not install, so they are checked here, strictly enough to catch a wrong value.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

HERE = Path(__file__).parent
PROFILE = "https://raw.githubusercontent.com/openreferral/uk-profile/main/"
OPENAPI = PROFILE + "schema/openapi.json"


def _not_copied(uri: str) -> Resource[Any]:
    raise NoSuchResource(ref=f"{uri} (not in tests/web/openreferral_schema; the tests never fetch schemas)")


REGISTRY: Registry[Any] = Registry(retrieve=_not_copied).with_resources(
    (PROFILE + path.relative_to(HERE).as_posix(),
     Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT202012))
    for path in sorted((HERE / "schema").rglob("*.json"))
)

FORMATS = FormatChecker()
_DATE_TIME = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})",
                        re.IGNORECASE)


@FORMATS.checks("date-time", raises=ValueError)
def _is_date_time(value: object) -> bool:
    """RFC 3339: a full date, time and offset, with real calendar values."""
    if not isinstance(value, str):
        return True
    if not _DATE_TIME.fullmatch(value):
        return False
    dt.datetime.strptime(value[:19].upper(), "%Y-%m-%dT%H:%M:%S")  # raises on 2025-02-30 or 25:00
    return True


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: object) -> bool:
    """RFC 3986 absolute URI: a scheme, no spaces; web addresses also need a host."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*", parts.scheme) or re.search(r"\s", value):
        return False
    return bool(parts.netloc) if parts.scheme.lower() in {"http", "https"} else True


def schema_validator(path: str) -> Draft202012Validator:
    """A validator for one of the profile's schema files, e.g. "schema/compiled/service.json"."""
    return Draft202012Validator({"$ref": PROFILE + path}, registry=REGISTRY, format_checker=FORMATS)


def response_validator(path: str, status: str = "200") -> Draft202012Validator:
    """A validator for the profile's documented response to GET `path`, as written in its openapi.json
    (e.g. "/services": the paged envelope with service_list.json items)."""
    escaped = path.replace("~", "~0").replace("/", "~1")
    pointer = f"/paths/{escaped}/get/responses/{status}/content/application~1json/schema"
    return Draft202012Validator({"$ref": f"{OPENAPI}#{pointer}"}, registry=REGISTRY, format_checker=FORMATS)


def errors(validator: Draft202012Validator, instance: object) -> list[str]:
    """Every problem with `instance`, one line each (path and message), for readable assertions."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(instance)]
