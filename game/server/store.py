"""The server's storage: rooms, tables, seats and each table's log, through SQLAlchemy 2.

The log is the truth: every entry that changes a game (an order, a decision on the news)
is written in a transaction before the seat is told it was taken, and a restarted server
rebuilds each table by replaying its log from the room's deal (checked against the state
hash stored with it). SQLite by default (WAL, a busy timeout, writes that take the lock
when they begin); any SQLAlchemy URL works (PostgreSQL through psycopg 3).

Tokens are never stored: only their SHA-256, compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)

#: The schema's version; `migrate` brings an older database up to it, step by step.
SCHEMA = 1

metadata = MetaData()

meta = Table("meta", metadata, Column("key", String(40), primary_key=True),
             Column("value", Text, nullable=False))

rooms = Table(
    "rooms", metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    Column("name", String(80), nullable=False),
    Column("scenario", String(64), nullable=False),
    Column("seed", Integer, nullable=False),  # the deal: secret until the room has ended
    Column("facilitator", String(64), nullable=False),  # the token's SHA-256
    Column("created", String(32), nullable=False),
)

game_tables = Table(
    "game_tables", metadata,
    Column("id", Integer, primary_key=True),
    Column("room_id", Integer, ForeignKey("rooms.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("fingerprint", String(80), nullable=False),
    Column("state_hash", String(64), nullable=True),
    Column("entries", Integer, nullable=False, default=0),  # log entries the hash covers
    Column("created", String(32), nullable=False),
    UniqueConstraint("room_id", "number"),
)

seats = Table(
    "seats", metadata,
    Column("id", Integer, primary_key=True),
    Column("table_id", Integer, ForeignKey("game_tables.id"), nullable=False),
    Column("side", String(8), nullable=False),
    Column("name", String(40), nullable=False),
    Column("kind", String(8), nullable=False),  # human or agent
    Column("agent", String(20), nullable=True),  # a difficulty or an agent kind
    Column("lang", String(8), nullable=False),
    Column("token", String(64), nullable=True, unique=True),  # the SHA-256
    Column("flexible", Integer, nullable=False, default=0),  # joined without a side
    Column("created", String(32), nullable=False),
    UniqueConstraint("table_id", "side"),
)

log = Table(
    "log", metadata,
    Column("table_id", Integer, ForeignKey("game_tables.id"), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),  # order (more kinds come with injects)
    Column("side", String(8), nullable=True),
    Column("payload", Text, nullable=False),
    Column("created", String(32), nullable=False),
)


def digest(token: str) -> str:
    """What is stored of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


def same(token: str, stored: str) -> bool:
    """Whether `token` is the one stored, in constant time."""
    return hmac.compare_digest(digest(token), stored)


@dataclass(frozen=True)
class RoomRow:
    id: int
    code: str
    name: str
    scenario: str
    seed: int
    facilitator: str


@dataclass(frozen=True)
class SeatRow:
    table_id: int
    side: str
    name: str
    kind: str
    agent: str | None
    lang: str
    token: str | None
    flexible: bool = False


@dataclass(frozen=True)
class TableRow:
    id: int
    room_id: int
    number: int
    fingerprint: str
    state_hash: str | None
    entries: int


def _new_id(result: Any) -> int:
    """The primary key a single insert made."""
    key = result.inserted_primary_key
    if not key:
        raise RuntimeError("the database gave no id for a new row")
    return int(key[0])


def default_url(folder: Path) -> str:
    """The SQLite database in `folder` (the user data folder by default)."""
    return f"sqlite:///{folder / 'server.sqlite3'}"


