"""Feedback forms on the site. Every form has CSRF protection and a honeypot field for bots."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, Optional, ValidationError

MAX_MESSAGE = 2000
MAX_COMMENT = 1000
AGE_BANDS = [SelectChoice("", _l("Prefer not to say"))] + [SelectChoice(b, b) for b in ("16-17", "18-20", "21-25")]


class HoneypotMixin:
    # Hidden from people (CSS and aria-hidden); bots fill every field. A filled one is dropped quietly.
    website = StringField(_l("Leave this empty"))


class HelpfulForm(HoneypotMixin, FlaskForm):
    helpful = HiddenField(validators=[AnyOf(["yes", "no"])])
    comment = TextAreaField(
        _l("Anything to add? (optional)"),
        validators=[Optional(), Length(max=MAX_COMMENT, message=_l("Please keep it under 1,000 characters."))],
    )


class TellUsForm(HoneypotMixin, FlaskForm):
    message = TextAreaField(
        _l("What do you want to tell us?"),
        validators=[
            InputRequired(_l("Write your message.")),
            # %(length)d is filled in by WTForms: the young person sees how much to cut.
            Length(max=MAX_MESSAGE, message=_l("Please keep it under 2,000 characters. You typed %(length)d.")),
        ],
    )
    topic = SelectField(_l("What is it about? (optional)"), validators=[Optional()])
    age_band = SelectField(_l("How old are you? (optional)"), choices=AGE_BANDS, validators=[Optional()])
    consent = BooleanField(_l("I would like someone to contact me about this"))
    contact = StringField(
        _l("How can we contact you? (phone number or email)"),
        # No Optional(): it would stop validate_contact from running on an empty box.
        validators=[Length(max=200, message=_l("Please keep it under 200 characters."))],
    )

    def validate_contact(self, field: StringField) -> None:
        if self.consent.data and not (field.data or "").strip():
            raise ValidationError(_l("Tell us how to contact you, or untick the box above."))
