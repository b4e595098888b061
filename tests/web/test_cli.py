"""`flask content check|load`: clear messages, non-zero exit and no change on bad files."""

from __future__ import annotations

import pytest

from tests.conftest import content_copy
from web import create_app


@pytest.fixture
def runner(tmp_path):
    app = create_app("test", {"DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"})
    return app, app.test_cli_runner()


def test_load_twice_then_nothing_changes(runner):
    _, cli = runner
    first = cli.invoke(args=["content", "load"])
    assert first.exit_code == 0, first.output
    assert "offers: +" in first.output
    second = cli.invoke(args=["content", "load"])
    assert second.output.strip().endswith("no changes")


def test_bad_file_is_named_and_nothing_is_loaded(runner, tmp_path):
    app, cli = runner
    assert cli.invoke(args=["content", "load"]).exit_code == 0
    root = content_copy(tmp_path)
    (root / "offers/nottingham/staying-put.yaml").write_text("title: [oops\n", encoding="utf-8")
    (root / "offers/nottingham/complaints.yaml").unlink()
    result = cli.invoke(args=["content", "load", "--root", str(root)])
    assert result.exit_code == 1
    assert "content/offers/nottingham/staying-put.yaml: line 2: malformed YAML" in result.output
    assert "nothing was loaded" in result.output
    with app.app_context():
        from web.content_access import catalogue

        assert catalogue().offer("nottingham", "complaints") is not None


def test_check_reports_ok(runner):
    _, cli = runner
    result = cli.invoke(args=["content", "check"])
    assert result.exit_code == 0
    assert result.output.startswith("content ok: 2 areas, ")


def test_feedback_purge_and_export_commands(runner):
    app, cli = runner
    cli.invoke(args=["content", "load"])
    with app.app_context():
        from content.feedback.records import Record, RecordStore
        from web.content_access import content

        RecordStore(content().sessions).add(Record("feedback", "nottingham", "site", text="hi", contact="a@b.co"))
    result = cli.invoke(args=["feedback", "export-person", "a@b.co"])
    assert '"what_you_said": "hi"' in result.output
    result = cli.invoke(args=["feedback", "purge", "--months", "1"])
    assert result.output.startswith("deleted 0 feedback item(s) older than 1 months")
    assert cli.invoke(args=["feedback", "purge", "--months", "0"]).exit_code != 0


def test_create_admin_reads_the_password_from_stdin(runner):
    _, cli = runner
    ok = cli.invoke(args=["staff", "create-admin", "boss@notts.test", "--name", "Boss"],
                    input="a very long password\n")
    assert ok.exit_code == 0 and "admin account made" in ok.output
    bad = cli.invoke(args=["staff", "create-admin", "boss2@notts.test", "--name", "B"], input="password1234\n")
    assert bad.exit_code == 1 and "password: Choose a password that is harder to guess" in bad.output


def test_create_admin_refuses_a_password_on_the_command_line(runner):
    _, cli = runner
    result = cli.invoke(args=["staff", "create-admin", "boss@notts.test", "--name", "Boss", "--password",
                              "a very long password"], input="")
    assert result.exit_code == 2 and "No such option '--password'" in result.output


def test_create_admin_asks_twice_at_a_terminal(tmp_path):
    """A real terminal (a pty): the password is asked for twice and not echoed."""
    import os
    import pty
    import subprocess
    import sys

    main, child = pty.openpty()
    env = {**os.environ, "FLASK_APP": "web", "DATABASE_URL": f"sqlite:///{tmp_path / 'tty.db'}"}
    proc = subprocess.Popen([sys.executable, "-m", "flask", "staff", "create-admin", "boss@notts.test",
                             "--name", "Boss"], stdin=child, stdout=child, stderr=child, env=env)
    os.close(child)
    seen = b""

    def read_until(marker: bytes) -> None:
        nonlocal seen
        while marker not in seen:
            chunk = os.read(main, 1024)
            if not chunk:
                raise AssertionError(seen.decode(errors="replace"))
            seen += chunk

    read_until(b"Password (at least 12 characters):")
    os.write(main, b"a very long password\n")
    read_until(b"Repeat for confirmation:")
    os.write(main, b"a very long password\n")
    read_until(b"admin account made for boss@notts.test")
    assert proc.wait(30) == 0
    os.close(main)
    assert b"a very long password" not in seen  # not echoed to the screen