def _sqlite_setup(engine: Engine) -> None:
    """SQLite as a server needs it: WAL, a busy timeout, and writes that take the
    write lock when their transaction begins (SQLAlchemy's documented recipe: the
    driver's own delayed BEGIN would let two writers deadlock)."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "busy_timeout=5000", "synchronous=NORMAL",
                       "foreign_keys=ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class Store:
    """The database of one server."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            _sqlite_setup(self.engine)
        self.migrate()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back on an error."""
        with self.engine.begin() as conn:
            yield conn

    def migrate(self) -> None:
        """Create the schema, or bring an older one up to SCHEMA, step by step."""
        with self.transaction() as conn:
            metadata.create_all(conn, tables=[meta])
            row = conn.execute(select(meta.c.value).where(meta.c.key == "schema")).first()
            version = int(row[0]) if row else 0
            if version > SCHEMA:
                raise RuntimeError(f"the database {self.url} was made by a newer server "
                                   f"(schema {version}; this one knows {SCHEMA})")
            if version < 1:
                metadata.create_all(conn)
                conn.execute(insert(meta).values(key="schema", value=str(SCHEMA)))

    # ---------------------------------------------------------------- rooms

    def add_room(self, code: str, name: str, scenario: str, seed: int, facilitator: str,
                 created: str) -> RoomRow:
        with self.transaction() as conn:
            result = conn.execute(insert(rooms).values(
                code=code, name=name, scenario=scenario, seed=seed,
                facilitator=digest(facilitator), created=created))
        return RoomRow(_new_id(result), code, name, scenario, seed, digest(facilitator))

    def rooms(self) -> list[RoomRow]:
        with self.transaction() as conn:
            return [RoomRow(r.id, r.code, r.name, r.scenario, r.seed, r.facilitator)
                    for r in conn.execute(select(rooms).order_by(rooms.c.id))]

    # ---------------------------------------------------------------- tables, seats

    def add_table(self, room_id: int, number: int, fingerprint: str, created: str) -> TableRow:
        with self.transaction() as conn:
            result = conn.execute(insert(game_tables).values(
                room_id=room_id, number=number, fingerprint=fingerprint, entries=0,
                created=created))
        return TableRow(_new_id(result), room_id, number, fingerprint, None, 0)

    def tables(self) -> list[TableRow]:
        with self.transaction() as conn:
            return [TableRow(r.id, r.room_id, r.number, r.fingerprint, r.state_hash, r.entries)
                    for r in conn.execute(select(game_tables).order_by(game_tables.c.id))]

    def add_seat(self, seat: SeatRow, created: str) -> None:
        with self.transaction() as conn:
            conn.execute(insert(seats).values(
                table_id=seat.table_id, side=seat.side, name=seat.name, kind=seat.kind,
                agent=seat.agent, lang=seat.lang, token=seat.token,
                flexible=int(seat.flexible), created=created))

    def move_seat(self, table_id: int, side: str, to: str) -> None:
        """Give a player who asked for no side the other one (before the game starts)."""
        with self.transaction() as conn:
            conn.execute(update(seats).where((seats.c.table_id == table_id)
                                             & (seats.c.side == side)).values(side=to))

    def replace_seat(self, seat: SeatRow, created: str) -> None:
        """Whoever sits at `seat`'s side of its table is now `seat` (one transaction)."""
        with self.transaction() as conn:
            conn.execute(delete(seats).where((seats.c.table_id == seat.table_id)
                                             & (seats.c.side == seat.side)))
            conn.execute(insert(seats).values(
                table_id=seat.table_id, side=seat.side, name=seat.name, kind=seat.kind,
                agent=seat.agent, lang=seat.lang, token=seat.token,
                flexible=int(seat.flexible), created=created))

    def reseat(self, table_id: int, side: str, to_table: int, to_side: str) -> None:
        """Move a player to another seat (whoever sat there leaves), in one transaction."""
        with self.transaction() as conn:
            conn.execute(delete(seats).where((seats.c.table_id == to_table)
                                             & (seats.c.side == to_side)))
            conn.execute(update(seats).where((seats.c.table_id == table_id)
                                             & (seats.c.side == side))
                         .values(table_id=to_table, side=to_side, flexible=0))

    def seats(self) -> list[SeatRow]:
        with self.transaction() as conn:
            return [SeatRow(r.table_id, r.side, r.name, r.kind, r.agent, r.lang, r.token,
                            bool(r.flexible))
                    for r in conn.execute(select(seats).order_by(seats.c.id))]

    # ---------------------------------------------------------------- the log

    def append(self, table_id: int, seq: int, kind: str, side: str | None,
               payload: dict[str, Any], created: str, state_hash: str | None = None) -> None:
        """Write one log entry, and with `state_hash` the hash of the state it leads to,
        in one transaction; a second entry with the same number is refused by the
        database (two writers can never both add entry `seq`)."""
        with self.transaction() as conn:
            conn.execute(insert(log).values(table_id=table_id, seq=seq, kind=kind, side=side,
                                            payload=json.dumps(payload, sort_keys=True),
                                            created=created))
            if state_hash is not None:
                conn.execute(update(game_tables).where(game_tables.c.id == table_id)
                             .values(state_hash=state_hash, entries=seq))

    def entries(self, table_id: int) -> list[dict[str, Any]]:
        """A table's log, in order."""
        with self.transaction() as conn:
            return [json.loads(r.payload) for r in conn.execute(
                select(log.c.payload).where(log.c.table_id == table_id).order_by(log.c.seq))]

    def close(self) -> None:
        self.engine.dispose()
