"""Command line: `python -m game [text|simulate|validate|schema|extract]`."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from game import __version__
from game.client import VIEW_AGENTS
from game.i18n import LANGUAGES, N_, _, ngettext

if TYPE_CHECKING:
    from game.content.loader import LoadResult
    from game.core.state import GameState
    from game.hotseat import HotSeatGame
    from game.models.bundle import Content
    from game.persistence.format import SaveFile
    from game.session import Session

AGENT_KINDS = ("random", "greedy", "reciprocal", "lookahead", "historical", "dove", "hawk")


#: argparse's own words: the help's headings and the errors it writes for a wrong flag.
#: argparse looks them up with the standard library's gettext, which knows nothing of the
#: game's catalogues; they are listed here for the template, and `_translate_argparse`
#: hands argparse the game's lookup instead.
ARGPARSE_WORDS = (
    N_("usage: "), N_("positional arguments"), N_("options"),
    N_("show this help message and exit"), N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"), N_("expected one argument"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("ignored explicit argument %r"), N_("not allowed with argument %s"),
)


def _translate_argparse() -> None:
    """Make argparse write its own words (see ARGPARSE_WORDS) in the language in use: it
    reads the name `_` from its module each time it shows one."""
    setattr(argparse, "_", _)  # noqa: B010 (a module's global, not an attribute of ours)


class UsageError(Exception):
    """A wrong flag or value on the command line (exit code 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description=_("Unlikely Allies: AMLO and Trump, December 2018 to November 2020. "
                      "Without a command, the game opens its window."),
    )
    parser.add_argument("--version", action="version", version=f"Unlikely Allies {__version__}",
                        help=_("show program's version number and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    text = sub.add_parser("text", help=_("play the whole game in the terminal"))
    text.add_argument("--side", choices=("amlo", "trump"), default="amlo",
                      help=_("the leader you play (default: amlo)"))
    text.add_argument("--scenario", default="full_term", help=_("scenario id"))
    text.add_argument("--seed", type=int, default=None,
                      help=_("same seed, same game (default: random)"))
    text.add_argument("--opponent", default="normal",
                      help=_("a difficulty (easy, normal, hard) or an agent ({agents}); "
                             "default: normal").format(agents=", ".join(AGENT_KINDS)))
    text.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                      help=_("extra content pack to load after the base game"))
    text.add_argument("--load", type=Path, metavar="SAVE", help=_("continue a saved game"))
    text.add_argument("--from-turn", type=int, metavar="N",
                      help=_("with --load: start a new game from the start of turn N"))
    text.add_argument("--rematch", type=Path, metavar="SAVE",
                      help=_("the same scenario and seed as SAVE, sides switched"))
    text.add_argument("--verbose", action="store_true",
                      help=_("every change on its own line, every story, background and "
                             "card text in full (default: a short month)"))
    text.add_argument("--effects", choices=("exact", "direction"), default="exact",
                      help=_("show what cards and options will do as exact numbers "
                             "(default) or as direction and size (▲▲ trust, ▼ polls); what "
                             "happened is always given exactly"))
    text.add_argument("--hotseat", action="store_true",
                      help=_("two players at this computer, one for each leader; the "
                             "computer passes from one to the other"))
    for side, name in (("amlo", "López Obrador"), ("trump", "Trump")):
        text.add_argument(f"--{side}-lang", metavar="CODE",
                          help=_("with --hotseat: the language of {name}'s player "
                                 "(default: --lang)").format(name=name))
    _save_options(text)

    rep = sub.add_parser("replay", help=_("re-run a saved game from its seed and orders"))
    rep.add_argument("save", type=Path, metavar="SAVE", help=_("the save file"))
    rep.add_argument("--verify", action="store_true",
                     help=_("exit 0 only if the replay matches the saved state"))
    rep.add_argument("--to", type=int, metavar="TURN", help=_("stop after this turn"))
    rep.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                     help=_("extra content pack"))

    lst = sub.add_parser("saves", help=_("list saved games"))
    lst.add_argument("--save-dir", type=Path, metavar="DIR", help=_("folder of saves"))

    sim = sub.add_parser("simulate", help=_("AI against AI over many games"))
    sim.add_argument("--games", type=int, default=1000, help=_("number of games"))
    sim.add_argument("--seed", type=int, default=1, help=_("seed of the series"))
    sim.add_argument("--scenario", default="full_term", help=_("scenario id"))
    sim.add_argument("--amlo", default="random", metavar="PLAYER",
                     help=_("AMLO's player: an agent ({agents}) or a difficulty (easy, "
                            "normal, hard)").format(agents=", ".join(AGENT_KINDS)))
    sim.add_argument("--trump", default="random", metavar="PLAYER",
                     help=_("Trump's player, as for --amlo"))
    sim.add_argument("--workers", type=int, default=None,
                     help=_("processes to use (default: every core)"))
    _start_method_option(sim)
    sim.add_argument("--json", action="store_true", help=_("print one JSON object"))
    sim.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                     help=_("extra content pack"))

    bal = sub.add_parser("balance", help=_("agent pairings, card use, and content never seen"))
    bal.add_argument("--scenario", default="full_term", help=_("scenario id"))
    bal.add_argument("--games", type=int, default=500, help=_("games per pairing"))
    bal.add_argument("--seed", type=int, default=1, help=_("seed of the series"))
    bal.add_argument("--workers", type=int, default=None,
                     help=_("processes to use (default: every core)"))
    bal.add_argument("--json", action="store_true", help=_("print one JSON object"))
    bal.add_argument("--pairing", action="append", default=[], metavar="NAME",
                     help=_("play only the pairings whose name contains NAME (repeatable), "
                            "for example 'vs hard' or 'dove'"))
    _start_method_option(bal)
    bal.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                     help=_("extra content pack: the report then sets its ending rates "
                            "beside the base game's"))

    val = sub.add_parser("validate", help=_("check content packs and report every problem"))
    val.add_argument("packs", nargs="*", type=Path, metavar="PACK_DIR",
                     help=_("packs to load after the base game"))
    val.add_argument("--json", action="store_true", help=_("print one JSON object"))
    val.add_argument("--codes", action="store_true",
                     help=_("list every diagnostic code and what it means"))
    val.add_argument("--diff", action="store_true",
                     help=_("also say what each pack adds, changes and removes"))
    val.add_argument("--watch", action="store_true",
                     help=_("check again each time a file of the packs is saved (Ctrl+C "
                            "stops)"))

    new = sub.add_parser("new-pack", help=_("write a small working content pack to change "
                                            "into your own"))
    new.add_argument("folder", type=Path, metavar="DIR", help=_("a new or empty folder"))
    new.add_argument("--id", help=_("the pack's id (default: made from the folder's name)"))
    new.add_argument("--name", help=_("the pack's name, as players see it"))

    mods = sub.add_parser("mods", help=_("list the mods of the mods folder; turn one on or "
                                         "off"))
    mods.add_argument("action", nargs="?", choices=("list", "on", "off"), default="list",
                      help=_("list (the default), on or off"))
    mods.add_argument("mod", nargs="?", metavar="MOD",
                      help=_("the mod to turn on or off: its folder's name or its id"))

    sch = sub.add_parser("schema", help=_("write JSON Schemas for editors"))
    sch.add_argument("--out", type=Path, required=True, metavar="DIR", help=_("output folder"))

    play = sub.add_parser("play", help=_("open the game's window"))
    play.add_argument("--size", default="1280x720", metavar="WxH", help=_("window size"))
    play.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                      help=_("extra content pack"))
    play.add_argument("--save-dir", type=Path, metavar="DIR", help=_("folder for saves"))

    shot = sub.add_parser("screenshot", help=_("render one scene to a PNG, offscreen"))
    shot.add_argument("--scene", required=True, help=_("title, setup, game, card-focus, event, "
                                                       "resolution, why, menu, chart, end, "
                                                       "replay, saves, settings, help, about, "
                                                       "mods; "
                                                       "or all (--out is then a folder)"))
    shot.add_argument("--out", type=Path, required=True, metavar="FILE.png")
    shot.add_argument("--side", choices=("amlo", "trump"), default="amlo")
    shot.add_argument("--scenario", default="full_term", help=_("scenario id"))
    shot.add_argument("--effects", choices=("exact", "direction"), default="exact",
                      help=_("card effects as exact numbers or as direction and size"))
    shot.add_argument("--seed", type=int, default=1)
    shot.add_argument("--turn", type=int, default=3)
    shot.add_argument("--size", default="1280x720", metavar="WxH")
    shot.add_argument("--text-size", type=int, default=0, choices=(0, 1, 2, 3),
                      help=_("0 normal … 3 largest"))
    shot.add_argument("--save-dir", type=Path, metavar="DIR", help=_("folder for saves"))
    shot.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                      help=_("extra content pack (to see its scenario, its cards, its "
                             "Spanish)"))

    hist = sub.add_parser("history", help=_("the historical path: both leaders do what they "
                                            "really did, month by month"))
    hist.add_argument("--scenario", default="full_term", help=_("scenario id"))
    hist.add_argument("--seed", type=int, default=1,
                      help=_("seed of the random news beside history's (default: 1)"))
    hist.add_argument("--json", action="store_true", help=_("print one JSON object"))
    hist.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                      help=_("extra content pack"))

    about = sub.add_parser("assumptions",
                           help=_("what the model assumes and simplifies (About the model)"))
    about.add_argument("--markdown", action="store_true",
                       help=_("print Markdown, as in docs/assumptions.md"))
    about.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                       help=_("extra content pack"))

    ext = sub.add_parser("extract", help=_("write a translation template (.pot) of all text"))
    ext.add_argument("--out", type=Path, metavar="FILE",
                     help=_("the .pot file to write"))
    ext.add_argument("--pack", type=Path, metavar="DIR",
                     help=_("only this pack's own texts, for its locale/<lang>.po"))
    ext.add_argument("--update", metavar="LANG",
                     help=_("with --pack: bring the pack's locale/LANG.po up to date with its "
                            "texts (new ones added, changed ones marked to check, gone ones "
                            "dropped)"))
    srv = sub.add_parser("serve", help=_("run the game server that a class joins by code"))
    srv.add_argument("--host", default="127.0.0.1",
                     help=_("the address to listen on (default: 127.0.0.1, this computer "
                            "only; 0.0.0.0 opens it to the network)"))
    srv.add_argument("--port", type=int, default=8765, help=_("the port (default: 8765)"))
    srv.add_argument("--db", metavar="URL",
                     help=_("a database URL (default: SQLite in the user data folder)"))
    srv.add_argument("--new-room", metavar="NAME", help=_("open a room and print its code"))
    srv.add_argument("--scenario", default="full_term", help=_("the new room's scenario"))
    srv.add_argument("--data-dir", type=Path, metavar="DIR",
                     help=_("the folder for the server's database (default: the user data "
                            "folder)"))
    srv.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                     help=_("extra content pack to load after the base game"))
    jn = sub.add_parser("join", help=_("play a seat at a table of a game server"))
    jn.add_argument("server", metavar="HOST:PORT", help=_("the server's address"))
    jn.add_argument("code", metavar="CODE", help=_("the room's join code"))
    jn.add_argument("--name", default="", help=_("your name, as the others see it"))
    jn.add_argument("--side", choices=("amlo", "trump"), help=_("the leader you want to play"))
    jn.add_argument("--agent", choices=VIEW_AGENTS,
                    help=_("a computer player plays the seat, from its view alone"))
    jn.add_argument("--token", help=_("come back to your seat (the token given at joining)"))
    exp = sub.add_parser("export", help=_("write each table of a room as a save file"))
    exp.add_argument("server", metavar="HOST:PORT", help=_("the server's address"))
    exp.add_argument("code", metavar="ROOM", help=_("the room's code"))
    exp.add_argument("--token", required=True, help=_("the facilitator's token"))
    exp.add_argument("--out", type=Path, required=True, metavar="DIR",
                     help=_("the folder to write the saves to"))
    rpt = sub.add_parser("report", help=_("the debrief of a saved game: a report to read, "
                                          "print or project, or its data"))
    rpt.add_argument("save", type=Path, metavar="SAVE", help=_("the save file"))
    rpt.add_argument("--format", choices=("html", "pdf", "csv", "json"), default="html",
                     help=_("html (default), pdf, csv (three tables in a folder) or json"))
    rpt.add_argument("--out", type=Path, metavar="PATH",
                     help=_("the file to write (a folder for csv; - for the standard "
                            "output); default: beside the save, named after it"))
    rpt.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                     help=_("extra content pack"))
    cls = sub.add_parser("class-report", help=_("many games side by side: endings, every "
                                                "table over time, cards, one spreadsheet"))
    cls.add_argument("saves", type=Path, nargs="+", metavar="SAVES",
                     help=_("save files, folders of saves, or the console's zip of saves"))
    cls.add_argument("--out", type=Path, default=Path("class-report.html"), metavar="FILE",
                     help=_("the page to write (default: class-report.html); the "
                            "spreadsheet goes beside it as .csv"))
    cls.add_argument("--name", default="", help=_("the class's name, as its heading"))
    cls.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                     help=_("extra content pack"))
    brf = sub.add_parser("briefs", help=_("printable role briefs of a scenario: one for each "
                                          "leader, to read before playing"))
    brf.add_argument("--scenario", default="tariff_showdown", help=_("scenario id"))
    brf.add_argument("--out", type=Path, metavar="FILE",
                     help=_("the page to write (default: briefs-SCENARIO.html)"))
    brf.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                     help=_("extra content pack"))
    for name in ("text", "replay", "play", "history", "assumptions", "serve", "report",
                 "class-report", "briefs"):
        sub.choices[name].add_argument(
            "--no-mods", action="store_true",
            help=_("leave out the mods of the mods folder (python -m game mods lists them)"))
    lang_help = _("the language of the game: {all} (default: the system's)").format(
        all=", ".join(LANGUAGES))
    for command in (parser, *sub.choices.values()):
        command.add_argument("--lang", metavar="CODE", help=lang_help)
    return parser


