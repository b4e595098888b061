"""The offer editing form: every field of an offer file, and its translations, as a worker fills them in.

All fields are text here and the domain checks them (content.editing.drafts.check_offer), so a
worker sees the same message `flask content check` gives for the same mistake, next to the field.
Lists are one item a line.
"""

from __future__ import annotations

from typing import Any

from babel import Locale
from flask_wtf import FlaskForm
from wtforms import Form, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from content.catalogue.schema import Period, Qualifier
from content.catalogue.snapshot import Catalogue
from web.languages import LANGUAGES
from web.staff.forms import AreaChoices

TRANSLATED = [lang for lang in LANGUAGES if lang.code != "en"]
_LONG = [Length(max=20_000)]
_SHORT = [Length(max=500)]


class TranslationForm(Form):
    title = StringField("Title", validators=_SHORT)
    summary = StringField("Summary (one sentence)", validators=_SHORT)
    body = TextAreaField("What it is", validators=_LONG)
    how_to_get_it = TextAreaField("How to get it (one step a line)", validators=_LONG)
    example_questions = TextAreaField("Questions young people might ask (one a line)", validators=_LONG)


class OfferFormBase(FlaskForm):
    reason = TextAreaField("Why this change (for the reviewer and the history)", validators=[Length(max=2000)])
    title = StringField("Title", validators=_SHORT)
    summary = StringField("Summary (one sentence)", validators=_SHORT)
    category = SelectField("Category", validate_choice=False)
    body = TextAreaField("What it is (short paragraphs; **bold** and - lists work)", validators=_LONG)
    amount_pounds = StringField("Amount in pounds (leave empty if there is none)", validators=[Length(max=20)])
    amount_period = SelectField("How often", validate_choice=False)
    amount_qualifier = SelectField("Exactly or up to", validate_choice=False)
    min_age = StringField("Youngest age", validators=[Length(max=20)])
    max_age = StringField("Oldest age (the last birthday that counts: 24 means until the 25th)",
                          validators=[Length(max=20)])
    usual_max_age = StringField("Usual oldest age, if some can stay longer (leave empty if not)",
                                validators=[Length(max=20)])
    older_if = AreaChoices("Who can stay longer", validate_choice=False)
    who = AreaChoices("Who can get it", validate_choice=False)
    situations = AreaChoices("Only for young people who are (none ticked: anyone)", validate_choice=False)
    districts = AreaChoices("Only in these districts (none ticked: the whole area)", validate_choice=False)
    how_to_get_it = TextAreaField("How to get it (one step a line)", validators=_LONG)
    contact_who = StringField("Who to contact", validators=_SHORT)
    contact_phone = StringField("Phone", validators=[Length(max=40)])
    contact_email = StringField("Email", validators=[Length(max=200)])
    contact_web = StringField("Web address", validators=_SHORT)
    keywords = TextAreaField("Words people search with (one a line)", validators=_LONG)
    example_questions = TextAreaField("Questions young people might ask (one a line; at least 6)", validators=_LONG)
    source = SelectField("Source document", validate_choice=False)
    last_reviewed = StringField("Facts last checked (YYYY-MM-DD)", validators=[Length(max=20)])
    running_until = StringField("Last year the source says it runs (leave empty if it does not say)",
                                validators=[Length(max=10)])
    also_in = AreaChoices("Also show it in", validate_choice=False)


def offer_form(catalogue: Catalogue, area: str, formdata: Any = None, data: dict[str, Any] | None = None) -> Any:
    """The form for an offer of `area`, filled from `data` (the stored offer) or from what was posted."""
    fields = {f"tr_{lang.code}": FormField(TranslationForm, label=language_name(lang.code)) for lang in TRANSLATED}
    form_class = type("OfferForm", (OfferFormBase,), fields)
    form = form_class(formdata=formdata, data=_form_values(data) if data is not None else None)
    form.category.choices = [(c.id, c.name) for c in catalogue.categories]
    form.amount_period.choices = [("", "—"), *[(p.value, p.value) for p in Period]]
    form.amount_qualifier.choices = [(q.value, q.value) for q in Qualifier]
    form.who.choices = [(s.id, s.label) for s in catalogue.statuses()]
    doings = [(s.id, s.label) for s in catalogue.doings()]
    form.situations.choices = doings
    form.older_if.choices = doings
    form.districts.choices = [(d.id, d.name) for d in catalogue.area(area).districts]
    form.source.choices = [(s.file, f"{s.title} ({s.file})") for s in catalogue.sources.values()]
    form.also_in.choices = [(a.id, a.name) for a in catalogue.areas if a.id != area]
    for lang in TRANSLATED:
        # "Arabic: Summary", so each field has a name of its own (for screen readers too).
        for sub in getattr(form, f"tr_{lang.code}").form:
            sub.label.text = f"{Locale.parse(lang.code).english_name}: {sub.label.text}"
    return form


def language_name(code: str) -> str:
    """"Arabic (العربية)": staff read the English name, a fluent colleague the language's own."""
    locale = Locale.parse(code)
    return f"{locale.english_name} ({locale.display_name})"


def _lines(value: list[str] | None) -> str:
    return "\n".join(value or [])


