"""Staff accounts: password rules, the growing wait after wrong passwords, and session versions."""

from __future__ import annotations

import datetime as dt
import itertools
import threading

import pytest
from sqlalchemy import select

from content.accounts.staff import (
    FREE_TRIES,
    LONGEST_WAIT,
    StaffError,
    change_own_password,
    check_password_rules,
    create_staff,
    end_sessions,
    set_active,
    set_password,
    verify_login,
    wait_after,
)
from content.accounts.tables import AuditEventRow, StaffUserRow

PASSWORD = "a long worker password"
NOW = dt.datetime(2026, 11, 23, 12, 0)


@pytest.fixture
def worker(sessions):
    with sessions() as s:
        admin = create_staff(s, "admin@notts.test", "Ada Admin", "a long admin password!", "admin")
        user = create_staff(s, "wendy@notts.test", "Wendy Worker", PASSWORD, "worker", by=admin, areas=["nottingham"])
        s.commit()
        return user.id


@pytest.mark.parametrize("password", [
    "password1234",        # the example: long enough, and among the most common
    "qwertyuiop123",       # a keyboard row
    "aaaaaaaaaaaaaaaa",    # repeats
    "Nottingham12",        # a place and a number
    "wendyworker1",        # their own name
    "short",
])
def test_weak_passwords_are_refused_with_the_field_named(password):
    with pytest.raises(StaffError) as caught:
        check_password_rules(password, ("wendy@notts.test", "Wendy Worker"))
    assert caught.value.field == "password"
    assert "characters" in str(caught.value) or "harder to guess" in str(caught.value)


@pytest.mark.parametrize("password", [PASSWORD, "correct horse battery staple", "tram stop velvet 42 onion"])
def test_strong_passwords_pass(password):
    check_password_rules(password, ("wendy@notts.test", "Wendy Worker"))


def test_the_wait_grows_and_has_a_ceiling():
    waits = [wait_after(n) for n in range(12)]
    assert waits[:FREE_TRIES] == [dt.timedelta(0)] * FREE_TRIES
    assert waits[FREE_TRIES] == dt.timedelta(seconds=30)
    assert all(a <= b for a, b in itertools.pairwise(waits))
    assert waits[-1] == LONGEST_WAIT


def test_wrong_passwords_make_the_account_wait_then_it_opens_again(sessions, worker):
    with sessions() as s:
        for _ in range(FREE_TRIES):
            assert verify_login(s, "wendy@notts.test", "wrong password", now=NOW).user is None
        s.commit()
        # Waiting: even the right password is refused, with nothing to tell it apart from a wrong one.
        assert verify_login(s, "wendy@notts.test", PASSWORD, now=NOW + dt.timedelta(seconds=10)).user is None
        # After the wait the right password works, and the count starts again.
        user = verify_login(s, "wendy@notts.test", PASSWORD, now=NOW + dt.timedelta(seconds=31)).user
        assert user is not None and user.failed_logins == 0 and user.locked_until is None
        assert s.scalar(select(AuditEventRow).where(AuditEventRow.action == "staff.slowed")) is not None


def test_unknown_and_turned_off_accounts_fail_the_same_way(sessions, worker):
    with sessions() as s:
        assert verify_login(s, "nobody@notts.test", PASSWORD).user is None
        user = s.get(StaffUserRow, worker)
        admin = s.scalar(select(StaffUserRow).where(StaffUserRow.role == "admin"))
        set_active(s, user, False, by=admin)
        assert verify_login(s, "wendy@notts.test", PASSWORD).user is None


