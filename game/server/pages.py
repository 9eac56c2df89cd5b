"""The pages a browser is served: the join form and the seat page (docs/PROTOCOL.md).

The join form is plain HTML that works with no JavaScript: it posts the room code, a
name, a side and a language, and the answer is either the form again with the reason in
words, or a redirect to the seat page with the seat's token in the address's fragment
(which a browser never sends to a server, so it reaches no log). The seat page is a thin
client (`static/seat.js`): it speaks the same websocket protocol as `python -m game join`,
draws only what the seat's view holds, and sends only the orders it was offered.

Every page is a Jinja2 template rendered with autoescape on, in the reader's language;
the words the script needs are rendered into the page as JSON data, never code. The pages
forbid any script, style or connection from elsewhere (a content security policy), and a
form posted from another site is refused.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from game.content.localize import localize
from game.core.state import SIDES
from game.i18n import LANGUAGES, _, current, ngettext, using
from game.models.bundle import Content
from game.server.refusals import STATUS, say
from game.server.rooms import Hub, Refused
from game.server.views import translator

#: What every page may load and connect to: only this server.
POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # "no-referrer" makes a browser hide its own origin
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
#: The longest form a player may post, in bytes (a join is about 100).
MAX_FORM = 2048

_ENVIRONMENT = Environment(loader=PackageLoader("game.server", "templates"),
                           autoescape=select_autoescape(default=True, default_for_string=True),
                           trim_blocks=True, lstrip_blocks=True)
_ENVIRONMENT.globals.update(_=lambda text: _(text), ngettext=ngettext, languages=LANGUAGES)


def page_language(request: Request, chosen: str | None = None) -> str:
    """The page's language: the one chosen, else `?lang=`, else the browser's first
    language the game has, else English."""
    for lang in (chosen, request.query_params.get("lang")):
        if lang in LANGUAGES:
            return str(lang)
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "en"


def render(template: str, lang: str, status: int = 200, /, **context: Any) -> HTMLResponse:
    """`template` in `lang`, with the pages' security headers."""
    with using(translator(lang)):
        html = _ENVIRONMENT.get_template(template).render(lang=lang, **context)
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def leaders(content: Content, lang: str) -> list[tuple[str, str]]:
    """Each side and its leader's full title, in `lang`, for the join form."""
    with using(translator(lang)):
        words = localize(content, current())
        return [(side, f"{words.leaders[side].name}, {words.leaders[side].office}")
                for side in SIDES]


def same_origin(request: Request) -> bool:
    """Whether a form was posted from this server's own page: a browser names the page's
    origin on every cross-site post, so one naming another host is refused."""
    origin = request.headers.get("origin") or request.headers.get("referer")
    if not origin or origin == "null":
        return origin is None  # no header: not a browser's cross-site post
    return urlsplit(origin).netloc == request.headers.get("host", "")


def page_routes(hub: Hub, told: Any) -> list[Any]:
    """The routes of the pages: `told(table)` sends a table's seats their views after a
    join."""

    async def front(request: Request) -> Response:
        lang = page_language(request)
        code = request.query_params.get("code", "")[:16]
        return render("join.html", lang, code=code, name="", side="", problem=None,
                      leaders=leaders(hub.content, lang))

    async def join(request: Request) -> Response:
        raw = await request.body()
        lang = page_language(request)
        if len(raw) > MAX_FORM:
            return render("join.html", lang, 413, code="", name="", side="",
                          problem=say("too_large", lang), leaders=leaders(hub.content, lang))
        # a form's fields, url-encoded as a browser posts them (read here: no multipart)
        form = parse_qs(raw.decode("utf-8", "replace"), max_num_fields=10)
        fields = {key: form.get(key, [""])[0][:200] for key in ("code", "name", "side", "lang")}
        lang = page_language(request, fields["lang"])
        again: dict[str, Any] = dict(code=fields["code"][:16], name=fields["name"][:40],
                     side=fields["side"] if fields["side"] in SIDES else "",
                     leaders=leaders(hub.content, lang))
        if not same_origin(request):
            return render("join.html", lang, 403, **again,
                          problem=say("cross_site", lang))
        code, name = fields["code"].strip().upper(), fields["name"].strip()
        problem: tuple[str, dict[str, Any]] | None = None
        if not code:
            problem = ("no_code", {})
        elif not name or len(name) > 40:
            problem = ("bad_name", {})
        if problem is None:
            address = request.client.host if request.client else "?"
            async with hub.lock:
                try:
                    hub.check_rate(address)
                    table, _side, token = await run_in_threadpool(
                        hub.join, code, name, str(again["side"]) or None, lang)
                except Refused as refused:
                    problem = (refused.code, refused.facts)
        if problem is not None:
            code_, facts = problem
            return render("join.html", lang, STATUS.get(code_, 400), **again,
                          problem=say(code_, lang, **facts))
        await told(table)
        return RedirectResponse(f"/seat?lang={lang}#{token}", status_code=303,
                                headers=HEADERS)

    async def seat(request: Request) -> Response:
        return render("seat.html", page_language(request))

    return [
        Route("/", front),
        Route("/join", join, methods=["POST"]),
        Route("/seat", seat),
        Mount("/static", StaticFiles(packages=[("game.server", "static")]), name="static"),
    ]
