"""The Starlette application: JSON over HTTP to join and to run a room, a websocket per
seat to play (docs/PROTOCOL.md).

Nothing a client sends is trusted: bodies and messages have a size limit and a strict
model; tokens are checked on every request and every connection; a refusal is a JSON
error with a code and a sentence in the player's language, never a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect

from game.i18n import LANGUAGES, using
from game.protocol import (
    MAX_MESSAGE,
    PROTOCOL,
    Choose,
    Hello,
    HoldOrder,
    Ping,
    Play,
    Pong,
    ProtocolError,
    dump,
    read_client,
)
from game.server.console import console_routes
from game.server.pages import page_routes
from game.server.refusals import STATUS, error, refusal
from game.server.rooms import GameTable, Hub, Refused, Room
from game.server.views import serve_packs, translator, view_for

#: Seconds a new connection has to say who it is.
HELLO_WAIT = 10.0

class JoinRequest(BaseModel):
    """What a player sends to take a seat."""

    model_config = ConfigDict(extra="forbid", strict=True)
    code: str = Field(min_length=1, max_length=16)
    name: str = Field(min_length=1, max_length=80)
    side: str | None = None
    lang: str = "en"


class ComputerRequest(BaseModel):
    """What a facilitator sends to seat a computer player."""

    model_config = ConfigDict(extra="forbid", strict=True)
    agent: str = Field(default="normal", max_length=20)
    table: int | None = Field(default=None, ge=1, le=10_000)


async def _body(request: Request, model: type[BaseModel]) -> BaseModel | JSONResponse:
    raw = await request.body()
    if len(raw) > MAX_MESSAGE:
        return error("too_large", 413)
    try:
        return model.model_validate_json(raw or b"{}")
    except ValidationError as exc:
        where = ".".join(str(p) for p in exc.errors(include_url=False)[0]["loc"])
        return error("bad_message", 400, field=where)


def _bearer(request: Request) -> str:
    words = request.headers.get("authorization", "").split()
    return words[1] if len(words) == 2 and words[0].lower() == "bearer" else ""


def make_app(hub: Hub) -> Starlette:
    """The application serving `hub`'s rooms."""
    serve_packs(hub.content.extra_folders)
    sockets = Sockets(hub)

    async def health(_request: Request) -> JSONResponse:
        return JSONResponse({"ok": True, "protocol": PROTOCOL})

    async def join(request: Request) -> JSONResponse:
        body = await _body(request, JoinRequest)
        if isinstance(body, JSONResponse):
            return body
        assert isinstance(body, JoinRequest)
        lang = body.lang if body.lang in LANGUAGES else "en"
        address = request.client.host if request.client else "?"
        async with hub.lock:
            try:
                hub.check_rate(address)
                table, side, token = await run_in_threadpool(hub.join, body.code, body.name,
                                                             body.side, body.lang)
            except Refused as refused:
                return error(refused.code, STATUS.get(refused.code, 400), lang,
                             **refused.facts)
        await sockets.tell(table)
        return JSONResponse({"token": token, "room": table.room.name, "table": table.number,
                             "side": side, "protocol": PROTOCOL})

    async def room_info(request: Request) -> JSONResponse:
        try:
            room = hub.room(request.path_params["code"])
        except Refused as refused:
            return error(refused.code, 404)
        return JSONResponse({"name": room.name, "scenario": room.scenario,
                             "tables": len(room.tables), "ended": room.ended,
                             "deal": room.seed if room.ended else None})

    def facilitated(request: Request) -> Room | JSONResponse:
        """The request's room, for its facilitator; else the refusal to answer with."""
        try:
            return hub.facilitated(request.path_params["code"], _bearer(request))
        except Refused as refused:
            return error(refused.code, STATUS.get(refused.code, 400))

    async def tables(request: Request) -> JSONResponse:
        room = facilitated(request)
        if isinstance(room, JSONResponse):
            return room
        shown = []
        for table in list(room.tables):
            async with table.lock:
                shown.append(table_status(table))
        return JSONResponse({"tables": shown})

    async def computer(request: Request) -> JSONResponse:
        room = facilitated(request)
        if isinstance(room, JSONResponse):
            return room
        body = await _body(request, ComputerRequest)
        if isinstance(body, JSONResponse):
            return body
        assert isinstance(body, ComputerRequest)
        async with hub.lock:
            try:
                table = await run_in_threadpool(hub.add_computer, room, body.agent,
                                                body.table)
            except Refused as refused:
                return error(refused.code, STATUS.get(refused.code, 400), **refused.facts)
        await sockets.tell(table)
        return JSONResponse(table_status(table))

    async def export(request: Request) -> JSONResponse:
        room = facilitated(request)
        if isinstance(room, JSONResponse):
            return room
        saves = []
        for table in room.tables:
            if table.session is not None:
                async with table.lock:
                    saves.append({"table": table.number, "save": hub.export(table)})
        return JSONResponse({"room": room.code, "tables": saves})

    routes = [
        Route("/api/health", health),
        Route("/api/join", join, methods=["POST"]),
        Route("/api/rooms/{code}", room_info),
        Route("/api/rooms/{code}/tables", tables),
        Route("/api/rooms/{code}/computer", computer, methods=["POST"]),
        Route("/api/rooms/{code}/export", export),
        WebSocketRoute("/ws", sockets.play),
        *console_routes(hub, sockets.tell),
        *page_routes(hub, sockets.tell),
    ]
    return Starlette(routes=routes, lifespan=lambda _app: clocked(hub, sockets))


