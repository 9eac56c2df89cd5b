"""The databases the server tests run on: SQLite in a temporary folder, and PostgreSQL
(marker `postgres`) when `UA_POSTGRES_URL` names a server whose role may create
databases (`.ci/run` starts one from Debian's packages). Each PostgreSQL test gets a
database of its own, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.profiles import REQUIRE_ALL

#: Where the PostgreSQL server is: a URL whose database the role may connect to.
ENV = "UA_POSTGRES_URL"

KINDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _missing(reason: str) -> None:
    if REQUIRE_ALL:
        pytest.fail(f"UA_REQUIRE_ALL=1 but {reason}")
    pytest.skip(reason)


@contextmanager
def database(kind: str, folder: Path) -> Iterator[str]:
    """A fresh, empty database of `kind`, as an SQLAlchemy URL."""
    if kind == "sqlite":
        yield f"sqlite:///{folder / 'server.sqlite3'}"
        return
    base = os.environ.get(ENV)
    if not base:
        _missing(f"no PostgreSQL server: set {ENV} (e.g. postgresql+psycopg://ua:ua@127.0.0.1/ua)")
    import sqlalchemy as sa

    assert base is not None
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    name = f"ua_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server, no role, no right to create databases
        admin.dispose()
        _missing(f"PostgreSQL at {ENV} refused: {exc}")
    try:
        yield sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
