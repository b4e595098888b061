from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from content.accounts.staff import create_staff
from content.db import make_engine, make_sessionmaker
from tests.conftest import loaded_sqlite
from web import create_app

WORKER = ("worker@notts.test", "a long worker password")
ADMIN = ("admin@notts.test", "a long admin password!")


@pytest.fixture(scope="session")
def staff_db_template(tmp_path_factory, shipped_bundle):
    """The shipped content and two accounts, made once; each test gets its own copy of the file."""
    path = tmp_path_factory.mktemp("staff") / "template.db"
    engine = make_engine(loaded_sqlite(path, shipped_bundle))
    with make_sessionmaker(engine)() as s:
        create_staff(s, WORKER[0], "Wendy Worker", WORKER[1], "worker", areas=["nottingham", "nottinghamshire"])
        create_staff(s, ADMIN[0], "Ada Admin", ADMIN[1], "admin")
        s.commit()
    engine.dispose()
    return path


@pytest.fixture
def staff_app(tmp_path, staff_db_template):
    shutil.copy(staff_db_template, tmp_path / "staff.db")
    return create_app("test", {"DATABASE_URL": f"sqlite:///{tmp_path / 'staff.db'}", "WTF_CSRF_ENABLED": True})


def token(client, path: str = "/staff/login") -> str:
    soup = BeautifulSoup(client.get(path).get_data(as_text=True), "html.parser")
    return soup.select_one("input[name=csrf_token]")["value"]


def sign_in(client, who) -> None:
    response = client.post("/staff/login", data={"csrf_token": token(client), "email": who[0], "password": who[1]})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


@pytest.fixture
def worker(staff_app):
    client = staff_app.test_client()
    sign_in(client, WORKER)
    return client


@pytest.fixture
def admin(staff_app):
    client = staff_app.test_client()
    sign_in(client, ADMIN)
    return client


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")
