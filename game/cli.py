"""Command line: `python -m game [text|simulate|validate|schema|extract]`."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from game import __version__
from game.i18n import _

AGENT_KINDS = ("random", "greedy", "reciprocal")


class UsageError(Exception):
    """A wrong flag or value on the command line (exit code 2)."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m game",
        description=_("Unlikely Allies: AMLO and Trump, December 2018 to November 2020."),
    )
    parser.add_argument("--version", action="version", version=f"Unlikely Allies {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    text = sub.add_parser("text", help=_("play the whole game in the terminal"))
    text.add_argument("--side", choices=("amlo", "trump"), default="amlo",
                      help=_("the leader you play (default: amlo)"))
    text.add_argument("--scenario", default="full_term", help=_("scenario id"))
    text.add_argument("--seed", type=int, default=None,
                      help=_("same seed, same game (default: random)"))
    text.add_argument("--opponent", choices=AGENT_KINDS, default="reciprocal",
                      help=_("the computer's agent (default: reciprocal)"))
    text.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                      help=_("extra content pack to load after the base game"))

    sim = sub.add_parser("simulate", help=_("AI against AI over many games"))
    sim.add_argument("--games", type=int, default=1000, help=_("number of games"))
    sim.add_argument("--seed", type=int, default=1, help=_("seed of the series"))
    sim.add_argument("--scenario", default="full_term", help=_("scenario id"))
    sim.add_argument("--amlo", choices=AGENT_KINDS, default="random", help=_("AMLO's agent"))
    sim.add_argument("--trump", choices=AGENT_KINDS, default="random", help=_("Trump's agent"))
    sim.add_argument("--workers", type=int, default=1, help=_("processes to use"))
    sim.add_argument("--json", action="store_true", help=_("print one JSON object"))
    sim.add_argument("--pack", action="append", type=Path, default=[], metavar="DIR",
                     help=_("extra content pack"))

    val = sub.add_parser("validate", help=_("check content packs and report every problem"))
    val.add_argument("packs", nargs="*", type=Path, metavar="PACK_DIR",
                     help=_("packs to load after the base game"))
    val.add_argument("--json", action="store_true", help=_("print one JSON object"))

    sch = sub.add_parser("schema", help=_("write JSON Schemas for editors"))
    sch.add_argument("--out", type=Path, required=True, metavar="DIR", help=_("output folder"))

    ext = sub.add_parser("extract", help=_("write a translation template (.pot) of all text"))
    ext.add_argument("--out", type=Path, required=True, metavar="FILE",
                     help=_("the .pot file to write"))
    return parser


def _load(packs: Sequence[Path]) -> object:
    """Load content or print its diagnostics; returns Content or an exit code."""
    from game.content import load_game_content

    result = load_game_content(packs)
    if result.content is None:
        print(_("The game content has errors:"), file=sys.stderr)
        for d in result.report.errors:
            print(d.format(), file=sys.stderr)
        return 1
    return result.content


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate the base pack plus the given packs."""
    from game.content import load_game_content

    result = load_game_content(args.packs)
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
        print(json.dumps({
            "errors": [d.to_json() for d in errors],
            "warnings": [d.to_json() for d in warnings],
            "counts": counts,
        }, indent=2, ensure_ascii=False))
    else:
        for d in errors + warnings:
            print(d.format())
        if result.content is not None:
            c = result.content
            print(_("{packs}: {a} AMLO cards, {t} Trump cards, {e} events, {s} scenarios, "
                    "{n} endings — {errs} errors, {warns} warnings").format(
                packs=", ".join(p.id for p in c.packs), a=len(c.cards_for("amlo")),
                t=len(c.cards_for("trump")), e=len(c.events), s=len(c.scenarios),
                n=len(c.endings), errs=len(errors), warns=len(warnings)))
        else:
            print(_("{errs} errors, {warns} warnings").format(
                errs=len(errors), warns=len(warnings)))
    return 1 if errors else 0


def cmd_text(args: argparse.Namespace) -> int:
    """Play in the terminal."""
    import random

    from game.session import Session
    from game.textui import TextGame

    content = _load(args.pack)
    if isinstance(content, int):
        return content
    from game.content.bundle import Content

    assert isinstance(content, Content)
    if args.scenario not in content.scenarios:
        raise UsageError(_("no scenario '{id}'; choose from: {ids}").format(
            id=args.scenario, ids=", ".join(content.scenarios)))
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1, 10**6)
    other = "trump" if args.side == "amlo" else "amlo"
    session = Session.new(content, args.scenario, seed, {other: args.opponent})
    return TextGame(session, args.side, sys.stdin, sys.stdout).run()


def cmd_simulate(args: argparse.Namespace) -> int:
    """AI against AI."""
    from game.content.bundle import Content
    from game.simulate import progress_bar, simulate

    if args.games < 1:
        raise UsageError(_("--games must be at least 1"))
    if args.workers < 1:
        raise UsageError(_("--workers must be at least 1"))
    content = _load(args.pack)
    if isinstance(content, int):
        return content
    assert isinstance(content, Content)
    if args.scenario not in content.scenarios:
        raise UsageError(_("no scenario '{id}'; choose from: {ids}").format(
            id=args.scenario, ids=", ".join(content.scenarios)))
    show = sys.stdout.isatty() and not args.json and args.games >= 500
    summary = simulate(content, args.scenario, args.games, args.seed, args.amlo, args.trump,
                       args.workers, progress_bar if show else None)
    if args.json:
        print(json.dumps(summary.to_json(), indent=2))
        return 0
    titles = {e.id: e.title for e in content.endings}
    print(_("{games} games of {scenario}, AMLO {amlo} vs Trump {trump}, seed {seed}").format(
        games=summary.games, scenario=args.scenario, amlo=args.amlo, trump=args.trump,
        seed=args.seed))
    print()
    print(f"  {_('kind'):<18}{_('games'):>8}{_('share'):>9}")
    for kind, count in sorted(summary.kinds.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:<18}{count:>8}{count / summary.games:>9.1%}")
    print()
    print(f"  {_('ending'):<34}{_('games'):>8}{_('share'):>9}")
    for ending_id, count in sorted(summary.endings.items(), key=lambda kv: -kv[1]):
        label = titles.get(ending_id, ending_id)
        print(f"  {label[:33]:<34}{count:>8}{count / summary.games:>9.1%}")
    print()
    print(_("  mean turns {mean:.1f}, median {median:g}; {secs:.2f} s, {rate:,.0f} games/s "
            "on {w} worker(s)").format(
        mean=summary.mean_turns, median=summary.median_turns, secs=summary.seconds,
        rate=summary.games / summary.seconds, w=summary.workers))
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


def cmd_extract(args: argparse.Namespace) -> int:
    """Write the translation template."""
    from game.content.bundle import Content
    from game.i18n_extract import write_template

    content = _load([])
    if isinstance(content, int):
        return content
    assert isinstance(content, Content)
    try:
        count = write_template(content, args.out)
    except OSError as exc:
        print(_("Cannot write {out}: {err}").format(out=args.out, err=exc.strerror),
              file=sys.stderr)
        return 1
    print(_("{n} messages written to {out}").format(n=count, out=args.out))
    return 0


COMMANDS = {
    "text": cmd_text,
    "simulate": cmd_simulate,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "extract": cmd_extract,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of `python -m game` and `unlikely-allies`."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
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