@pytest.mark.postgres
def test_failures_at_the_same_moment_all_count(sessions, worker, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite writes one at a time: only a server database can race")
    barrier = threading.Barrier(8)

    def fail() -> None:
        with sessions() as s:
            barrier.wait()
            verify_login(s, "wendy@notts.test", "wrong password", now=NOW)
            s.commit()

    threads = [threading.Thread(target=fail) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with sessions() as s:
        user = s.get(StaffUserRow, worker)
        assert user.failed_logins == 8
        assert user.locked_until == NOW + wait_after(8)


def test_password_change_sign_out_and_turning_off_each_end_sessions(sessions, worker):
    with sessions() as s:
        user = s.get(StaffUserRow, worker)
        admin = s.scalar(select(StaffUserRow).where(StaffUserRow.role == "admin"))
        versions = [user.session_version]
        end_sessions(s, user)
        versions.append(user.session_version)
        change_own_password(s, user, PASSWORD, "tram stop velvet 42 onion")
        versions.append(user.session_version)
        set_active(s, user, False, by=admin)
        versions.append(user.session_version)
        s.commit()
    assert versions == sorted(set(versions)) and len(versions) == 4


def test_an_admin_reset_is_temporary_and_own_change_is_not(sessions, worker):
    with sessions() as s:
        user = s.get(StaffUserRow, worker)
        assert user.must_change_password  # made by an admin
        with pytest.raises(StaffError) as caught:
            change_own_password(s, user, "not my password", "tram stop velvet 42 onion")
        assert caught.value.field == "current"
        with pytest.raises(StaffError) as caught:
            change_own_password(s, user, PASSWORD, PASSWORD)
        assert caught.value.field == "password"
        change_own_password(s, user, PASSWORD, "tram stop velvet 42 onion")
        assert not user.must_change_password
        admin = s.scalar(select(StaffUserRow).where(StaffUserRow.role == "admin"))
        set_password(s, user, "another long pass phrase", by=admin)
        assert user.must_change_password
        actions = [e.action for e in s.scalars(select(AuditEventRow).order_by(AuditEventRow.id))]
        assert actions[-2:] == ["staff.password", "staff.password-reset"]


# --- what each refusal says, and what the audit log keeps (killing the mutants `make mutate` found) ---

AMY = ("amy.wendell@notts.test", "Amy Wendell")


def refusal(call) -> tuple[str, str]:
    with pytest.raises(StaffError) as caught:
        call()
    return caught.value.field, str(caught.value)


def test_each_refusal_names_its_field_and_says_what_to_do(sessions, worker):
    with sessions() as s:
        def make(**kw):
            args = {"email": "new@notts.test", "name": "New Person", "password": "tram stop velvet 42 onion",
                    "role": "worker", "areas": ["nottingham"], **kw}
            return lambda: create_staff(s, args.pop("email"), args.pop("name"), args.pop("password"),
                                        args.pop("role"), **args)

        assert refusal(make(email="not an email")) == ("email", "Enter an email address like name@council.gov.uk.")
        assert refusal(make(name="  ")) == ("name", "Enter a name.")
        assert refusal(make(role="boss")) == ("role", "Choose worker or admin.")
        assert refusal(make(areas=[])) == ("areas", "Choose at least one area for a participation worker.")
        # The same email in other letters is the same account.
        assert refusal(make(email="Wendy@NOTTS.test")) == ("email", "There is already an account with this email.")
        assert refusal(make(password="x" * 501)) == ("password", "Use at most 500 characters.")
        assert refusal(make(password=" tram stop velvet 42")) == (
            "password", "Do not start or end the password with a space.")
        field, message = refusal(make(password="correcthorse1"))  # zxcvbn has no warning for this one
        assert (field, message) == ("password", "Choose a password that is harder to guess. It would be easy to "
                                                "guess. Three or four unrelated words make a strong one.")
        user = s.get(StaffUserRow, worker)
        assert refusal(lambda: change_own_password(s, user, PASSWORD, PASSWORD)) == (
            "password", "Choose a new password, not the one you have now.")


def test_a_password_of_exactly_the_longest_length_is_allowed():
    check_password_rules("tram stop velvet 42 onion " + "y" * (500 - 26))


def test_a_password_made_of_the_persons_own_name_is_refused():
    # Strong for a stranger; guessable for someone who knows her name, whole or in parts.
    check_password_rules("amy wendell notts")
    check_password_rules("wendell&amy!notts")
    for password in ("amy wendell notts", "wendell&amy!notts"):
        assert refusal(lambda p=password: check_password_rules(p, AMY))[0] == "password"


def test_a_new_account_is_open_and_its_making_is_audited(sessions, worker):
    with sessions() as s:
        admin = s.scalar(select(StaffUserRow).where(StaffUserRow.role == "admin"))
        with pytest.raises(StaffError):
            create_staff(s, AMY[0], AMY[1], "amy wendell notts", "worker", by=admin, areas=["nottingham"])
        user = create_staff(s, AMY[0], AMY[1], "tram stop velvet 42 onion", "worker", by=admin,
                            areas=["nottinghamshire", "nottingham"])
        s.commit()
        s.refresh(user)
        assert user.active is True and user.areas == ["nottingham", "nottinghamshire"]
        event = s.scalars(select(AuditEventRow).where(AuditEventRow.target == f"staff:{user.id}")).one()
        assert (event.staff_id, event.action) == (admin.id, "staff.create")
        assert event.detail == {"email": AMY[0], "role": "worker", "areas": ["nottingham", "nottinghamshire"]}


def test_areas_changes_and_who_sees_what(sessions, worker):
    from content.accounts.staff import sees_area, set_areas

    with sessions() as s:
        admin = s.scalar(select(StaffUserRow).where(StaffUserRow.role == "admin"))
        user = s.get(StaffUserRow, worker)
        assert sees_area(user, "nottingham") and not sees_area(user, "nottinghamshire")
        assert sees_area(user, None)  # an item with no area is for everyone
        assert sees_area(admin, "nottinghamshire") and admin.areas == []
        set_areas(s, user, ["nottinghamshire"], by=admin)
        set_areas(s, admin, ["nottingham"], by=admin)  # an admin still sees every area
        s.commit()
        assert user.areas == ["nottinghamshire"] and admin.areas == []
        event = s.scalars(select(AuditEventRow).where(AuditEventRow.action == "staff.areas",
                                                      AuditEventRow.target == f"staff:{user.id}")).one()
        assert (event.staff_id, event.detail) == (admin.id, {"areas": ["nottinghamshire"]})


def test_turning_off_and_on_and_password_changes_are_audited_with_who_did_them(sessions, worker):
    with sessions() as s:
        admin = s.scalar(select(StaffUserRow).where(StaffUserRow.role == "admin"))
        user = s.get(StaffUserRow, worker)
        user.failed_logins = 2
        set_active(s, user, False, by=admin)
        set_active(s, user, True, by=admin)
        set_password(s, user, "tram stop velvet 42 onion", by=admin)
        assert user.failed_logins == 0 and user.must_change_password
        change_own_password(s, user, "tram stop velvet 42 onion", "copper kettle morning 7 rain")
        assert not user.must_change_password
        s.commit()
        events = list(s.scalars(select(AuditEventRow).where(AuditEventRow.target == f"staff:{user.id}",
                                                            AuditEventRow.action != "staff.create")
                                .order_by(AuditEventRow.id)))
        assert [(e.action, e.staff_id, e.detail) for e in events] == [
            ("staff.deactivate", admin.id, {}), ("staff.activate", admin.id, {}),
            ("staff.password-reset", admin.id, {}), ("staff.password", user.id, {})]


def test_the_wait_doubles():
    assert wait_after(FREE_TRIES + 1) == dt.timedelta(minutes=1)
    assert wait_after(FREE_TRIES + 2) == dt.timedelta(minutes=2)


def test_failures_count_only_on_their_own_account_and_a_sign_in_is_audited(sessions, worker):
    with sessions() as s:
        admin = s.scalar(select(StaffUserRow).where(StaffUserRow.role == "admin"))
        for _ in range(FREE_TRIES + 1):
            verify_login(s, "wendy@notts.test", "wrong password", now=NOW)
        s.commit()
        s.refresh(admin)
        assert admin.failed_logins == 0 and admin.locked_until is None
        slowed = s.scalars(select(AuditEventRow).where(AuditEventRow.action == "staff.slowed")).one()
        assert (slowed.staff_id, slowed.detail) == (None, {})
        assert verify_login(s, "admin@notts.test", "a long admin password!", now=NOW).user is not None
        s.commit()
        login = s.scalars(select(AuditEventRow).where(AuditEventRow.action == "staff.login")).one()
        assert (login.staff_id, login.target, login.detail) == (admin.id, f"staff:{admin.id}", {})


def test_a_reset_password_made_of_the_persons_own_name_is_refused(sessions, worker):
    with sessions() as s:
        admin = s.scalar(select(StaffUserRow).where(StaffUserRow.role == "admin"))
        amy = create_staff(s, AMY[0], AMY[1], "tram stop velvet 42 onion", "worker", by=admin, areas=["nottingham"])
        assert refusal(lambda: set_password(s, amy, "amy wendell notts", by=admin))[0] == "password"
