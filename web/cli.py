"""`flask content ...` and `flask translate ...` commands."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from content.accounts.staff import StaffError, create_staff
from content.catalogue.loader import CONTENT_ROOT, ContentBundle, ContentError, load_content, read_content
from content.catalogue.offer_files import write_offer_files
from content.catalogue.snapshot import read_written_offers
from content.catalogue.staleness import stale_offers
from content.catalogue.versions import mark_exported
from content.feedback.missed_risk import move_missed_risk
from content.feedback.retention import export_person, purge_older_than
from content.migrate import upgrade
from web.content_access import content

content_cli = AppGroup("content", help="Check and load the content files.")
translate_cli = AppGroup("translate", help="Extract, update and compile the site's translations.")
staff_cli = AppGroup("staff", help="Staff accounts for the dashboard.")
feedback_cli = AppGroup("feedback", help="Retention and data requests for feedback.")


@feedback_cli.command("purge")
@click.option("--months", type=click.IntRange(min=1), default=None, help="keep this many months (default 24)")
def purge_command(months: int | None) -> None:
    """Delete feedback older than the retention period (FEEDBACK_RETENTION_MONTHS, default 24)."""
    from flask import current_app

    keep = months or int(current_app.config["FEEDBACK_RETENTION_MONTHS"])
    with content().sessions() as session:
        deleted = purge_older_than(session, keep)
        session.commit()
    click.echo(f"deleted {deleted} feedback item(s) older than {keep} months")


@feedback_cli.command("rescan")
def rescan_command() -> None:
    """Move unanswered questions that now show risk to the safeguarding queue (no text kept)."""
    from content.understanding.safeguarding import RiskDetector

    with content().sessions() as session:
        moved = move_missed_risk(session, RiskDetector.load())
        session.commit()
    click.echo(f"moved {moved} unanswered question(s) that show risk to the safeguarding queue")
    written = content().records().write_spooled()
    if written:
        click.echo(f"wrote {written} safeguarding event(s) kept while the database was away")


@feedback_cli.command("export-person")
@click.argument("contact")
def export_person_command(contact: str) -> None:
    """Print, as JSON, everything held with this contact (phone or email they gave with consent)."""
    with content().sessions() as session:
        click.echo(json.dumps(export_person(session, contact), indent=2, ensure_ascii=False))

WEB_DIR = Path(__file__).resolve().parent
TRANSLATIONS = WEB_DIR / "translations"
POT = WEB_DIR / "messages.pot"


def _read_or_exit(root: Path) -> ContentBundle:
    """The checked content, or every problem printed and exit status 1."""
    try:
        return read_content(root)
    except ContentError as exc:
        click.echo(str(exc), err=True)
        click.echo(f"{len(exc.problems)} problem(s); nothing was loaded.", err=True)
        raise SystemExit(1) from None


@content_cli.command("check")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=CONTENT_ROOT)
def check_command(root: Path) -> None:
    """Check every content file without touching the database."""
    bundle = _read_or_exit(root)
    click.echo(f"content ok: {len(bundle.areas)} areas, {len(bundle.offers)} offers")


@content_cli.command("report")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=CONTENT_ROOT)
def report_command(root: Path) -> None:
    """List offers past their yearly review or past the last year their source says they run."""
    bundle = _read_or_exit(root)
    sources = {s.file: s.title for s in bundle.sources}
    stale = stale_offers(bundle.offers, dt.date.today())
    for item in stale:
        o = item.offer
        click.echo(f"{o.area}/{o.slug}: {'; '.join(item.reasons)}. Source: {sources.get(o.source, o.source)}")
    written = [o for o in bundle.offers if o.shared_from is None]
    click.echo(f"{len(stale)} of {len(written)} offers need checking.")


@content_cli.command("load")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=CONTENT_ROOT)
@click.option("--discard-dashboard-edits", is_flag=True,
              help="also overwrite offers changed in the dashboard and not yet exported")
def load_command(root: Path, discard_dashboard_edits: bool) -> None:
    """Make the database equal to the content files (all or nothing).

    Offers published in the dashboard since the last `flask content export` are kept as they are.
    """
    bundle = _read_or_exit(root)
    access = content()
    upgrade(access.engine)
    with access.sessions() as session:
        report = load_content(session, bundle, discard_dashboard_edits=discard_dashboard_edits)
    access.cache.invalidate()
    click.echo(f"loaded {len(bundle.offers)} offers: {report}")
    if report.kept:
        names = ", ".join(f"{area}/{slug}" for area, slug in report.kept)
        click.echo(f"kept {len(report.kept)} offer(s) changed in the dashboard and not yet exported: {names}. "
                   "Run `flask content export` and commit the files, or load with --discard-dashboard-edits.")


@content_cli.command("export")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=CONTENT_ROOT)
def export_command(root: Path) -> None:
    """Write the offers in the database back to the offer files (changes made in the dashboard)."""
    with content().sessions() as session:
        offers = read_written_offers(session)
        written, removed = write_offer_files(root, offers)
        mark_exported(session)
        session.commit()
    for path in written:
        click.echo(f"wrote {path}")
    for path in removed:
        click.echo(f"removed {path} (offer retired)")
    click.echo(f"{len(offers)} offers; {len(written)} file(s) written, {len(removed)} removed")


@content_cli.command("format")
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=CONTENT_ROOT)
def format_command(root: Path) -> None:
    """Rewrite hand-edited offer files in the one format the export writes (nothing else changes)."""
    bundle = _read_or_exit(root)
    written, _ = write_offer_files(root, list(bundle.offers))
    click.echo(f"{len(written)} file(s) reformatted")


@content_cli.command("migrate")
def migrate_command() -> None:
    """Bring the database's tables up to date (Alembic)."""
    upgrade(content().engine)
    click.echo("database is up to date")