#: Seconds between two looks at the tables' deadlines.
TICK = 1.0


@contextlib.asynccontextmanager
async def clocked(hub: Hub, sockets: Sockets) -> AsyncIterator[None]:
    """While the server runs, a month whose time has run out is played as the facilitator
    chose (game.server.rooms.Hub.expire), and both seats are told."""

    async def watch() -> None:
        while True:
            await asyncio.sleep(TICK)
            for table in list(hub.tables.values()):
                if table.due is None:
                    continue
                async with table.lock:
                    try:
                        moved = hub.expire(table)
                    except Refused:
                        moved = True  # a write refused: the table is as its log says
                if moved:
                    await sockets.tell(table)

    task = asyncio.create_task(watch())
    try:
        yield
    finally:
        hub.stopping = True
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


def table_status(table: GameTable) -> dict[str, Any]:
    """A table as its facilitator sees it (no hands, no deal)."""
    session = table.session
    return {
        "table": table.number,
        "seats": {side: {"name": seat.name, "kind": seat.kind, "connected": bool(seat.sockets)}
                  for side, seat in table.seats.items()},
        "turn": session.state.turn if session else 0,
        "phase": session.state.phase if session else "waiting",
        "ordered": sorted(table.pending),
        "ending": (session.state.ending or {}).get("id") if session else None,
        "broken": table.broken,
    }


class Sockets:
    """The play connections: one loop per socket, a view to every seat of a table after
    anything changes there."""

    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    async def tell(self, table: GameTable) -> None:
        """Send each connected seat of `table` its view (a closed socket is skipped). The
        views are built under the table's lock: no order is half applied meanwhile."""
        async with table.lock:
            texts = {side: (dump(view_for(table, side)), list(seat.sockets))
                     for side, seat in table.seats.items() if seat.sockets}
        table.room.watch.notify()  # the console's live list
        for text, sockets in texts.values():
            for socket in sockets:
                with contextlib.suppress(Exception):  # gone: its loop removes it
                    await socket.send_text(text)

    async def play(self, ws: WebSocket) -> None:
        await ws.accept()
        seat = await self._hello(ws)
        if seat is None:
            return
        table, side = seat
        player = table.seats[side]  # the seat's side may change before the game starts
        player.sockets.add(ws)
        try:
            await self.tell(table)
            while True:
                raw = await self._receive(ws)
                if raw is None:
                    break
                await self._handle(ws, table, player.side, raw)
        except WebSocketDisconnect:
            pass  # gone while being answered: the others are told below
        finally:
            player.sockets.discard(ws)
            await self.tell(table)

    async def _receive(self, ws: WebSocket) -> str | bytes | None:
        try:
            message = await ws.receive()
        except (WebSocketDisconnect, RuntimeError):
            return None
        if message["type"] == "websocket.disconnect":
            return None
        text = message.get("text")
        return text if text is not None else message.get("bytes") or b""

    async def _send_error(self, ws: WebSocket, lang: str, code: str, **facts: Any) -> None:
        with using(translator(lang)):
            await ws.send_text(dump(ProtocolError(code=code, message=refusal(code, **facts))))

    async def _hello(self, ws: WebSocket) -> tuple[GameTable, str] | None:
        try:
            raw = await asyncio.wait_for(self._receive(ws), HELLO_WAIT)
        except asyncio.TimeoutError:
            raw = None
        message = read_client(raw) if raw is not None else None
        problem: tuple[str, dict[str, Any]]
        if message is None:
            problem = ("hello_first", {})
        elif isinstance(message, ProtocolError):
            problem = (message.code, {"field": message.message})
        elif not isinstance(message, Hello):
            problem = ("hello_first", {})
        elif message.protocol != PROTOCOL:
            problem = ("protocol", {"given": message.protocol, "protocol": PROTOCOL})
        else:
            seat = self.hub.seat_of(message.token)
            if seat is not None:
                return seat
            problem = ("bad_token", {})
        code, facts = problem
        with contextlib.suppress(Exception):
            await self._send_error(ws, "en", code, **facts)
            await ws.close(code=4401 if code == "bad_token" else 4400)
        return None

    async def _handle(self, ws: WebSocket, table: GameTable, side: str,
                      raw: str | bytes) -> None:
        lang = table.seats[side].lang
        message = read_client(raw)
        if isinstance(message, ProtocolError):
            await self._send_error(ws, lang, message.code, field=message.message)
            return
        if isinstance(message, Ping):
            await ws.send_text(dump(Pong()))
            return
        if isinstance(message, Hello):
            await self._send_error(ws, lang, "already_seated")
            return
        assert isinstance(message, (Play, HoldOrder, Choose))
        async with table.lock:
            try:
                # in the event loop itself: an order takes about a millisecond, and a
                # thread for each cost more in switching than it saved
                self.hub.order(table, side, message)
            except Refused as refused:
                await self._send_error(ws, lang, refused.code, **refused.facts)
                await ws.send_text(dump(view_for(table, side)))
                return
        await self.tell(table)
