"""The "What can I get?" form. It is a GET form: nothing is stored and the answer can be bookmarked."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, SelectMultipleField
from wtforms.validators import InputRequired, NumberRange
from wtforms.widgets import CheckboxInput, ListWidget

from content.catalogue import Catalogue
from content.schema import Area


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WhatCanIGetForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search form: it changes nothing

    age = IntegerField(
        _l("How old are you?"),
        validators=[
            InputRequired(_l("Tell us your age in years, for example 18.")),
            NumberRange(min=16, max=25, message=_l("This service is for young people aged 16 to 25.")),
        ],
    )
    status = RadioField(_l("Are you in care now, or have you left care?"),
                        validators=[InputRequired(_l("Choose one."))])
    district = SelectField(_l("Which part of the county do you live in?"))
    situations = CheckboxesField(_l("What are you doing now? Tick all that fit."))

    def set_choices(self, catalogue: Catalogue, area: Area) -> None:
        self.status.choices = [(s.id, s.label) for s in catalogue.statuses()]
        self.situations.choices = [(s.id, s.label) for s in catalogue.doings()]
        self.district.choices = [("", _l("I do not know"))] + [(d.id, d.name) for d in area.districts]
        # An area with no districts does not ask.
        if not area.districts:
            del self.district
