"""The "What can I get?" form. It is a GET form: nothing is stored and the answer can be bookmarked."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from content.catalogue.schema import Area
from content.catalogue.snapshot import Catalogue

MIN_AGE, MAX_AGE = 16, 25


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WhatCanIGetForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    # Text, not IntegerField: its own "Not a valid integer value" is neither kind nor translated.
    age = StringField(
        _l("How old are you?"),
        validators=[
            InputRequired(_l("Tell us your age in years, for example 18.")),
            Regexp(r"^\s*\d{1,3}\s*$", message=_l("Tell us your age in years, for example 18.")),
        ],
    )
    status = RadioField(_l("Are you in care now, or have you left care?"),
                        validators=[InputRequired(_l("Choose one."))])
    district = SelectField(_l("Which part of the county do you live in?"))
    situations = CheckboxesField(_l("What are you doing now? Tick all that fit."))

    def validate_age(self, field: StringField) -> None:
        if field.errors:  # not a number: already said so
            return
        if not MIN_AGE <= int(field.data) <= MAX_AGE:
            raise ValidationError(_l("This service is for young people aged 16 to 25."))

    @property
    def age_years(self) -> int:
        return int(self.age.data)

    def set_choices(self, catalogue: Catalogue, area: Area) -> None:
        # Labels are content (content/situations.yaml); their translations are in the catalogs.
        self.status.choices = [(s.id, gettext(s.label)) for s in catalogue.statuses()]
        self.situations.choices = [(s.id, gettext(s.label)) for s in catalogue.doings()]
        self.district.choices = [("", _l("I do not know"))] + [(d.id, d.name) for d in area.districts]
        # An area with no districts does not ask.
        if not area.districts:
            del self.district
