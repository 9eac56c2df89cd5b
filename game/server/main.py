"""`python -m game serve`: the game server on uvicorn, one process, one worker (the
tables' connections live in this process)."""

from __future__ import annotations

import os
import signal
import socket
import sys
from pathlib import Path

from game.i18n import _, ngettext
from game.models.bundle import Content
from game.server.clock import ShiftedClock
from game.server.rooms import Hub, Refused
from game.server.store import Store, default_url


def network_address() -> str:
    """This computer's address on the local network, as students would type it (the
    loopback address when it has no other)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))  # no packet is sent: it picks the interface
        return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"
    finally:
        probe.close()


def serve(content: Content, host: str, port: int, db: str | None, data_dir: Path,
          new_room: str | None, scenario: str) -> int:
    """Start the server (until Ctrl+C); with `new_room`, open a room first and print its
    code and the facilitator's token."""
    import uvicorn

    from game.server.app import make_app

    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        store = Store(db or default_url(data_dir))
    except Exception as exc:  # a wrong URL, a missing driver, a database refused
        print(_("Cannot open the database {db}: {why}").format(db=db or data_dir, why=exc),
              file=sys.stderr)
        return 1
    shifted = os.environ.get("UA_CLOCK_FILE")  # tests only: a clock they can move
    hub = Hub(store, content, ShiftedClock(shifted) if shifted else None)
    for problem in hub.load():
        print(_("Warning: a table could not be restored: {problem}").format(problem=problem),
              file=sys.stderr)
    shown = network_address() if host in ("0.0.0.0", "::") else host
    new_code = None
    if new_room is not None:
        try:
            room, token = hub.create_room(new_room, scenario)
            new_code = room.code
        except Refused as refused:
            print(_("Cannot create the room: {why}").format(why=refused.code), file=sys.stderr)
            return 1
        print(_("Room code: {code}").format(code=room.code))
        print(_("Facilitator: http://{host}:{port}/api/rooms/{code}/tables with the header "
                "\"Authorization: Bearer {token}\"").format(host=shown, port=port,
                                                           code=room.code, token=token))
        print(_("Console: http://{host}:{port}/console/{code}#{token}").format(
            host=shown, port=port, code=room.code, token=token))
    for room in hub.rooms.values():
        print(ngettext("Room {code}: {name} ({n} table)", "Room {code}: {name} ({n} tables)",
                       len(room.tables)).format(code=room.code, name=room.name,
                                                n=len(room.tables)))
        if room.code != (new_code or ""):  # its token was shown when it was opened
            print("  " + _("its console: http://{host}:{port}/console/{code} (sign in with "
                           "the room's facilitator token)").format(host=shown, port=port,
                                                                   code=room.code))
    page = f"http://{shown}:{port}/" + (f"?code={room.code}" if new_room is not None else "")
    print(_("Browsers join at: {page}").format(page=page))
    print(_("Players join with: python -m game join {host}:{port} CODE --name NAME").format(
        host=shown, port=port))
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(_("Warning: the game is now reachable by anyone on this network at "
                "{host}:{port}.").format(host=shown, port=port), file=sys.stderr)
    sys.stdout.flush()
    # No per-message compression: a view is a few kilobytes on a local network, and
    # compressing every one cost the server more than everything else it does.
    config = uvicorn.Config(make_app(hub), host=host, port=port, log_level="warning",
                            ws_max_size=16384, ws_per_message_deflate=False, lifespan="on",
                            timeout_graceful_shutdown=2)
    server = stopping_server()(config, hub)

    def stop(_signum: int, _frame: object) -> None:  # uvicorn re-raises it after its stop
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)  # a service manager's stop: as clean as Ctrl+C
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn shut down cleanly, then passed Ctrl+C on
        pass
    finally:
        store.close()
    print(_("Server stopped."))
    return 0


def stopping_server() -> type:
    """uvicorn's server that, asked to stop, first ends the live streams (a console's
    list never ends by itself: uvicorn would wait for it, then cancel it with a
    traceback); the websockets it closes itself."""
    import asyncio

    import uvicorn

    class Stopping(uvicorn.Server):
        def __init__(self, config: uvicorn.Config, hub: Hub) -> None:
            super().__init__(config)
            self.hub = hub

        def handle_exit(self, sig: int, frame: object) -> None:
            self.hub.stopping = True
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                loop = None
            if loop is not None:
                for room in list(self.hub.rooms.values()):
                    loop.call_soon(room.watch.notify)  # each stream sees `stopping`
            super().handle_exit(sig, frame)  # type: ignore[arg-type]

    return Stopping