def _pybabel(*args: str) -> None:
    # Run from the project root: babel.cfg's paths are relative to it.
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=WEB_DIR.parent)  # noqa: S603


@translate_cli.command("extract")
def extract_command() -> None:
    """Extract messages to messages.pot and merge them into every language's catalog."""
    _pybabel(
        "extract", "-F", str(WEB_DIR / "babel.cfg"), "-k", "_l", "--sort-by-file", "--no-wrap",
        "-o", str(POT.relative_to(WEB_DIR.parent)), ".",
    )
    _pybabel("update", "-i", str(POT), "-d", str(TRANSLATIONS), "--no-fuzzy-matching", "--no-wrap")


@translate_cli.command("init")
@click.argument("lang")
def init_command(lang: str) -> None:
    """Start a catalog for a new language."""
    _pybabel("init", "-i", str(POT), "-d", str(TRANSLATIONS), "-l", lang)


@translate_cli.command("compile")
def compile_command() -> None:
    """Compile catalogs to .mo files (done by make and the release step)."""
    _pybabel("compile", "-d", str(TRANSLATIONS), "--statistics")


@staff_cli.command("create-admin")
@click.argument("email")
@click.option("--name", prompt="Name", help="the person's name")
def create_admin_command(email: str, name: str) -> None:
    """Make an admin account (the first one has to be made this way: there are no default logins).

    The password is asked for twice at a prompt, or read from the first line of standard input
    (`... create-admin boss@council.gov.uk --name Boss < file`): never from the command line,
    where it would stay in the shell's history and in the process list.
    """
    password = _read_new_password()
    access = content()
    upgrade(access.engine)
    with access.sessions() as session:
        try:
            create_staff(session, email, name, password, "admin")
        except StaffError as exc:
            click.echo(f"{exc.field}: {exc}", err=True)
            raise SystemExit(1) from None
        session.commit()
    click.echo(f"admin account made for {email.strip().lower()}")


def _read_new_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password (at least 12 characters)", hide_input=True, confirmation_prompt=True)


def register(app: Flask) -> None:
    app.cli.add_command(feedback_cli)
    app.cli.add_command(staff_cli)
    app.cli.add_command(content_cli)
    app.cli.add_command(translate_cli)
