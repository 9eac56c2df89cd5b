"""Rooms, tables and seats as the server runs them.

A room (a class, an exercise) has a join code, a scenario and one deal (the seed every
table plays, secret until the whole room has ended). A table has two seats; its game
begins when both are taken, by people or by the server's computer players. The engine
decides everything: an order is checked, written to the table's log, then applied, and
only then acknowledged. A restarted server rebuilds each table from its log
(`Hub.load`), checking the state against the hash stored with it.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from game.ai.agents import AGENTS, make_agent
from game.core.orders import (
    ChooseOption,
    Hold,
    Inject,
    Order,
    PlayCard,
    Stop,
    order_from_json,
    order_to_json,
)
from game.core.state import CHOICE, POLICY, SIDES, UPKEEP
from game.core.turn import TurnResolved
from game.i18n import LANGUAGES
from game.models.bundle import Content
from game.protocol import Choose, HoldOrder, Play
from game.server.clock import Clock
from game.server.store import RoomRow, SeatRow, Store, digest
from game.session import Session

#: Join codes: no 0/O, 1/I/L, so a code read aloud or from a board is typed right.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
#: Joins one address may make in a minute: a whole school behind one address (its
#: network's router) joins at once, a script trying codes does not.
JOINS_PER_MINUTE = 300
#: The longest message a facilitator may send the tables, in characters.
MAX_NOTICE = 280
#: The longest time a facilitator may give a month, in minutes.
MAX_MINUTES = 240


class Refused(Exception):
    """A request the server will not carry out: a code, put in words by the app."""

    def __init__(self, code: str, **facts: Any) -> None:
        super().__init__(code)
        self.code = code
        self.facts = facts


class Socket(Protocol):
    """A live connection of a seat: something the server can send a text to."""

    async def send_text(self, data: str) -> None: ...


@dataclass
class Seat:
    """One side of a table: who plays it, and their live connections."""

    side: str
    name: str
    kind: str  # human or agent
    agent: str | None
    lang: str
    token: str | None  # SHA-256 of the seat's token (a human's)
    flexible: bool = False  # joined without asking for a side: may be moved to the other
    sockets: set[Socket] = field(default_factory=set)


class Watch:
    """Tells whoever watches a room (the console's live list) that something changed."""

    def __init__(self) -> None:
        self._event: asyncio.Event | None = None

    def event(self) -> asyncio.Event:
        """The event set at the next change."""
        if self._event is None:
            self._event = asyncio.Event()
        return self._event

    def notify(self) -> None:
        """Something changed: wake every watcher."""
        if self._event is not None:
            self._event.set()
            self._event = None


@dataclass
class Room:
    """A class or an exercise."""

    id: int
    code: str
    name: str
    scenario: str
    seed: int
    facilitator: str  # SHA-256 of the facilitator's token
    content: Content | None = None  # the game it plays (who is who before a game starts)
    minutes: int | None = None  # the facilitator's time for a month, for every table
    then: str = "hold"
    clock: Clock = field(default_factory=Clock)  # the server's (tests move it)
    tables: list[GameTable] = field(default_factory=list)
    watch: Watch = field(default_factory=Watch)

    @property
    def ended(self) -> bool:
        """Every table's game is over (then the deal may be told)."""
        return bool(self.tables) and all(t.session is not None and t.session.over
                                         for t in self.tables)


@dataclass
class GameTable:
    """One table: two seats, the game, this month's orders given so far."""

    id: int
    number: int
    room: Room
    fingerprint: str
    seats: dict[str, Seat] = field(default_factory=dict)
    session: Session | None = None
    pending: dict[str, Order] = field(default_factory=dict)
    entries: int = 0  # log entries so far
    #: Changes a seat's choices could depend on (news decided, months resolved): an
    #: order must be given on the latest; the other seat's order alone does not count.
    version: int = 0
    last: TurnResolved | None = None
    last_changes: tuple[int, int] = (0, 0)  # the ledger of the month last resolved
    broken: str | None = None  # why it could not be rebuilt
    paused: bool = False  # by the facilitator: no order is taken, the computer waits
    stopping: bool = False  # the facilitator ended the game: it ends with this month
    #: The facilitator's time for a month (minutes, or None), what happens when it runs
    #: out ("hold": the seat holds, or takes a news's first option; "computer": the
    #: computer plays it), and when the month under way runs out (the clock's seconds).
    minutes: int | None = None
    then: str = "hold"
    due: float | None = None
    due_turn: int = 0
    notices: list[str] = field(default_factory=list)  # the facilitator's messages, in order
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


def state_hash(session: Session) -> str:
    """A fingerprint of the whole state (checked when a table is rebuilt)."""
    text = json.dumps(session.state.to_json(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def clean_name(name: str) -> str:
    """A player's name as shown: no control characters, spaces collapsed, 1–40 long."""
    kept = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    kept = " ".join(kept.split())[:40]
    if not kept:
        raise Refused("bad_name")
    return kept


class Hub:
    """Every room of the server, with its tables, kept in memory over the store."""

    def __init__(self, store: Store, content: Content, clock: Clock | None = None) -> None:
        self.store = store
        self.content = content
        self.clock = clock or Clock()
        self.rooms: dict[str, Room] = {}
        self.tables: dict[int, GameTable] = {}
        self.tokens: dict[str, tuple[GameTable, str]] = {}  # SHA-256 → seat
        self.joins: dict[str, list[float]] = {}  # address → recent join times
        self.lock = asyncio.Lock()  # joins and new tables, one at a time
        self.stopping = False  # the server is stopping: live streams end

    # ---------------------------------------------------------------- loading

    def load(self) -> list[str]:
        """Every room and table in the store, each game rebuilt from its log; returns
        what could not be rebuilt (each table named), the others play on."""
        problems = []
        by_id: dict[int, Room] = {}
        for room_row in self.store.rooms():
            room = self._room(room_row)
            by_id[room.id] = room
        stored = {t.id: t for t in self.store.tables()}
        for t in stored.values():
            table = GameTable(t.id, t.number, by_id[t.room_id], t.fingerprint)
            table.room.tables.append(table)
            self.tables[table.id] = table
        for s in self.store.seats():
            self._seat(self.tables[s.table_id], s)
        for table in self.tables.values():
            if len(table.seats) < 2:
                continue
            row = stored[table.id]
            try:
                self._rebuild(table, row.state_hash, row.entries)
            except Refused as refused:
                table.broken = refused.code
                problems.append(f"room {table.room.code} table {table.number}: "
                                f"{refused.code} {refused.facts}")
        return problems

    def _room(self, row: RoomRow) -> Room:
        room = Room(row.id, row.code, row.name, row.scenario, row.seed, row.facilitator,
                    self.content, clock=self.clock)
        self.rooms[room.code] = room
        return room

    def _seat(self, table: GameTable, row: SeatRow) -> Seat:
        seat = Seat(row.side, row.name, row.kind, row.agent, row.lang, row.token, row.flexible)
        table.seats[row.side] = seat
        if row.token:
            self.tokens[row.token] = (table, row.side)
        return seat

    def _rebuild(self, table: GameTable, checked: str | None, at: int,
                 play_on: bool = True) -> None:
        """Replay a table's log from the deal; the state after entry `at` must hash to
        `checked`; then (with `play_on`) the computer players act."""
        if table.fingerprint != self.content.fingerprint:
            raise Refused("content_changed")
        self._start(table)
        for n, entry in enumerate(self.store.entries(table.id), 1):
            table.version += self._apply(table, entry)
            table.entries = n
            if n == at and checked is not None and state_hash(self._session(table)) != checked:
                raise Refused("hash_mismatch", entry=n)
        if play_on:
            self.advance(table)

    # ---------------------------------------------------------------- rooms and seats

    def create_room(self, name: str, scenario: str) -> tuple[Room, str]:
        """A new room and its facilitator's token (shown once, stored only hashed)."""
        if scenario not in self.content.scenarios:
            raise Refused("no_scenario", scenario=scenario)
        code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
        while code in self.rooms:
            code = "".join(secrets.choice(CODE_LETTERS) for _ in range(CODE_LENGTH))
        token = secrets.token_hex(32)
        seed = secrets.randbelow(2**31 - 1) + 1
        row = self.store.add_room(code, clean_name(name), scenario, seed, token,
                                  self.clock.now())
        return self._room(row), token

    def room(self, code: str) -> Room:
        """The room of a join code (as typed: any case, spaces ignored)."""
        room = self.rooms.get("".join(code.split()).upper())
        if room is None:
            raise Refused("no_room")
        return room

    def facilitated(self, code: str, token: str) -> Room:
        """The room, for its facilitator only."""
        room = self.room(code)
        if not secrets.compare_digest(digest(token), room.facilitator):
            raise Refused("not_facilitator")
        return room

    def check_rate(self, address: str) -> None:
        """At most JOINS_PER_MINUTE joins from one address in a minute."""
        now = self.clock.monotonic()
        recent = [t for t in self.joins.get(address, []) if now - t < 60]
        if len(recent) >= JOINS_PER_MINUTE:
            raise Refused("too_many_joins")
        self.joins[address] = [*recent, now]

    def join(self, code: str, name: str, side: str | None, lang: str) -> tuple[GameTable, str,
                                                                                 str]:
        """Seat a player: at a free seat (on `side` if asked), else at a new table.
        Returns the table, the side and the seat's token (shown once)."""
        room = self.room(code)
        if side is not None and side not in SIDES:
            raise Refused("bad_side")
        if lang not in LANGUAGES:
            raise Refused("bad_lang")
        shown = clean_name(name)
        wanted = side
        table, side = self._free_seat(room, side)
        token = secrets.token_hex(32)
        self._take(table, SeatRow(table.id, side, shown, "human", None, lang, digest(token),
                                  flexible=wanted is None))
        return table, side, token

    def add_computer(self, room: Room, agent: str, number: int | None = None) -> GameTable:
        """Put the server's computer player (a difficulty or an agent) in a free seat: of
        table `number`, else of the first table waiting for a player, else a new one."""
        if agent not in AGENTS and agent not in self.content.difficulties:
            raise Refused("bad_agent", agent=agent)
        if number is not None:
            table = next((t for t in room.tables if t.number == number), None)
            if table is None:
                raise Refused("no_table", number=number)
            free = [s for s in SIDES if s not in table.seats]
            if not free:
                raise Refused("table_full", number=number)
            side = free[0]
        else:
            table, side = self._free_seat(room, None)
        self._take(table, SeatRow(table.id, side, self._agent_title(agent), "agent", agent,
                                  "en", None))
        return table

    def _agent_title(self, agent: str) -> str:
        level = self.content.difficulties.get(agent)
        return level.title if level is not None else agent

    def _free_seat(self, room: Room, side: str | None) -> tuple[GameTable, str]:
        for table in room.tables:
            free = [s for s in SIDES if s not in table.seats and table.broken is None]
            if side in free or (side is None and free):
                return table, side or free[0]
        if side is not None:
            for table in room.tables:
                waiting = table.seats.get(side)  # waits on `side` without having asked
                if len(table.seats) == 1 and waiting is not None and waiting.flexible:
                    self._move(table, side)
                    return table, side
        row = self.store.add_table(room.id, len(room.tables) + 1, self.content.fingerprint,
                                   self.clock.now())
        table = GameTable(row.id, row.number, room, row.fingerprint)
        room.tables.append(table)
        self.tables[table.id] = table
        return table, side or SIDES[0]

    def _move(self, table: GameTable, side: str) -> None:
        """Move the one player waiting at `table`, who asked for no side, to the other."""
        to = "trump" if side == "amlo" else "amlo"
        self.store.move_seat(table.id, side, to)
        seat = table.seats.pop(side)
        seat.side = to
        table.seats[to] = seat
        if seat.token:
            self.tokens[seat.token] = (table, to)

    def _take(self, table: GameTable, row: SeatRow) -> None:
        self.store.add_seat(row, self.clock.now())
        self._seat(table, row)
        if len(table.seats) == 2:
            self._begin(table)

    def _begin(self, table: GameTable) -> None:
        """Both seats are taken: the game starts, with the room's time for a month."""
        self._start(table)
        if table.room.minutes is not None:
            self._note(table, {"facilitator": "deadline", "minutes": table.room.minutes,
                               "then": table.room.then, "room": True})
        self.advance(table)

    def _start(self, table: GameTable) -> None:
        agents = {s: seat.agent for s, seat in table.seats.items()
                  if seat.kind == "agent" and seat.agent}
        table.session = Session.new(self.content, table.room.scenario, table.room.seed,
                                    agents)

    def seat_of(self, token: str) -> tuple[GameTable, str] | None:
        """The seat a token belongs to (None for any other string)."""
        return self.tokens.get(digest(token))

    # ---------------------------------------------------------------- playing

    def _session(self, table: GameTable) -> Session:
        if table.session is None:
            raise Refused("not_started")
        return table.session

    def order(self, table: GameTable, side: str, message: Play | HoldOrder | Choose) -> None:
        """A seat's order: checked by the engine on the latest view, written to the log,
        applied; then the computer players act. Raises Refused, changing nothing."""
        session = self._session(table)
        if table.broken:
            raise Refused("broken")
        if session.over:
            raise Refused("over")
        if table.paused:
            raise Refused("paused")
        if side in session.agents:
            raise Refused("computer_seat")
        if message.version != table.version:
            raise Refused("stale", version=table.version)
        state = session.state
        order: Order | ChooseOption
        if isinstance(message, Choose):
            if state.phase != CHOICE or side not in state.pending:
                raise Refused("not_deciding")
            if message.option >= len(session.engine.options(state, side)):
                raise Refused("no_option")
            order = ChooseOption(side, message.option)
        else:
            if state.phase != POLICY:
                raise Refused("not_ordering")
            if side in table.pending:
                raise Refused("already_ordered")
            order = PlayCard(side, message.card) if isinstance(message, Play) else Hold(side)
            rejected = session.engine.check_order(state, order)
            if rejected is not None:
                raise Refused("rejected", rejected=rejected)
        self._record(table, order)
        self.advance(table)

    def _record(self, table: GameTable, order: Order | ChooseOption | Inject | Stop) -> None:
        """Apply a checked order and write it to the log in one transaction, with the
        state's hash when it ended a month; nothing is told to any seat before the
        transaction is committed, and if it fails the table is restored from the log as
        the database has it (the order is then refused)."""
        session = self._session(table)
        entry = {"turn": session.state.turn, **order_to_json(order)}
        changed = self._apply(table, entry)
        ended_month = table.pending == {} and isinstance(order, (PlayCard, Hold))
        try:
            self.store.append(table.id, table.entries + 1, "order",
                              None if isinstance(order, (Inject, Stop)) else order.side,
                              entry,
                              self.clock.now(), state_hash(session) if ended_month else None)
        except Exception as exc:  # the database refused: the log stays the truth
            self._restore(table)
            raise Refused("storage", why=str(exc)) from None
        table.version += changed
        table.entries += 1

    def _restore(self, table: GameTable) -> None:
        """The table as its log in the database says, after a write that failed."""
        table.pending, table.version, table.entries, table.last = {}, 0, 0, None
        row = next((t for t in self.store.tables() if t.id == table.id), None)
        self._rebuild(table, row.state_hash if row else None, row.entries if row else 0,
                      play_on=False)  # the computer players would write again: not yet
        session = self._session(table)
        if session.state.phase == UPKEEP and not session.over:
            session.begin_turn(agents_choose=False)  # the month it was in

    def _apply(self, table: GameTable, entry: Mapping[str, Any]) -> bool:
        """One log entry played on the table's game (as given, or replayed); whether it
        changed what a seat may choose (not so one leader's order alone)."""
        action = entry.get("facilitator")
        if action is not None:  # the facilitator's, outside the rules
            if action == "pause":
                table.paused = bool(entry.get("on"))
                table.due = None  # the month's time starts again on resuming
            elif action == "deadline":
                minutes = entry.get("minutes")
                table.minutes = int(minutes) if isinstance(minutes, int) and minutes > 0 \
                    else None
                table.then = "computer" if entry.get("then") == "computer" else "hold"
                table.due = None
                if entry.get("room"):  # the room's own setting, for tables to come too
                    table.room.minutes, table.room.then = table.minutes, table.then
            elif action == "message":
                table.notices.append(str(entry.get("text", "")))
            # "computer", "seat" and "expired" are records: the seats' table in the store
            # says who sits where now, and the orders given are entries of their own
            return True
        session = self._session(table)
        if session.state.phase == UPKEEP:
            session.begin_turn(agents_choose=False)
        if int(entry["turn"]) != session.state.turn:
            raise Refused("log_turn", entry=dict(entry))
        order = order_from_json(dict(entry))
        if isinstance(order, Inject):
            if session.inject(order.event, order.news) is not None:
                raise Refused("log_refused", entry=dict(entry))
            return False  # it comes with next month's news: nothing to choose changed
        if isinstance(order, Stop):
            if session.stop() is not None:
                raise Refused("log_refused", entry=dict(entry))
            table.stopping = True
            return False  # the game ends when the month under way is resolved
        if isinstance(order, ChooseOption):
            before = (session.state.event, session.state.phase)
            if session.choose(order, agents_choose=False) is not None:
                raise Refused("log_refused", entry=dict(entry))
            # the other leader still deciding the same news keeps his options
            return (session.state.event, session.state.phase) != before
        table.pending[order.side] = order
        if len(table.pending) < 2:
            return False
        first = len(session.state.ledger)
        result = session.resolve(dict(table.pending))
        if not isinstance(result, TurnResolved):
            raise Refused("log_refused", entry=dict(entry))
        table.pending = {}
        table.last, table.last_changes = result, (first, len(session.state.ledger))
        return True

    def advance(self, table: GameTable) -> None:
        """Open the month and let the computer players decide, until a person must (or
        the facilitator has paused the table); then the month's time starts, if it has
        one."""
        self._advance(table)
        self.clock_table(table)

    def _advance(self, table: GameTable) -> None:
        session = table.session
        while session is not None and not session.over and not table.paused:
            state = session.state
            if state.phase == UPKEEP:
                session.begin_turn(agents_choose=False)
            elif state.phase == CHOICE:
                waiting = [s for s in state.pending if s in session.agents]
                if not waiting:
                    return
                self._record(table, session.agents[waiting[0]].choose_option(
                    session.engine, state))
            else:
                waiting = [s for s in SIDES if s in session.agents and s not in table.pending]
                if not waiting:
                    return
                self._record(table, session.agents[waiting[0]].choose_order(
                    session.engine, state))

    # ---------------------------------------------------------------- the facilitator

    def _note(self, table: GameTable, entry: dict[str, Any]) -> None:
        """Write one of the facilitator's entries to the table's log, then apply it (an
        entry is stored before it is acknowledged; a failed write changes nothing)."""
        session = table.session
        turn = session.state.turn if session is not None else 0
        entry = {"turn": turn, **entry}
        try:
            self.store.append(table.id, table.entries + 1, "facilitator", None, entry,
                              self.clock.now())
        except Exception as exc:  # the database refused: nothing happened
            raise Refused("storage", why=str(exc)) from None
        table.entries += 1
        table.version += self._apply(table, entry)

    def chosen_tables(self, room: Room, numbers: list[int] | None) -> list[GameTable]:
        """The tables a facilitator's action is for: `numbers`, or every table."""
        if not numbers:
            return list(room.tables)
        known = {t.number: t for t in room.tables}
        missing = [n for n in numbers if n not in known]
        if missing:
            raise Refused("no_table", number=missing[0])
        return [known[n] for n in numbers]

    def inject(self, table: GameTable, event_id: str,
               news: Mapping[str, Any] | None = None) -> None:
        """The facilitator sends a content event to `table` as news (or, with `news`, one
        written on the spot): it comes with next month's news (Engine.inject), recorded
        in the log first."""
        session = self._session(table)
        if table.broken:
            raise Refused("broken")
        if session.over:
            raise Refused("over")
        rejected = session.engine.inject_refusal(session.state, event_id,
                                                 written=news is not None)
        if rejected is not None:
            raise Refused("rejected", rejected=rejected)
        self._record(table, Inject(event_id, news))

    def computer_for(self, table: GameTable, side: str, agent: str) -> None:
        """The computer plays `side` of `table` from now on, in place of its player (who
        is away; his token no longer acts): the seat is changed in the store, the change
        recorded in the log, then the computer plays if it is its turn."""
        if agent not in AGENTS and agent not in self.content.difficulties:
            raise Refused("bad_agent", agent=agent)
        if side not in SIDES or side not in table.seats:
            raise Refused("bad_side")
        session = self._session(table)
        if side in session.agents:
            raise Refused("already_computer")
        seat = table.seats[side]
        if seat.sockets:
            raise Refused("seat_present", name=seat.name)
        if len(session.agents) == 1:  # two computers would play to the end at once
            raise Refused("both_computer")
        name = seat.name  # the seat is still his: the console says the computer plays it
        self.store.replace_seat(SeatRow(table.id, side, name, "agent", agent, "en", None),
                                self.clock.now())
        self._note(table, {"facilitator": "computer", "side": side, "agent": agent})
        if seat.token:
            self.tokens.pop(seat.token, None)
        seat.kind, seat.agent, seat.name, seat.token = "agent", agent, name, None
        session.agents[side] = make_agent(agent, side, session.engine)
        self.advance(table)

    def seat_player(self, room: Room, number: int, to_number: int, to_side: str) -> GameTable:
        """Move the player waiting alone at table `number` to `to_side` of table
        `to_number`: an empty seat, or one the computer plays (he takes it over from the
        month under way). Returns the table he now sits at."""
        known = {t.number: t for t in room.tables}
        table, target = known.get(number), known.get(to_number)
        if table is None or target is None:
            raise Refused("no_table", number=number if table is None else to_number)
        if to_side not in SIDES:
            raise Refused("bad_side")
        if target is table:
            raise Refused("same_table", number=number)
        if table.session is not None or len(table.seats) != 1:
            raise Refused("not_waiting", number=number)
        seat = next(iter(table.seats.values()))
        if seat.kind != "human":
            raise Refused("not_waiting", number=number)
        taken = target.seats.get(to_side)
        if taken is not None and taken.kind != "agent":
            raise Refused("seat_taken", number=to_number)
        self.store.reseat(table.id, seat.side, target.id, to_side)
        del table.seats[seat.side]
        seat.side, seat.flexible = to_side, False
        target.seats[to_side] = seat
        if seat.token:
            self.tokens[seat.token] = (target, to_side)
        if target.session is not None:  # he takes over from the computer
            target.session.agents.pop(to_side, None)
            self._note(target, {"facilitator": "seat", "side": to_side, "name": seat.name})
            self.clock_table(target)
        elif len(target.seats) == 2:
            self._begin(target)
        return target

    def stop(self, table: GameTable) -> None:
        """The facilitator ends `table`'s game: when the month under way is resolved."""
        session = self._session(table)
        if session.over or table.stopping:
            raise Refused("over")
        self._record(table, Stop())

    def pause(self, table: GameTable, on: bool) -> None:
        """Pause (no order taken, the computer waits) or resume a table."""
        if table.paused != on:
            self._note(table, {"facilitator": "pause", "on": on})
            if not on:
                self.advance(table)

    def message(self, table: GameTable, text: str) -> None:
        """A message from the facilitator to both seats of `table`."""
        kept = " ".join("".join(c for c in text if unicodedata.category(c)[0] != "C")
                        .split())[:MAX_NOTICE]
        if not kept:
            raise Refused("bad_message_text")
        self._note(table, {"facilitator": "message", "text": kept})

    def set_deadline(self, table: GameTable, minutes: int | None, then: str,
                     room: bool = False) -> None:
        """The time each month of `table` has (None: no limit), and what happens when it
        runs out: the seat holds ("hold") or the computer plays it ("computer"); with
        `room`, it is the whole room's setting (tables that start later have it too)."""
        if minutes is not None and not 1 <= minutes <= MAX_MINUTES:
            raise Refused("bad_minutes")
        if then not in ("hold", "computer"):
            raise Refused("bad_then")
        self._note(table, {"facilitator": "deadline", "minutes": minutes, "then": then,
                           **({"room": True} if room else {})})
        self.clock_table(table)

    def owed(self, table: GameTable) -> list[str]:
        """The people's seats the game waits for now (a decision, or the month's card)."""
        session = table.session
        if session is None or session.over or table.paused or table.broken:
            return []
        state = session.state
        if state.phase == CHOICE:
            return [s for s in state.pending if s not in session.agents]
        if state.phase == POLICY:
            return [s for s in SIDES if s not in session.agents and s not in table.pending]
        return []

    def clock_table(self, table: GameTable) -> None:
        """Start the month's time when a month opens on a table that waits for people."""
        session = table.session
        if table.minutes is None:
            table.due = None
        elif session is not None and self.owed(table) and (
                table.due is None or table.due_turn != session.state.turn):
            table.due = self.clock.monotonic() + 60 * table.minutes
            table.due_turn = session.state.turn

    def expire(self, table: GameTable) -> bool:
        """If `table`'s month has run out, give each order still owed as the facilitator
        chose (a hold and a news's first option, or the computer's choice), each written
        to the log, until the month is resolved; whether anything was given."""
        session = table.session
        if session is None or table.due is None or self.clock.monotonic() < table.due:
            return False
        owed = self.owed(table)
        if not owed:
            return False
        turn = session.state.turn
        given: list[str] = []
        for _step in range(20):  # a month has a few decisions and two cards at most
            waiting = self.owed(table)
            if not waiting or session.over or session.state.turn != turn:
                break
            side, state = waiting[0], session.state
            if side not in given:
                given.append(side)
            stand_in = make_agent("normal", side, session.engine) \
                if table.then == "computer" else None
            if state.phase == CHOICE:
                self._record(table, stand_in.choose_option(session.engine, state)
                             if stand_in else ChooseOption(side, 0))
            else:
                self._record(table, stand_in.choose_order(session.engine, state)
                             if stand_in else Hold(side))
            self.advance(table)
        self._note(table, {"facilitator": "expired", "turn": turn, "sides": given,
                           "then": table.then})
        table.due = None
        self.clock_table(table)
        return True

    def export(self, table: GameTable) -> dict[str, Any]:
        """The table's game as a standard save file (for replay --verify and reports)."""
        session = self._session(table)
        save = session.to_save(f"{table.room.code}-table-{table.number}")
        for side, seat in table.seats.items():  # who sat there, for the debrief
            if seat.kind == "human" and seat.name:
                save["header"]["sides"][side]["name"] = seat.name[:40]
        return save