def _start_method_option(parser: argparse.ArgumentParser) -> None:
    import multiprocessing

    parser.add_argument("--start-method", choices=multiprocessing.get_all_start_methods(),
                        default=None,
                        help=_("how worker processes start (default: the platform's); the "
                               "results are the same with each"))


def _save_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--save-dir", type=Path, metavar="DIR",
                        help=_("folder for saves (default: saves/ in a checkout, else the "
                               "user data folder)"))
    parser.add_argument("--on-content-change", choices=("ask", "load", "replay", "refuse"),
                        default="ask",
                        help=_("when a save's content changed: ask, load it anyway, replay "
                               "its orders on the current content, or refuse"))


def _load(packs: Sequence[Path], scenario: str | None = None,
          mods: bool = False) -> Content | int:
    """Load content or print its diagnostics; returns Content or an exit code.

    With `scenario`, a scenario id the user named that must exist (else a usage error).
    With `mods`, the mods turned on in the mods folder load before `packs` (one with
    errors is left out, and a sentence says so).
    """
    from game.content.mods import left_out_sentence, load_with_mods

    loaded = load_with_mods(packs, use_mods=mods)
    result = loaded.result
    if loaded.left_out:
        print(left_out_sentence(loaded.left_out), file=sys.stderr)
    if result.content is None:
        print(_("The game content has errors:"), file=sys.stderr)
        for d in result.report.errors:
            print(d.format(), file=sys.stderr)
        return 1
    if scenario is not None and scenario not in result.content.scenarios:
        raise UsageError(_("no scenario '{id}'; choose from: {ids}").format(
            id=scenario, ids=", ".join(result.content.scenarios)))
    return localized_content(result.content, result.content.extra_folders)


