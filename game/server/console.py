"""The facilitator's console: every table of a room live, and the room steered from one
page (docs/PROTOCOL.md, "The facilitator's console").

`serve --new-room` prints the console's address with the facilitator's token in its
fragment; the sign-in form sends the token once and the server keeps it in a cookie for
that room's console only (HttpOnly, SameSite=Strict), never in an address or a log. Every
action is a plain form that works without JavaScript, carries a token against forged
requests (derived from the facilitator's, checked with the page's origin), and is written
to each table's log before it is acknowledged, so a restart replays it and the exported
saves and the ledger show it. The table list stays live over server-sent events: whole
snapshots, never differences.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import zipfile
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import parse_qs, quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from game.content.localize import localize
from game.core.effects import timed_deltas
from game.core.state import SIDES, month_index, month_name
from game.core.turn import WRITTEN, written_event
from game.i18n import N_, Nn_, _, current, ngettext, using
from game.server.debriefs import report_routes
from game.server.pages import HEADERS, MAX_FORM, page_language, render, same_origin
from game.server.refusals import say
from game.server.rooms import GameTable, Hub, Refused, Room
from game.server.views import translator
from game.wording import (
    cause_text,
    date_words,
    describe,
    effect_words,
    ending_words,
    meter_text,
    sentence,
)

#: The cookie that keeps the facilitator signed in to one room's console.
COOKIE = "ua_console"
#: Seconds between two keep-alive comments of the live table list.
HEARTBEAT = 15.0
#: What the console says after an action on some tables (singular, plural).
DONE = {
    "inject": Nn_("The news was sent to {count} table: it comes with its next month.",
                  "The news was sent to {count} tables: it comes with their next month."),
    "write": Nn_("The news was sent to {count} table: it comes with its next month.",
                 "The news was sent to {count} tables: it comes with their next month."),
    "pause": Nn_("{count} table paused.", "{count} tables paused."),
    "resume": Nn_("{count} table resumed.", "{count} tables resumed."),
    "message": Nn_("The message went to {count} table.", "The message went to {count} tables."),
    "deadline": Nn_("{count} table has the new time for a month.",
                    "{count} tables have the new time for a month."),
    "stop": Nn_("{count} table ends its game with this month.",
                "{count} tables end their game with this month."),
}
#: ...and on one table.
DONE_AT = {"computer": N_("The computer now plays a seat at table {table}."),
           "seat": N_("The player now sits at table {table}.")}


def csrf_of(token: str) -> str:
    """The token a console's forms carry: derived from the facilitator's, so a page of
    another site cannot know it."""
    return hashlib.sha256(f"console-form:{token}".encode()).hexdigest()[:32]


def snapshot(room: Room, lang: str = "en") -> dict[str, Any]:
    """Every table of `room` as the console shows it, in `lang`: no hands, no deal."""
    with using(translator(lang)):
        return _snapshot(room)


def _snapshot(room: Room) -> dict[str, Any]:
    rows = []
    for table in room.tables:
        session = table.session
        row: dict[str, Any] = {
            "table": table.number,
            "seats": {side: _seat_row(table, side) for side in SIDES if side in table.seats},
            "paused": table.paused, "broken": table.broken, "stopping": table.stopping,
            "left": None if table.due is None else max(
                0, round(table.due - room.clock.monotonic())), "turn": 0, "month": "",
            "phase": "waiting", "ordered": sorted(table.pending), "ending": None,
            "polls": {}, "trust": None, "signed": 0,
        }
        if session is not None:
            state = session.state
            row.update(turn=state.turn, phase=state.phase,
                       month=sentence(date_words(state.log[-1]["month"])) if state.log else "",
                       polls={s: state.meters[f"polls.{s}"] for s in SIDES},
                       trust=state.meters["trust"],
                       signed=sum(1 for v in state.agreements.values() if v >= 2))
            if state.ending is not None:
                row["ending"] = ending_words(state.ending, localize(session.engine.content,
                                                                    current()))[0]
        row["status"] = _status_words(row, room)
        rows.append(row)
    return {"room": room.name, "code": room.code, "tables": rows}


def _seat_row(table: GameTable, side: str) -> dict[str, Any]:
    """One seat as the console shows it: a computer named by its difficulty, in words."""
    seat = table.seats[side]
    name = seat.name
    if seat.kind == "agent" and table.room.content is not None:
        levels = localize(table.room.content, current()).difficulties
        title = levels[seat.agent].title if seat.agent in levels else seat.agent or ""
        original = table.room.content.difficulties.get(seat.agent or "")
        name = _("the computer ({level})").format(level=title) \
            if original is not None and seat.name == original.title else \
            _("{name}, played by the computer ({level})").format(name=seat.name, level=title)
    return {"name": name, "kind": seat.kind, "connected": seat.kind == "agent"
            or bool(seat.sockets)}


def _status_words(row: dict[str, Any], room: Room) -> str:
    """What a table is doing, in words (the page adds the time left as it runs)."""
    if row["broken"]:
        return _("could not be restored")
    if row["ending"]:
        return _("ended: {title}").format(title=row["ending"])
    if row["phase"] == "waiting":
        return _("waiting for a player")
    parts = []
    if row["paused"]:
        parts.append(_("paused"))
    if row["stopping"]:
        parts.append(_("ends with this month"))
    leaders = localize(room.content, current()).leaders if room.content else {}
    if row["phase"] == "choice":
        parts.append(_("deciding on the news"))
    elif row["ordered"]:
        parts.append(_("played: {sides}").format(sides=", ".join(
            leaders[s].short if s in leaders else s for s in row["ordered"])))
    else:
        parts.append(_("choosing"))
    return " · ".join(parts)


def event_previews(hub: Hub, room: Room) -> list[dict[str, str]]:
    """Every event a facilitator may send to the room's scenario (not those it leaves
    out), with what it does, in the language in use."""
    content = localize(hub.content, current())
    left_out = set(content.scenarios[room.scenario].exclude_events)
    out = []
    for event in sorted(content.events.values(), key=lambda e: e.title.lower()):
        if event.id in left_out:
            continue
        now, later = timed_deltas(event.effects, None)
        parts = [_("The news: {effects}").format(effects=effect_words(now, content,
                                                                      later=later))]
        for choice in event.choices:
            now, later = timed_deltas(choice.effects, choice.side)
            parts.append(_("{leader} may choose “{label}”: {effects}").format(
                leader=content.leaders[choice.side].short, label=choice.label,
                effects=effect_words(now, content, later=later)))
        out.append({"id": event.id, "title": event.title, "preview": " · ".join(parts)})
    return out


#: The meters a facilitator's own news may change, and by how much at most.
WRITABLE = ("trust", "polls.amlo", "polls.trump", "tension.trade", "tension.migration",
            "tension.security", "capital.amlo", "capital.trump")
MAX_CHANGE = 30
#: Rows of changes the form offers.
CHANGE_ROWS = 3


def written_count(table: GameTable) -> int:
    """How many pieces of news the facilitator has written for `table` so far."""
    session = table.session
    return 0 if session is None else sum(1 for e in session.engine.events
                                         if e.startswith(WRITTEN))


def written_news(field: dict[str, str]) -> dict[str, Any]:
    """The news the facilitator wrote in the form, checked as content is (a headline of
    1–80 characters, a text of 1–600, changes to known meters of at most 30); Refused
    with what is wrong."""
    title = " ".join(field.get("title", "").split())
    text = " ".join(field.get("text", "").split())
    if not 1 <= len(title) <= 80:
        raise Refused("bad_headline")
    if not 1 <= len(text) <= 600:
        raise Refused("bad_news_text")
    effects = []
    for n in range(CHANGE_ROWS):
        meter = field.get(f"meter{n}", "")
        delta = field.get(f"delta{n}", "").strip().replace("\u2212", "-")  # a true minus
        if not meter and not delta:
            continue
        if meter not in WRITABLE:
            raise Refused("bad_meter", row=n + 1)
        try:
            amount = int(delta)
        except ValueError:
            raise Refused("bad_change", row=n + 1) from None
        if not -MAX_CHANGE <= amount <= MAX_CHANGE:
            raise Refused("bad_change", row=n + 1)
        if amount:
            effects.append({"kind": "meter", "meter": meter, "delta": amount})
    news = {"title": title, "text": text, "effects": effects}
    try:
        written_event(f"{WRITTEN}0", news)  # as content is
    except ValueError:
        raise Refused("bad_news_text") from None
    return news


def schedule_rows(hub: Hub, room: Room) -> list[dict[str, Any]]:
    """The room's scenario's injects (its master sequence of events), each with when it
    comes, what it is for, and at how many tables it was sent, is planned or was skipped."""
    content = localize(hub.content, current())
    scenario = content.scenarios[room.scenario]
    start = month_index(scenario.start)
    counts = [{"sent": 0, "planned": 0, "skipped": 0} for _ in scenario.injects]
    for table in room.tables:
        if table.session is not None:
            for i, status in enumerate(table.session.engine.schedule(table.session.state)):
                counts[i][status] += 1
    rows = []
    for i, inject in enumerate(scenario.injects):
        if inject.turn is not None:
            when = _("month {n} ({date})").format(
                n=inject.turn, date=date_words(month_name(start + inject.turn - 1)))
        else:
            when = _("when {condition}").format(condition=describe(inject.when))
            if inject.until is not None:
                when += " · " + _("until month {n}").format(n=inject.until)
        event = content.events.get(inject.event)
        rows.append({"number": i + 1, "when": when, "event": event.title if event
                     else inject.event, "label": inject.label or "",
                     "contingency": inject.contingency, **counts[i]})
    return rows


def actions_record(hub: Hub, table: GameTable) -> list[str]:
    """Everything the facilitator did at `table`, from its log, in words, month by month."""
    session = table.session
    content = localize(session.engine.content if session else hub.content, current())
    leaders = {side: content.leaders[side].short for side in SIDES}
    out = []
    for entry in hub.store.entries(table.id):
        action, order = entry.get("facilitator"), entry.get("order")
        words = None
        if order == "inject":
            event = content.events.get(str(entry.get("event")))
            words = _("news sent: {title}").format(title=event.title if event
                                                  else entry.get("event"))
        elif order == "stop":
            words = _("the game ends with this month")
        elif action == "pause":
            words = _("paused") if entry.get("on") else _("resumed")
        elif action == "message":
            words = _("message: {text}").format(text=entry.get("text", ""))
        elif action == "deadline":
            minutes = entry.get("minutes")
            words = _("no time limit") if not minutes else _(
                "{n} minutes a month, then the seat holds") if entry.get("then") == "hold" \
                else _("{n} minutes a month, then the computer plays")
            words = words.format(n=minutes)
        elif action == "expired":
            words = _("the time ran out for {sides}").format(sides=", ".join(
                leaders.get(str(s), str(s)) for s in entry.get("sides", [])))
        elif action == "computer":
            words = _("the computer took {leader}'s seat").format(
                leader=leaders.get(str(entry.get("side")), ""))
        elif action == "seat":
            words = _("{name} was seated as {leader}").format(
                name=entry.get("name", ""), leader=leaders.get(str(entry.get("side")), ""))
        if words is not None:
            out.append(_("Month {n}: {what}").format(n=entry.get("turn", 0), what=words))
    return out


def ledger_months(table: GameTable) -> list[dict[str, Any]]:
    """A table's whole ledger in words, grouped by month, with the facilitator's notes."""
    session = table.session
    if session is None:
        return []
    content = localize(session.engine.content, current())
    state = session.state
    months: dict[int, dict[str, Any]] = {}
    for record in state.log:
        cards = []
        for side in SIDES:
            card = record["orders"].get(side, "…")
            cards.append(f"{content.leaders[side].short}: " + (
                content.cards[card].title if card in content.cards else
                _("held") if card is None else "…"))
        news = [content.events[n["event"]].title for n in record["news"]
                if n["event"] in content.events]
        months[record["turn"]] = {"turn": record["turn"],
                                  "month": sentence(date_words(record["month"])),
                                  "cards": cards, "news": news, "changes": []}
    for turn, meter, delta, _before, after, cause in state.ledger:
        month = months.get(turn)
        if month is not None:
            month["changes"].append(_("{cause}: {meter} {delta:+d} (to {after})").format(
                cause=cause_text(cause, content), meter=meter_text(meter, content),
                delta=delta, after=after))
    return [months[t] for t in sorted(months)]


def console_routes(hub: Hub, told: Callable[[GameTable], Any]) -> list[Route]:
    """The console's routes; `told(table)` sends a table's seats their views."""

    def signed_in(request: Request) -> tuple[Room, str] | None:
        """The request's room and facilitator token, if its cookie holds the right one."""
        try:
            room = hub.room(request.path_params["code"])
            token = request.cookies.get(COOKIE, "")
            return hub.facilitated(room.code, token), token
        except Refused:
            return None

    def sign_in_page(request: Request, status: int = 200, problem: str | None = None
                     ) -> Response:
        lang = page_language(request)
        return render("console_login.html", lang, status, code=request.path_params["code"],
                      problem=problem)

    async def console(request: Request) -> Response:
        found = signed_in(request)
        if found is None:
            return sign_in_page(request)
        room, token = found
        lang = page_language(request)
        done = request.query_params.get("done", "")
        said = None
        count = request.query_params.get("count", "")
        with using(translator(lang)):
            if done in DONE and count.isdigit():
                said = ngettext(*DONE[done], int(count)).format(count=int(count))
            elif done in DONE_AT:
                said = _(DONE_AT[done]).format(table=request.query_params.get("table", "")[:6])
        with using(translator(lang)):
            events = event_previews(hub, room)
            meters = [(m, meter_text(m, localize(hub.content, current()))) for m in WRITABLE]
            agents = [(key, level.title) for key, level in
                      localize(hub.content, current()).difficulties.items()]
            schedule = schedule_rows(hub, room)
        return render("console.html", lang, room=room, csrf=csrf_of(token),
                      snapshot=snapshot(room, lang), events=events, agents=agents, said=said,
                      schedule=schedule, meters=meters, rows=range(CHANGE_ROWS),
                      problem=request.query_params.get("problem", "")[:200] or None)

    async def sign_in(request: Request) -> Response:
        raw = await request.body()
        form = parse_qs(raw.decode("utf-8", "replace")[:MAX_FORM], max_num_fields=5)
        token = form.get("token", [""])[0].strip()
        code = request.path_params["code"]
        if not same_origin(request):
            return sign_in_page(request, 403, say("cross_site", page_language(request)))
        try:
            room = hub.facilitated(code, token)
        except Refused:
            return sign_in_page(request, 403, say("bad_console_token",
                                                  page_language(request)))
        answer = RedirectResponse(f"/console/{room.code}?lang={page_language(request)}",
                                  status_code=303, headers=HEADERS)
        answer.set_cookie(COOKIE, token, max_age=12 * 3600, path=f"/console/{room.code}",
                          httponly=True, samesite="strict")
        return answer

    async def action(request: Request) -> Response:
        found = signed_in(request)
        lang = page_language(request)
        if found is None:
            return sign_in_page(request, 403, say("not_facilitator", lang))
        room, token = found
        raw = await request.body()
        if len(raw) > MAX_FORM:
            return _back(room, lang, problem=say("too_large", lang))
        form = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=200)
        field = {key: values[0] for key, values in form.items()}
        if not same_origin(request) or field.get("csrf") != csrf_of(token):
            return sign_in_page(request, 403, say("cross_site", lang))
        what = request.path_params["action"]
        try:
            words = field.get("tables_text", "").replace(",", " ").split()
            if any(not w.isdigit() for w in words):
                raise Refused("bad_tables")
            numbers = [int(w) for w in words]
            tables = hub.chosen_tables(room, numbers)
            async with hub.lock:
                done = await _act(hub, room, what, tables, field)
        except Refused as refused:
            return _back(room, lang, problem=say(refused.code, lang, **refused.facts))
        for table in done.get("told", []):
            await told(table)
        return _back(room, lang, done=what if what != "pause" or field.get("on") == "1"
                     else "resume", **{k: v for k, v in done.items() if k != "told"})

    async def events(request: Request) -> Response:
        found = signed_in(request)
        if found is None:
            return Response(status_code=403, headers=HEADERS)
        room, _token = found
        lang = page_language(request)

        async def stream() -> AsyncIterator[str]:
            while not hub.stopping:
                changed = room.watch.event()
                yield f"event: room\ndata: {json.dumps(snapshot(room, lang))}\n\n"
                try:
                    await asyncio.wait_for(changed.wait(), HEARTBEAT)
                except asyncio.TimeoutError:
                    yield ": still here\n\n"

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={**HEADERS, "X-Accel-Buffering": "no"})

    async def table_page(request: Request) -> Response:
        found = signed_in(request)
        if found is None:
            return sign_in_page(request, 403)
        room, _token = found
        lang = page_language(request)
        number = request.path_params["number"]
        table = next((t for t in room.tables if t.number == number), None)
        if table is None:
            return _back(room, lang, problem=say("no_table", lang, number=number))
        with using(translator(lang)):
            months = ledger_months(table)
            actions = actions_record(hub, table)
        return render("console_table.html", lang, room=room, table=table, months=months,
                      actions=actions,
                      row=next(r for r in snapshot(room, lang)["tables"]
                               if r["table"] == number))

    async def export(request: Request) -> Response:
        found = signed_in(request)
        if found is None:
            return Response(status_code=403, headers=HEADERS)
        room, _token = found
        data = io.BytesIO()
        with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
            for table in room.tables:
                if table.session is not None:
                    async with table.lock:
                        save = hub.export(table)
                    archive.writestr(f"{room.code}-table-{table.number}.json",
                                     json.dumps(save, ensure_ascii=False, indent=1))
        return Response(data.getvalue(), media_type="application/zip", headers={
            **HEADERS, "Content-Disposition": f'attachment; filename="{room.code}-saves.zip"'})

    return [
        *report_routes(hub, signed_in),
        Route("/console/{code}", console),
        Route("/console/{code}/sign-in", sign_in, methods=["POST"]),
        Route("/console/{code}/events", events),
        Route("/console/{code}/export", export),
        Route("/console/{code}/tables/{number:int}", table_page),
        Route("/console/{code}/{action:str}", action, methods=["POST"]),
    ]


