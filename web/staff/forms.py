"""Staff dashboard forms (Flask-WTF: CSRF on every one)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

MAX_ID = 2**31 - 1  # the database's integer ids


def ids_in_range(_form: FlaskForm, field: SelectMultipleField) -> None:
    """A forged id of 2^31 or more is no item: refused here, never an error in the database."""
    if any(not 0 < value <= MAX_ID for value in field.data or []):
        raise ValidationError("Choose items from the list.")

class LoginForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired("Enter your email."), Length(max=200)])
    password = PasswordField("Password", validators=[InputRequired("Enter your password."), Length(max=500)])


class ItemForm(FlaskForm):
    """Everything a worker sets on one item, in one form (choices are set by the view)."""

    status = SelectField("Status", validators=[InputRequired()])
    theme = SelectField("Theme", validators=[InputRequired()])
    wants_contact = BooleanField("They want us to contact them (untick once someone has been in touch)")
    note = TextAreaField("Add a note (optional)", validators=[Length(max=5000, message="Keep the note under 5,000 "
                                                                                         "characters.")])


class HandledForm(FlaskForm):
    note = TextAreaField("What was done", validators=[InputRequired("Say what was done."), Length(max=5000)])


class BulkForm(FlaskForm):
    ids = SelectMultipleField("Items", coerce=int, validate_choice=False, validators=[ids_in_range])
    action = SelectField("Action", validators=[InputRequired()])


class PublishForm(FlaskForm):
    area = SelectField("Area", validators=[InputRequired()])
    theme = SelectField("Theme", validators=[InputRequired()])
    you_said = TextAreaField("You said (your summary, not their words)",
                             validators=[InputRequired("Write what young people said."), Length(max=1000)])
    we_did = TextAreaField("We did", validators=[InputRequired("Write what was done."), Length(max=2000)])
    ids = SelectMultipleField("Items this answers", coerce=int, validate_choice=False,
                              validators=[ids_in_range])
    template_name = StringField("Save this \u201cWe did\u201d for reuse, named (optional)",
                                validators=[Length(max=120)])


class AreaChoices(SelectMultipleField):
    """Areas as tick boxes (choices are set by the view from the catalogue)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        kwargs.setdefault("render_kw", {"class": "checkboxes"})
        super().__init__(*args, **kwargs)


class AreasForm(FlaskForm):
    areas = AreaChoices("Areas they see and edit")


class StaffForm(FlaskForm):
    name = StringField("Name", validators=[InputRequired("Enter a name."), Length(max=200)])
    email = EmailField("Email", validators=[InputRequired("Enter an email."), Length(max=200)])
    role = SelectField("Role", choices=[SelectChoice("worker", "Participation worker"), SelectChoice("admin", "Admin")])
    areas = AreaChoices("Areas they see and edit (a worker needs at least one; an admin sees all)")
    password = PasswordField("First password (12+ characters; they must change it when they sign in)",
                             validators=[InputRequired("Set a first password."), Length(max=500)])


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Your current password",
                            validators=[InputRequired("Enter your current password."), Length(max=500)])
    password = PasswordField("New password (at least 12 characters; three or four unrelated words work well)",
                             validators=[InputRequired("Enter a new password."), Length(max=500)])
    confirm = PasswordField("New password again", validators=[InputRequired("Enter the new password again.")])

    def validate_confirm(self, field: PasswordField) -> None:
        if field.data != self.password.data:
            raise ValidationError("The two new passwords are not the same.")


class ResetPasswordForm(FlaskForm):
    password = PasswordField("Temporary password (12+ characters; they must change it when they sign in)",
                             validators=[InputRequired("Set a temporary password."), Length(max=500)])


class TeachForm(FlaskForm):
    ids = SelectMultipleField("Questions", coerce=int, validate_choice=False, validators=[ids_in_range])
    offer = StringField("Offer", validators=[InputRequired(), Length(max=80)])
    text = StringField("Example question", validators=[InputRequired(), Length(min=3, max=300)])


class GapForm(FlaskForm):
    ids = SelectMultipleField("Questions", coerce=int, validate_choice=False, validators=[ids_in_range])