def localized_content(content: Content, packs: Sequence[Path | str]) -> Content:
    """The content in the language chosen, with the packs' catalogues read too (they
    may also translate the interface's words)."""
    from game.content.localize import localize
    from game.i18n import language, set_translator, translator_for

    if language() == "en":
        return content
    return localize(content, set_translator(translator_for(language(), packs)))


def _problem_count(errors: int, warnings: int) -> str:
    """`1 error, 2 warnings`."""
    return _("{errors}, {warnings}").format(
        errors=ngettext("{n} error", "{n} errors", errors).format(n=errors),
        warnings=ngettext("{n} warning", "{n} warnings", warnings).format(n=warnings))


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate the base pack plus the given packs."""
    if args.codes:
        from game.content.catalogues import CODES as TRANSLATION_CODES
        from game.content.diagnostics import CODES

        codes = {**CODES, **TRANSLATION_CODES}
        width = max(len(code) for code in codes)
        for code, meaning in codes.items():
            print(f"{code:<{width}}  {_(meaning)}")
        return 0
    if args.watch:
        if not args.packs:
            raise UsageError(_("--watch needs the folder of the pack to watch, like: "
                               "python -m game validate --watch my_pack/"))
        return _watch_packs(args)
    return _validate_once(args)


def _validate_once(args: argparse.Namespace) -> int:
    """One check of the packs, printed; the exit code (1 when there are errors)."""
    from game.content import load_game_content
    from game.content.catalogues import check

    result = load_game_content(args.packs)
    if result.content is not None:  # and the packs' translations
        touched = {item for changed in result.changes.values() for item in changed.touched()}
        check(list(result.folders.items()), result.content, result.report, touched)
    errors, warnings = result.report.errors, result.report.warnings
    if args.json:
        counts: dict[str, object] = {}
        if result.content is not None:
            c = result.content
            counts = {
                "cards": {s: len(c.cards_for(s)) for s in ("amlo", "trump")},
                "events": len(c.events),
                "scenarios": len(c.scenarios),
                "endings": len(c.endings),
            }
        out: dict[str, object] = {
            "errors": [d.to_json() for d in errors],
            "warnings": [d.to_json() for d in warnings],
            "counts": counts,
        }
        if args.diff:
            out["changes"] = {pack: dataclasses.asdict(changed)
                              for pack, changed in list(result.changes.items())[1:]}
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 1 if errors else 0
    for d in errors + warnings:
        print(d.format())
    if args.diff and result.content is not None:
        _print_changes(result)
    if result.content is not None:
        c = result.content
        print(_("{packs}: {a} AMLO cards, {t} Trump cards, {e} events, {s} scenarios, "
                "{n} endings — {problems}").format(
            packs=", ".join(p.id for p in c.packs), a=len(c.cards_for("amlo")),
            t=len(c.cards_for("trump")), e=len(c.events), s=len(c.scenarios),
            n=len(c.endings), problems=_problem_count(len(errors), len(warnings))))
    else:
        print(_problem_count(len(errors), len(warnings)))
    return 1 if errors else 0


def _print_changes(result: LoadResult) -> None:
    """What each pack after the base game adds, changes and removes (`--diff`)."""
    from game.content.diff import details

    for pack_id, changed in list(result.changes.items())[1:]:
        print(_("What {pack} does to the packs before it:").format(pack=pack_id))
        for line in details(changed):
            print(f"  {line}")


def _watch_packs(args: argparse.Namespace) -> int:
    """Check the packs now and after every save, until Ctrl+C."""
    import time

    from game.content.watch import watch

    def check_now() -> None:
        print(_("— {time}: checking {packs} —").format(
            time=time.strftime("%H:%M:%S"), packs=", ".join(str(p) for p in args.packs)))
        _validate_once(args)
        print(_("Watching for changes; Ctrl+C stops."), flush=True)

    try:
        watch(args.packs, check_now)
    except KeyboardInterrupt:
        print()
        print(_("Stopped watching."))
    return 0


def cmd_text(args: argparse.Namespace) -> int:
    """Play in the terminal."""
    import random

    from game.session import Session
    from game.textui import TextGame

    content = _load(args.pack, args.scenario, mods=not args.no_mods)
    if isinstance(content, int):
        return content
    from game.persistence.files import default_save_dir

    # a game loaded from a folder (a class's share, say) goes on saving there
    loaded = args.load or args.rematch
    save_dir = (args.save_dir if args.save_dir is not None else
                loaded.parent if loaded is not None else default_save_dir())
    if args.from_turn is not None and args.load is None:
        raise UsageError(_("--from-turn needs --load SAVE"))
    if args.load is not None and args.rematch is not None:
        raise UsageError(_("use --load or --rematch, not both"))
    if args.load is not None or args.rematch is not None:
        opened = _open_save(content, args.load or args.rematch, args, save_dir)
        if isinstance(opened, int):
            return opened
        session, humans = opened
        resumed = args.load is not None and args.from_turn is None
        if len(humans) == 2:
            return _hotseat(session, args).run(resumed=resumed)
        return TextGame(session, humans[0], sys.stdin, sys.stdout, args.verbose,
                        args.effects).run(resumed=resumed)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**6)
    if args.hotseat:
        session = Session.new(content, args.scenario, seed, {}, save_dir=save_dir,
                              autosave=True)
        return _hotseat(session, args).run()
    other = "trump" if args.side == "amlo" else "amlo"
    _check_player(content, args.opponent, "--opponent")
    session = Session.new(content, args.scenario, seed, {other: args.opponent},
                          save_dir=save_dir, autosave=True)
    return TextGame(session, args.side, sys.stdin, sys.stdout, args.verbose,
                    args.effects).run()


def _hotseat(session: Session, args: argparse.Namespace) -> HotSeatGame:
    """A game for two players at this terminal, each seat in its language."""
    from game.hotseat import HotSeatGame
    from game.i18n import UnknownLanguage, available, current, translator_for

    seats = {}
    for side in ("amlo", "trump"):
        # the flag, else the language this player chose when the game began, else --lang
        code = getattr(args, f"{side}_lang") or session.languages.get(side)
        if code not in available() and not getattr(args, f"{side}_lang"):
            code = None  # a saved language this game no longer has: the game's own
        try:
            seats[side] = (translator_for(code, session.engine.content.extra_folders) if code
                           else current())
        except UnknownLanguage as exc:
            raise UsageError(f"--{side}-lang: {exc}") from None
    session.languages = {side: seat.lang for side, seat in seats.items()}
    return HotSeatGame(session, seats, sys.stdin, sys.stdout, args.verbose, args.effects)


def _open_save(
    content: Content, path: Path, args: argparse.Namespace, save_dir: Path
) -> tuple[Session, list[str]] | int:
    """A session from a save (continued, forked or rematched), or an exit code."""
    from game.core.replay import ReplayError
    from game.persistence.store import SaveProblem, read_save
    from game.session import ContentMismatch, Session, check_content, switched_sides

    try:
        save = read_save(path)
    except SaveProblem as problem:
        print(problem.message, file=sys.stderr)
        return 1
    header = save.header
    if args.rematch is not None:
        if header.scenario not in content.scenarios:
            print(_("Cannot rematch {path}: its scenario '{id}' is not in the loaded content.")
                  .format(path=path, id=header.scenario), file=sys.stderr)
            return 1
        agents: dict[str, str] = {
            s: p.agent or "reciprocal" for s, p in header.sides.items() if p.kind == "agent"
        }
        switched = switched_sides(agents)
        humans = [s for s in ("amlo", "trump") if s not in switched]
        if not humans:
            print(_("Cannot rematch {path}: the computer played both sides.").format(path=path),
                  file=sys.stderr)
            return 1
        session = Session.new(content, header.scenario, header.seed, switched,
                              save_dir=save_dir, autosave=True)
        return session, humans
    humans = [s for s, p in header.sides.items() if p.kind == "human"]
    if not humans:
        print(_("Cannot play {path} in the terminal: the computer played both sides.").format(
            path=path), file=sys.stderr)
        return 1
    mode: Literal["load", "replay"] = "load"
    mismatch = check_content(save, content)
    if mismatch is not None and args.from_turn is None:
        if mismatch.kind == "missing":
            print(_("Cannot load {path}: {why}.").format(path=path, why=mismatch.message),
                  file=sys.stderr)
            return 1
        choice = args.on_content_change
        if choice == "ask":
            if not sys.stdin.isatty():
                print(_("{path}: {why}. Choose with --on-content-change load|replay|refuse.")
                      .format(path=path, why=mismatch.message), file=sys.stderr)
                return 1
            print(_("{path}: {why}.").format(path=path, why=mismatch.message))
            answer = input(_("Load it anyway (l), replay its orders on the new content (r), "
                             "or cancel (c)? ")).strip().lower()
            choice = {"l": "load", "r": "replay"}.get(answer[:1], "refuse")
        if choice == "refuse":
            print(_("Not loaded: {why}; {path} is left as it was.").format(
                why=mismatch.message, path=path), file=sys.stderr)
            return 1
        mode = "replay" if choice == "replay" else "load"
        if mode == "load":
            print(_("Warning: {path} continues with the current content; numbers may differ "
                    "from the game as it was played.").format(path=path), file=sys.stderr)
    from game.wording import replay_error_text

    try:
        session = Session.from_save(content, save, mode=mode, from_turn=args.from_turn,
                                    save_dir=save_dir, autosave=True)
    except SaveProblem as problem:
        print(problem.message, file=sys.stderr)
        return 1
    except ContentMismatch as mismatch:
        print(_("Cannot load {path}: {why}.").format(path=path, why=mismatch.message),
              file=sys.stderr)
        return 1
    except ReplayError as error:
        print(_("Cannot load {path}: {why}.").format(path=path, why=replay_error_text(error)),
              file=sys.stderr)
        return 1
    return session, humans


def _saved_game(content: Content, path: Path, unknown: str) -> SaveFile | int:
    """The save at `path`, or an exit code once its problem is said (`unknown`: the
    sentence for a scenario the content lacks, with {path} and {id})."""
    from game.persistence.store import SaveProblem, read_save

    try:
        save = read_save(path)
    except SaveProblem as problem:
        print(problem.message, file=sys.stderr)
        return 1
    if save.header.scenario not in content.scenarios:
        print(unknown.format(path=path, id=save.header.scenario), file=sys.stderr)
        return 1
    return save


def cmd_replay(args: argparse.Namespace) -> int:
    """Re-run a saved game from its seed and order log."""
    import json as json_

    from game.core.replay import ReplayError, first_difference, replay, written_events
    from game.core.turn import Engine
    from game.session import check_content

    content = _load(args.pack, mods=not args.no_mods)
    if isinstance(content, int):
        return content
    save = _saved_game(content, args.save, _(
        "Cannot replay {path}: its scenario '{id}' is not in the loaded content."))
    if isinstance(save, int):
        return save
    header = save.header
    mismatch = check_content(save, content)
    if mismatch is not None:
        print(_("Note: {why}; replaying on the current content.").format(why=mismatch.message),
              file=sys.stderr)
    engine = Engine(content, header.scenario)
    orders = [o.model_dump(exclude_none=True) for o in save.orders]
    written_events(engine, orders)
    open_turn = header.turn if args.to is None and header.phase in ("choice", "policy") else None
    try:
        state = replay(engine, header.seed, orders, to_turn=args.to, open_turn=open_turn)
    except ReplayError as error:
        from game.wording import replay_error_text

        print(_("Replay of {path} failed: {why}").format(path=args.save,
                                                         why=replay_error_text(error)),
              file=sys.stderr)
        return 1
    _print_replay(content, state)
    if args.verify:
        if args.to is not None:
            raise UsageError(_("--verify compares the whole game; leave out --to"))
        ours = json_.loads(json_.dumps(state.to_json()))
        theirs = save.state.model_dump(mode="json")
        diff = first_difference(ours, theirs)
        if diff is not None:
            from game.wording import difference_text

            print(_("MISMATCH: the replay differs from the save at {diff}").format(
                diff=difference_text(diff)))
            return 1
        print(_("VERIFIED: the replay matches the saved state exactly."))
    return 0


def _print_replay(content: Content, state: GameState) -> None:
    rows = []
    for record in state.log:
        cards = []
        for side in ("amlo", "trump"):
            card_id = record["orders"].get(side, "…")
            cards.append(content.cards[card_id].title if card_id in content.cards else (
                _("hold") if card_id is None else str(card_id)))
        rows.append((record["turn"], record["month"], cards[0], cards[1]))
    # Whole card names: the AMLO column is as wide as its longest name.
    width = max([len(_("AMLO")), *(len(row[2]) for row in rows)]) + 2
    turn_word, month_word, trump_word = _("turn"), _("month"), _("Trump")
    print(f"  {turn_word:>4} {month_word:<8} {_('AMLO'):<{width}} {trump_word}")
    for turn, month, amlo, trump in rows:
        print(f"  {turn:>4} {month:<8} {amlo:<{width}} {trump}")
    m = state.meters
    print(_("  turn {turn}: trust {trust}, AMLO polls {a}, Trump polls {t}").format(
        turn=state.turn, trust=m["trust"], a=m["polls.amlo"], t=m["polls.trump"]))
    if state.ending:
        from game.wording import ending_words, kind_code

        print(_("Outcome: {kind} — {title}").format(
            kind=kind_code(state.ending["kind"]),
            title=ending_words(state.ending, content)[0]))


def cmd_saves(args: argparse.Namespace) -> int:
    """List saved games."""
    from game.persistence.files import default_save_dir
    from game.persistence.store import list_saves
    from game.wording import date_words

    folder = args.save_dir if args.save_dir is not None else default_save_dir()
    saves, problems = list_saves(folder)
    if not saves:
        print(_("No saves in {folder}.").format(folder=folder))
    for info in saves:
        h = info.header
        # sides, scenarios and agents are named by the codes typed on the command line
        players = ", ".join(f"{s}: {p.agent or _('human')}" for s, p in h.sides.items())
        label = _("autosave") if h.label == "autosave" else h.label
        print(_("{path}  [{label}] {scenario} turn {turn} ({month}) {saved}  {players}").format(
            path=info.path, label=label, scenario=h.scenario, turn=h.turn,
            month=date_words(h.month), saved=h.updated[:16].replace("T", " "), players=players))
    for problem in problems:
        print(problem.message, file=sys.stderr)
    return 0


def _check_player(content: Content, name: str, flag: str) -> None:
    """A player named on the command line must be an agent or one of the content's
    difficulties."""
    if name in AGENT_KINDS or name in content.difficulties:
        return
    from game.content.diagnostics import did_you_mean

    known = [*content.difficulties, *AGENT_KINDS]
    raise UsageError(_("{flag}: no player {name!r}; choose from: {all}.{hint}").format(
        flag=flag, name=name, all=", ".join(known), hint=did_you_mean(name, known)))


def cmd_simulate(args: argparse.Namespace) -> int:
    """AI against AI."""
    from game.simulate import progress_bar, simulate
    from game.wording import kind_code, number, percent

    if args.games < 1:
        raise UsageError(_("--games must be at least 1"))
    if args.workers is not None and args.workers < 1:
        raise UsageError(_("--workers must be at least 1"))
    content = _load(args.pack, args.scenario)
    if isinstance(content, int):
        return content
    _check_player(content, args.amlo, "--amlo")
    _check_player(content, args.trump, "--trump")
    workers = args.workers or os.cpu_count() or 1
    with progress_bar() as progress:
        summary = simulate(content, args.scenario, args.games, args.seed, args.amlo,
                           args.trump, workers, progress, args.start_method)
    if args.json:
        print(json.dumps(summary.to_json(), indent=2))
        return 0
    titles = {e.id: e.title for e in content.endings}
    print(_("{games} games of {scenario}, AMLO {amlo} vs Trump {trump}, seed {seed}").format(
        games=summary.games, scenario=args.scenario, amlo=args.amlo, trump=args.trump,
        seed=args.seed))
    print()
    kind_word, games_word, share_word = _("kind"), _("games"), _("share")
    games_w, share_w = max(8, len(games_word) + 2), max(9, len(share_word) + 2)
    print(f"  {kind_word:<18}{games_word:>{games_w}}{share_word:>{share_w}}")
    for kind, count in sorted(summary.kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {kind_code(kind):<18}{count:>{games_w}}"
              f"{percent(count / summary.games):>{share_w}}")
    print()
    ending_word = _("ending")
    print(f"  {ending_word:<34}{games_word:>{games_w}}{share_word:>{share_w}}")
    for ending_id, count in sorted(summary.endings.items(), key=lambda kv: -kv[1]):
        label = titles.get(ending_id, ending_id)
        print(f"  {label[:33]:<34}{count:>{games_w}}{percent(count / summary.games):>{share_w}}")
    print()
    leader_word, good_word, polls_word = _("leader"), _("good"), _("polls")
    good_w, polls_w = max(8, len(good_word) + 2), max(9, len(polls_word) + 2)
    print(f"  {leader_word:<18}{good_word:>{good_w}}{polls_word:>{polls_w}}")
    for side in ("amlo", "trump"):
        figures = summary.sides[side]
        print(f"  {content.leaders[side].short:<18}"
              f"{percent(figures['compromise_above_floor']):>{good_w}}"
              f"{number(figures['mean_final_polls'], 1):>{polls_w}}")
    print(_("  {good}: compromise with his polls above his floor; {polls}: his mean final "
            "polls").format(good=good_word, polls=polls_word))
    print()
    print(ngettext("  mean turns {mean}, median {median}; {secs} s, {rate} games/s on {w} worker",
                   "  mean turns {mean}, median {median}; {secs} s, {rate} games/s on {w} workers",
                   summary.workers).format(
        mean=number(summary.mean_turns, 1),
        median=number(summary.median_turns, 0 if summary.median_turns % 1 == 0 else 1),
        secs=number(summary.seconds, 2), rate=number(summary.games / summary.seconds),
        w=summary.workers))
    return 0


def cmd_balance(args: argparse.Namespace) -> int:
    """The balance report."""
    from game.balance import PAIRINGS, format_comparison, format_report, run_balance
    from game.simulate import progress_bar

    if args.games < 1:
        raise UsageError(_("--games must be at least 1"))
    if args.workers is not None and args.workers < 1:
        raise UsageError(_("--workers must be at least 1"))
    content = _load(args.pack, args.scenario)
    if isinstance(content, int):
        return content
    pairings = PAIRINGS
    if args.pairing:
        pairings = tuple(p for p in PAIRINGS if any(n in p[0] for n in args.pairing))
        if not pairings:
            raise UsageError(_("--pairing: no pairing's name contains {names}; the pairings "
                               "are: {all}").format(names=", ".join(map(repr, args.pairing)),
                                                    all=", ".join(p[0] for p in PAIRINGS)))
    with progress_bar() as progress:
        report = run_balance(content, args.scenario, args.games, args.seed, args.workers,
                             progress, pairings=pairings, start_method=args.start_method)
    base = None
    if args.pack:  # the same games without the packs, to set beside them
        plain = _load([])
        if isinstance(plain, int):
            return plain
        if args.scenario in plain.scenarios:
            with progress_bar() as progress:
                base = run_balance(plain, args.scenario, args.games, args.seed, args.workers,
                                   progress, pairings=pairings,
                                   start_method=args.start_method)
    if args.json:
        print(json.dumps({**report, "base": base} if args.pack else report, indent=1))
        return 0
    print(format_report(report, content))
    if args.pack:
        print()
        print(format_comparison(base, report) if base is not None else _(
            "The base game has no scenario '{scenario}': there is nothing to set these "
            "rates beside.").format(scenario=args.scenario))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Write one JSON Schema per kind of content file."""
    from game.content.schema import write_schemas

    try:
        written = write_schemas(args.out)
    except OSError as exc:
        print(_("Cannot write schemas to {out}: {err}").format(out=args.out, err=exc.strerror),
              file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def cmd_new_pack(args: argparse.Namespace) -> int:
    """Write the starter pack."""
    import re

    from game.content.newpack import PackExists, new_pack

    if args.id is not None and not re.fullmatch(r"[a-z][a-z0-9_]*", args.id):
        raise UsageError(_("--id: an id is lowercase letters, digits and _, starting with a "
                           "letter, like my_region"))
    if args.id == "core":
        raise UsageError(_("--id: 'core' is the base game's id; choose your own"))
    try:
        written = new_pack(args.folder, args.id, args.name)
    except PackExists as exc:
        print(exc, file=sys.stderr)
        return 1
    except OSError as exc:
        print(_("Cannot write the pack to {folder}: {err}").format(
            folder=args.folder, err=exc.strerror or exc), file=sys.stderr)
        return 1
    print(_("Wrote a pack of {n} files in {folder}. Next:").format(
        n=len(written), folder=args.folder))
    shown = str(args.folder).rstrip("/\\") + "/"
    print(f"  python -m game validate {shown}")
    print(f"  python -m game text --pack {shown}")
    print(_("The guide to every file: docs/MODDING.md."))
    return 0


def cmd_mods(args: argparse.Namespace) -> int:
    """List the installed mods, or turn one on or off."""
    from game.content.mods import installed, set_on, survey
    from game.paths import mods_dir

    if args.action != "list":
        if not args.mod:
            raise UsageError(_("name the mod to turn {action}, like: python -m game mods "
                               "{action} my_region").format(action=args.action))
        mods = installed()
        found = [m for m in mods if args.mod in (m.folder.name, m.id)]
        if not found:
            raise UsageError(_("no mod '{mod}' in {folder}; the mods are: {all}").format(
                mod=args.mod, folder=mods_dir(),
                all=", ".join(m.folder.name for m in mods) or _("none")))
        set_on(found[0].folder.name, args.action == "on")
        print((_("{mod} is on: games load it after the base game.") if args.action == "on"
               else _("{mod} is off: games leave it out.")).format(mod=found[0].name))
        return 0
    print(_("Mods folder: {folder}").format(folder=mods_dir()))
    mods = survey()
    if not mods:
        print(_("No mods yet: put a pack's folder (with its pack.yaml) in the mods folder."))
        return 0
    for mod in mods:
        state = _("on") if mod.on else _("off")
        by = _(" by {authors}").format(authors=", ".join(mod.authors)) if mod.authors else ""
        print(f"[{state}] {mod.name} {mod.version}{by} ({mod.folder.name}/)")
        for line in (mod.description, mod.summary):
            if line:
                print(f"      {line}")
        errors = len(mod.errors)
        if mod.problems:
            print("      " + _problem_count(errors, len(mod.problems) - errors)
                  + (" — " + _("left out of games until they are fixed") if errors else ""))
            for problem in sorted(mod.problems)[:5]:
                print(f"      {problem.format()}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    """Print the historical path of a scenario."""
    from game.core.turn import Engine
    from game.report.history import historical_path
    from game.wording import date_words, kind_code

    content = _load(args.pack, args.scenario, mods=not args.no_mods)
    if isinstance(content, int):
        return content
    path = historical_path(Engine(content, args.scenario), args.seed)
    if args.json:
        print(json.dumps(path, indent=2, ensure_ascii=False))
        return 0
    names = {side: content.leaders[side].short for side in ("amlo", "trump")}
    print(_("The historical path of {scenario} (random news from seed {seed})").format(
        scenario=content.scenarios[args.scenario].title, seed=args.seed))
    for month in path["months"]:
        print()
        plays = " · ".join(
            f"{names[side]}: {order['title'] if order else _('holds')}"
            for side, order in month["orders"].items())
        print(f"{date_words(month['month'])}  {plays}")
        for news in month["news"]:
            chosen = ", ".join(f"{names[side]}: {choice['label']}"
                               for side, choice in news["choices"].items())
            print(f"    {_('News')}: {news['title']}" + (f" ({chosen})" if chosen else ""))
    ending = path["ending"]
    titles = {e.id: e.title for e in content.endings}
    print()
    print(ngettext("Ending: {title} ({kind}), trust {trust}, {signed} agreement signed",
                   "Ending: {title} ({kind}), trust {trust}, {signed} agreements signed",
                   ending["signed"]).format(
        title=titles.get(ending["id"], ending["id"]), kind=kind_code(ending["kind"]),
        trust=ending["trust"], signed=ending["signed"]))
    return 0


def cmd_assumptions(args: argparse.Namespace) -> int:
    """Print the "About the model" page."""
    import textwrap

    from game.wording import assumptions_markdown

    content = _load(args.pack, mods=not args.no_mods)
    if isinstance(content, int):
        return content
    if args.markdown:
        print(assumptions_markdown(content), end="")
        return 0
    print(_("About the model"))
    for assumption in content.assumptions.values():
        print()
        print(assumption.heading.upper())
        print(textwrap.fill(assumption.text, width=78))
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Write the translation template."""
    from game.i18n_extract import update_catalogue, write_template

    others = [code for code in LANGUAGES if code != "en"]
    if args.update and args.update not in others:
        raise UsageError(_("--update: the game speaks {all}; a pack translates into one of "
                           "{others}").format(all=", ".join(LANGUAGES),
                                              others=", ".join(others)))
    if args.update and not args.pack:
        raise UsageError(_("--update needs --pack: the pack whose catalogue to bring up to "
                           "date, like --pack my_region/ --update es"))
    if args.out is None and not args.update:
        raise UsageError(_("say where to write the template with --out FILE.pot, or update "
                           "a pack's catalogue with --pack DIR --update LANG"))
    content = _load([args.pack] if args.pack else [])
    if isinstance(content, int):
        return content
    pack_id = content.packs[-1].id if args.pack else None
    if args.update:
        target = args.pack / "locale" / f"{args.update}.po"
        try:
            counts = update_catalogue(content, str(pack_id), target, args.update)
        except (OSError, ValueError) as exc:
            print(_("Cannot update {out}: {err}").format(
                out=target, err=getattr(exc, "strerror", None) or exc), file=sys.stderr)
            return 1
        print(_("{out}: {kept} kept, {new} new, {fuzzy} to check (their English changed), "
                "{dropped} dropped").format(out=target, **counts))
        return 0
    try:
        count = write_template(content, args.out, pack_id)
    except OSError as exc:
        print(_("Cannot write {out}: {err}").format(out=args.out, err=exc.strerror),
              file=sys.stderr)
        return 1
    print(_("{n} messages written to {out}").format(n=count, out=args.out))
    return 0


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise UsageError(_("size must look like 1280x720, not {text!r}").format(text=text)) \
            from None
    if w < 640 or h < 400:
        raise UsageError(_("size {text} is too small (at least 640x400)").format(text=text))
    return (w, h)


def no_display() -> bool:
    """True on Linux and the BSDs when no display is set and no SDL driver was chosen.

    Checked before SDL loads: without a display SDL would fall back to drawing
    into memory, and the game would wait for a player who cannot see it.
    Windows and macOS always have a display.
    """
    if sys.platform in ("win32", "darwin") or os.environ.get("SDL_VIDEODRIVER"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def no_display_sentence(why: object) -> str:
    """What a player reads when the window cannot open."""
    return _("No display was found, so the game's window cannot open ({why}); play in "
             "the terminal instead: python -m game text").format(why=why)


def cmd_play(args: argparse.Namespace) -> int:
    """Open the window; exit 2 with one sentence when there is no display."""
    size = _size(args.size)
    if no_display():
        print(no_display_sentence(_("neither DISPLAY nor WAYLAND_DISPLAY is set")),
              file=sys.stderr)
        return 2
    from game.ui.main import main as ui_main
    from game.ui.window import WindowUnavailable

    try:
        return ui_main(size=size, save_dir=args.save_dir, packs=args.pack, language=args.lang,
                       mods=not args.no_mods)
    except WindowUnavailable as exc:
        print(no_display_sentence(exc), file=sys.stderr)
        return 2


def cmd_screenshot(args: argparse.Namespace) -> int:
    """Render a scene to a PNG."""
    size = _size(args.size)
    from game.ui.screenshot import SCENES, UnknownScenario, render

    if args.scene not in (*SCENES, "all"):
        raise UsageError(_("no scene {scene!r}; choose from: {all}").format(
            scene=args.scene, all=", ".join((*SCENES, "all"))))
    import tempfile

    # "all": every scene, each to <scene>.png in the folder --out names.
    scenes = SCENES if args.scene == "all" else (args.scene,)
    for scene in scenes:
        out = args.out / f"{scene}.png" if args.scene == "all" else args.out
        save_dir = args.save_dir or Path(tempfile.mkdtemp(prefix="ua-shot-"))
        try:
            print(render(scene, out, args.side, args.seed, args.turn, size, args.text_size,
                         save_dir, args.scenario, args.effects, args.lang, args.pack))
        except UnknownScenario as exc:
            raise UsageError(str(exc)) from None
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Run the game server."""
    from game.paths import user_data_dir
    from game.server.main import serve

    if not 0 < args.port < 65536:
        raise UsageError(_("--port must be from 1 to 65535"))
    content = _load(args.pack, args.scenario, mods=not args.no_mods)
    if isinstance(content, int):
        return content
    return serve(content, args.host, args.port, args.db, args.data_dir or user_data_dir(),
                 args.new_room, args.scenario)


def _address(text: str) -> str:
    """HOST:PORT as typed, checked (it becomes part of an address, nothing else)."""
    host, _sep, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536 or any(
            c in host for c in "/?#@ "):
        raise UsageError(_("{given}: give the server as HOST:PORT, e.g. 127.0.0.1:8765")
                         .format(given=text))
    return f"{host}:{int(port)}"


def cmd_join(args: argparse.Namespace) -> int:
    """Play a seat of a networked game."""
    from game.client import join
    from game.i18n import language

    host = _address(args.server)
    if args.token is None and not args.name.strip():
        raise UsageError(_("--name is needed to take a seat (or --token to come back)"))
    try:
        return join(host, args.code, args.name, args.side, language(), args.agent,
                    args.token)
    except KeyboardInterrupt:
        print()
        print(_("You left the table; come back with --token."))
        return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write each table of a room as a standard save file."""
    from game.client import ClientError, export_room

    host = _address(args.server)
    try:
        written = export_room(host, args.code, args.token, args.out)
    except ClientError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _write(path: Path, text: str) -> str | None:
    """Write a report's text; the reason in words when it cannot be written."""
    from game.report.files import write_page

    try:
        write_page(path, text)
    except OSError as exc:
        return _("Cannot write {path}: {why}.").format(path=path, why=exc.strerror or exc)
    return None


def cmd_report(args: argparse.Namespace) -> int:
    """The debrief of one saved game, as HTML, PDF, CSV or JSON."""
    from game.report.debrief import game_report
    from game.report.exports import json_text, write_csv
    from game.report.html import ReportError, report_html, write_pdf

    content = _load(args.pack, mods=not args.no_mods)
    if isinstance(content, int):
        return content
    save = _saved_game(content, args.save, _(
        "Cannot report {path}: its scenario '{id}' is not in the loaded content."))
    if isinstance(save, int):
        return save
    report = game_report(content, save)
    stem = args.save.with_suffix("")
    fmt = args.format
    out: Path = args.out or (stem.parent / f"{stem.name}-data" if fmt == "csv" else
                             stem.parent / f"{stem.name}-report.{fmt}")
    if fmt == "csv":
        if out.exists() and not out.is_dir():
            raise UsageError(_("--format csv writes a folder of tables; {path} is a file")
                             .format(path=out))
        try:
            written = write_csv(report, out)
        except OSError as exc:
            print(_("Cannot write {path}: {why}.").format(path=out, why=exc.strerror or exc),
                  file=sys.stderr)
            return 1
        for path in written:
            print(path)
        return 0
    if str(out) == "-" and fmt in ("html", "json"):  # to the standard output
        sys.stdout.write(report_html(report) if fmt == "html" else json_text(report))
        return 0
    if out.is_dir():
        raise UsageError(_("--out {path} is a folder; give the file to write").format(path=out))
    if fmt == "pdf":
        try:
            write_pdf(report_html(report), out)
        except ReportError as error:
            print(error, file=sys.stderr)
            return 1
        except OSError as exc:
            print(_("Cannot write {path}: {why}.").format(path=out, why=exc.strerror or exc),
                  file=sys.stderr)
            return 1
    else:
        refused = _write(out, report_html(report) if fmt == "html" else json_text(report))
        if refused:
            print(refused, file=sys.stderr)
            return 1
    print(out)
    return 0


def cmd_class_report(args: argparse.Namespace) -> int:
    """Many games side by side, and one spreadsheet of every decision."""
    from game.report.classes import class_report
    from game.report.exports import CLASS_COLUMNS, class_decision_rows, csv_text
    from game.report.html import class_html
    from game.report.saves import gather

    content = _load(args.pack, mods=not args.no_mods)
    if isinstance(content, int):
        return content
    if args.out.is_dir():
        raise UsageError(_("--out {path} is a folder; give the file to write").format(
            path=args.out))
    saves, problems = gather(args.saves)
    report = class_report(content, saves, problems)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if not report.groups:
        print(_("No game could be reported."), file=sys.stderr)
        return 1
    tables = [(t.file, t.report) for g in report.groups for t in g.tables]
    sheet = args.out.with_suffix(".csv")
    for path, text in ((args.out, class_html(report, args.name)),
                       (sheet, csv_text(CLASS_COLUMNS, class_decision_rows(tables)))):
        refused = _write(path, text)
        if refused:
            print(refused, file=sys.stderr)
            return 1
        print(path)
    return 0


def cmd_briefs(args: argparse.Namespace) -> int:
    """Both leaders' role briefs of a scenario, as one printable page."""
    from game.report.briefs import briefs_html

    content = _load(args.pack, args.scenario, mods=not args.no_mods)
    if isinstance(content, int):
        return content
    out = args.out or Path(f"briefs-{args.scenario}.html")
    if out.is_dir():
        raise UsageError(_("--out {path} is a folder; give the file to write").format(path=out))
    refused = _write(out, briefs_html(content, args.scenario))
    if refused:
        print(refused, file=sys.stderr)
        return 1
    print(out)
    return 0


COMMANDS = {
    "briefs": cmd_briefs,
    "report": cmd_report,
    "class-report": cmd_class_report,
    "serve": cmd_serve,
    "join": cmd_join,
    "export": cmd_export,
    "balance": cmd_balance,
    "play": cmd_play,
    "screenshot": cmd_screenshot,
    "text": cmd_text,
    "replay": cmd_replay,
    "saves": cmd_saves,
    "simulate": cmd_simulate,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "new-pack": cmd_new_pack,
    "mods": cmd_mods,
    "history": cmd_history,
    "assumptions": cmd_assumptions,
    "extract": cmd_extract,
}


def _asked_language(argv: Sequence[str]) -> str | None:
    """The language asked for with `--lang`, anywhere on the line (before the command
    too), or None."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if word.startswith("--lang="):
            return word.split("=", 1)[1]
    return None


def _language(argv: Sequence[str]) -> str:
    """The language asked for with `--lang` (anywhere on the line), else the system's."""
    from game.i18n import system_language

    return (_asked_language(argv) or os.environ.get("UNLIKELY_ALLIES_LANG")
            or system_language())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m game` and `unlikely-allies`."""
    from game.i18n import UnknownLanguage, set_language

    words = list(sys.argv[1:] if argv is None else argv)
    try:
        set_language(_language(words))  # before the parser: its help is translated too
    except UnknownLanguage as exc:
        print(f"python -m game: --lang: {exc}", file=sys.stderr)
        return 2
    _translate_argparse()
    parser = _parser()
    args = parser.parse_args(words)
    if args.command is None:  # the graphical game
        args = parser.parse_args(["play", *words])
    # `--lang es` before the command counts too (the command's own default would hide it)
    args.lang = _asked_language(words)
    try:
        return COMMANDS[args.command](args)
    except UsageError as exc:
        parser.error(str(exc))  # exits with code 2
        return 2
    except KeyboardInterrupt:
        print()
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