def _form_values(data: dict[str, Any]) -> dict[str, Any]:
    amount = data.get("amount") or {}
    rules = data.get("eligibility") or {}
    contact = data.get("contact") or {}
    values: dict[str, Any] = {
        "title": data.get("title", ""), "summary": data.get("summary", ""), "category": data.get("category"),
        "body": data.get("body", ""),
        "amount_pounds": str(amount.get("pounds", "")), "amount_period": amount.get("period", ""),
        "amount_qualifier": amount.get("qualifier", "exactly"),
        "min_age": str(rules.get("min_age", "")), "max_age": str(rules.get("max_age", "")),
        "usual_max_age": str(rules.get("usual_max_age") or ""),
        "older_if": rules.get("older_if", []), "who": rules.get("who", []),
        "situations": rules.get("situations", []), "districts": rules.get("districts", []),
        "how_to_get_it": _lines(data.get("how_to_get_it")),
        "contact_who": contact.get("who", ""), "contact_phone": contact.get("phone") or "",
        "contact_email": contact.get("email") or "", "contact_web": contact.get("web") or "",
        "keywords": _lines(data.get("keywords")), "example_questions": _lines(data.get("example_questions")),
        "source": data.get("source"), "last_reviewed": data.get("last_reviewed", ""),
        "running_until": str(data.get("running_until") or ""), "also_in": data.get("also_in", []),
    }
    for lang in TRANSLATED:
        tr = (data.get("translations") or {}).get(lang.code) or {}
        values[f"tr_{lang.code}"] = {
            "title": tr.get("title", ""), "summary": tr.get("summary", ""), "body": tr.get("body") or "",
            "how_to_get_it": _lines(tr.get("how_to_get_it")),
            "example_questions": _lines(tr.get("example_questions")),
        }
    return values


def _split(text: str | None) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _number(text: str | None) -> int | str | None:
    # Digits become a number; anything else goes on as typed, so the check names it ("a valid integer").
    value = (text or "").strip()
    if not value:
        return None
    return int(value) if value.isdigit() else value


def offer_data_from(form: Any, before: dict[str, Any]) -> dict[str, Any]:
    """The offer as the form describes it. `before` (the stored offer) gives what the form does not show:
    who checked each translation, kept only while that translation's words stay the same."""
    data: dict[str, Any] = {
        "title": form.title.data.strip(), "summary": form.summary.data.strip(), "category": form.category.data,
        "body": form.body.data.replace("\r\n", "\n").strip(),
        "eligibility": {
            "min_age": _number(form.min_age.data), "max_age": _number(form.max_age.data),
            "who": form.who.data or [], "situations": form.situations.data or [],
            "districts": form.districts.data or [],
        },
        "how_to_get_it": _split(form.how_to_get_it.data),
        "contact": {"who": form.contact_who.data.strip()},
        "keywords": _split(form.keywords.data), "example_questions": _split(form.example_questions.data),
        "source": form.source.data, "last_reviewed": form.last_reviewed.data.strip(),
    }
    if _number(form.usual_max_age.data) is not None or form.older_if.data:
        data["eligibility"]["usual_max_age"] = _number(form.usual_max_age.data)
        data["eligibility"]["older_if"] = form.older_if.data or []
    if (form.amount_pounds.data or "").strip():
        data["amount"] = {"pounds": form.amount_pounds.data.strip().lstrip("£").replace(",", ""),
                          "period": form.amount_period.data, "qualifier": form.amount_qualifier.data}
    for key in ("phone", "email", "web"):
        value = getattr(form, f"contact_{key}").data.strip()
        if value:
            data["contact"][key] = value
    if _number(form.running_until.data) is not None:
        data["running_until"] = _number(form.running_until.data)
    if form.also_in.data:
        data["also_in"] = form.also_in.data
    translations = {}
    for lang in TRANSLATED:
        sub = getattr(form, f"tr_{lang.code}").form
        tr: dict[str, Any] = {"title": sub.title.data.strip(), "summary": sub.summary.data.strip()}
        if not any([tr["title"], tr["summary"], sub.body.data.strip(), sub.how_to_get_it.data.strip()]):
            continue  # no translation in this language
        if sub.body.data.strip():
            tr["body"] = sub.body.data.replace("\r\n", "\n").strip()
        for key in ("how_to_get_it", "example_questions"):
            if _split(getattr(sub, key).data):
                tr[key] = _split(getattr(sub, key).data)
        old = (before.get("translations") or {}).get(lang.code) or {}
        if old.get("checked_by") and all(old.get(k) == tr.get(k) for k in
                                         ("title", "summary", "body", "how_to_get_it", "example_questions")):
            tr["checked_by"], tr["checked_on"] = old["checked_by"], old["checked_on"]
        translations[lang.code] = tr
    if translations:
        data["translations"] = translations
    return data


# Where each problem the checks name is shown on the form.
_FIELD_FOR = {
    "amount": "amount_pounds", "amount.pounds": "amount_pounds", "amount.period": "amount_period",
    "amount.qualifier": "amount_qualifier", "eligibility": "min_age", "contact": "contact_who",
    "contact.who": "contact_who", "contact.phone": "contact_phone", "contact.email": "contact_email",
    "contact.web": "contact_web",
}


def show_problems(form: Any, problems: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Put each (field, reason) next to its form field. Returns (field id, message) for the error summary."""
    summary = []
    for loc, reason in problems:
        field = _form_field(form, loc)
        if field is None:
            field = form.title
            reason = f"{loc}: {reason}"
        field.errors = [*list(field.errors or []), reason]
        summary.append((field.id, f"{field.label.text}: {reason}"))
    return summary


def _form_field(form: Any, loc: str) -> Any:
    parts = loc.split(".")
    if parts[0] == "translations" and len(parts) >= 2 and hasattr(form, f"tr_{parts[1]}"):
        sub = getattr(form, f"tr_{parts[1]}").form
        return getattr(sub, parts[2], None) if len(parts) > 2 else sub.title
    name = _FIELD_FOR.get(".".join(parts[:2]))
    if name is None and parts[0] == "eligibility" and len(parts) > 1:
        name = parts[1]
    name = name or _FIELD_FOR.get(parts[0]) or parts[0]
    return getattr(form, name, None)