def _back(room: Room, lang: str, problem: str | None = None, **facts: Any) -> Response:
    """Back to the console, saying what was done (or what was refused)."""
    query = f"lang={lang}" + "".join(f"&{k}={quote(str(v))}" for k, v in facts.items())
    if problem:
        query += f"&problem={quote(problem)}"
    return RedirectResponse(f"/console/{room.code}?{query}", status_code=303, headers=HEADERS)


async def _act(hub: Hub, room: Room, what: str, tables: list[GameTable],
               field: dict[str, str]) -> dict[str, Any]:
    """Carry out one of the facilitator's actions on `tables`; what to say and whom to
    tell. Raises Refused, having changed nothing on the table that refused."""
    told: list[GameTable] = []

    async def each(act: Callable[[GameTable], None], playing: bool = True) -> dict[str, Any]:
        """`act` on every chosen table (those playing a game, with `playing`)."""
        chosen = [t for t in tables if not playing
                  or (t.session is not None and not t.session.over)]
        if not chosen:
            raise Refused("none_playing")
        for table in chosen:
            async with table.lock:
                act(table)
            told.append(table)
        return {"told": told, "count": len(told)}

    if what == "inject":
        return await each(lambda t: hub.inject(t, field.get("event", "")))
    if what == "write":
        news = written_news(field)
        return await each(lambda t: hub.inject(t, f"{WRITTEN}{written_count(t) + 1}", news))
    if what == "pause":
        return await each(lambda t: hub.pause(t, field.get("on") == "1"))
    if what == "message":
        return await each(lambda t: hub.message(t, field.get("text", "")), playing=False)
    if what == "computer":
        number, side = field.get("table", ""), field.get("side", "")
        agent = field.get("agent", "normal")
        taken = next((t for t in room.tables if str(t.number) == number), None)
        if taken is not None and side in taken.seats and taken.session is not None:
            async with taken.lock:  # in place of a player who is away
                hub.computer_for(taken, side, agent)
        else:
            taken = hub.add_computer(room, agent, int(number) if number.isdigit() else None)
        return {"told": [taken], "table": taken.number}
    if what == "seat":
        numbers = [field.get(k, "").strip() for k in ("from_table", "to_table")]
        if not all(n.isdigit() for n in numbers):
            raise Refused("bad_tables")
        seated = hub.seat_player(room, int(numbers[0]), int(numbers[1]),
                                 field.get("to_side", ""))
        return {"told": [seated], "table": seated.number}
    if what == "deadline":
        minutes = field.get("minutes", "").strip()
        if minutes and not minutes.isdigit():
            raise Refused("bad_minutes")
        then = field.get("then", "hold")
        whole = not field.get("tables_text", "").strip()  # the room's, for tables to come
        done = await each(lambda t: hub.set_deadline(t, int(minutes) if minutes else None,
                                                     then, room=whole), playing=False)
        if whole:
            room.minutes, room.then = (int(minutes) if minutes else None), then
        return done
    if what == "stop":
        return await each(lambda t: hub.stop(t) if not t.stopping else None)
    raise Refused("unknown_action")