def test_rescan_moves_missed_risk_to_safeguarding_without_text(runner):
    app, cli = runner
    cli.invoke(args=["content", "load"])
    with app.app_context():
        from content.feedback.records import Record, RecordStore
        from content.feedback.tables import FeedbackItemRow
        from web.content_access import content

        store = RecordStore(content().sessions)
        # As if stored before the lists knew this wording: an unanswered question that shows risk.
        store.add(Record("unanswered", "nottingham", "telegram", text="sorted who gets my dog after im gone",
                         chat_ref="abc"))
        store.add(Record("unanswered", "nottingham", "site", text="who won the match last night"))
    result = cli.invoke(args=["feedback", "rescan"])
    assert "moved 1 unanswered question(s)" in result.output
    with app.app_context(), content().sessions() as session:
        rows = {row.id: row for row in session.query(FeedbackItemRow)}
        moved = [r for r in rows.values() if r.kind == "safeguarding"]
        kept = [r for r in rows.values() if r.kind == "unanswered"]
        assert len(moved) == 1 and moved[0].text is None and moved[0].chat_ref is None and moved[0].risk_kind
        assert [r.text for r in kept] == ["who won the match last night"]
    assert "moved 0" in cli.invoke(args=["feedback", "rescan"]).output


def test_content_report_lists_offers_that_may_have_ended_with_their_source(runner):
    _, cli = runner
    result = cli.invoke(args=["content", "report"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert ("nottinghamshire/care-2-work: may have ended: its source says it ran until 2023. Source: "
            "Nottinghamshire County Council, Partnership Strategy report to committee, March 2022") in lines
    assert lines[-1].endswith("offers need checking.")


def test_export_after_load_writes_nothing_and_format_fixes_a_hand_edit(runner, tmp_path):
    _, cli = runner
    root = content_copy(tmp_path)
    assert cli.invoke(args=["content", "load", "--root", str(root)]).exit_code == 0
    result = cli.invoke(args=["content", "export", "--root", str(root)])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 file(s) written, 0 removed")
    path = root / "offers/nottingham/staying-put.yaml"
    hand_edited = path.read_text(encoding="utf-8").replace("who: [care-leaver]", "who:\n    - care-leaver")
    path.write_text(hand_edited, encoding="utf-8")
    formatted = cli.invoke(args=["content", "format", "--root", str(root)])
    assert formatted.output.strip() == "1 file(s) reformatted"
    again = cli.invoke(args=["content", "export", "--root", str(root)])
    assert again.output.strip().endswith("0 file(s) written, 0 removed")


def test_load_keeps_a_dashboard_change_until_export_writes_it_to_the_files(runner, tmp_path):
    app, cli = runner
    root = content_copy(tmp_path)
    assert cli.invoke(args=["content", "load", "--root", str(root)]).exit_code == 0
    with app.app_context():
        from sqlalchemy import select

        from content.catalogue.tables import OfferRow
        from content.catalogue.versions import add_version, content_changed, offer_data
        from web.content_access import catalogue, content

        with content().sessions() as s:  # as a publish does (content.editing.drafts is tested on its own)
            row = s.scalar(select(OfferRow).where(OfferRow.area_id == "nottingham", OfferRow.slug == "staying-put"))
            row.summary = "Changed in the dashboard."
            offer = catalogue().offer("nottingham", "staying-put").model_copy(update={"summary": row.summary})
            add_version(s, ("nottingham", "staying-put"), offer_data(offer), reason="r", changed_by="W", exported=False)
            content_changed(s, "test")
            s.commit()
    kept = cli.invoke(args=["content", "load", "--root", str(root)])
    assert "kept 1 offer(s) changed in the dashboard and not yet exported: nottingham/staying-put" in kept.output
    exported = cli.invoke(args=["content", "export", "--root", str(root)])
    assert "1 file(s) written" in exported.output
    assert "summary: Changed in the dashboard." in (root / "offers/nottingham/staying-put.yaml").read_text()
    again = cli.invoke(args=["content", "load", "--root", str(root)])
    assert "kept" not in again.output and again.output.strip().endswith("no changes")
