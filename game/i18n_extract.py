"""Extraction of every player-visible string into a gettext template (.pot)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from game import __version__
from game.models.bundle import Content


def content_messages(content: Content) -> Iterator[tuple[str, str]]:
    """(context, English text) for every content string a player can see."""
    for card in content.cards.values():
        for name in ("title", "text", "context"):
            yield f"cards.{card.id}.{name}", getattr(card, name)
    for event in content.events.values():
        for name in ("title", "text", "context"):
            yield f"events.{event.id}.{name}", getattr(event, name)
        for i, choice in enumerate(event.choices):
            yield f"events.{event.id}.choices.{i}.label", choice.label
            if choice.text:
                yield f"events.{event.id}.choices.{i}.text", choice.text
    for ending in content.endings:
        for name in ("title", "text", "history"):
            if getattr(ending, name):
                yield f"endings.{ending.id}.{name}", getattr(ending, name)
    for leader in content.leaders.values():
        for name in ("name", "short", "office", "country", "wants"):
            yield f"leaders.{leader.id}.{name}", getattr(leader, name)
    for sc in content.scenarios.values():
        for name in ("title", "briefing", "question"):
            yield f"scenarios.{sc.id}.{name}", getattr(sc, name)
        for i, objective in enumerate(sc.objectives):
            yield f"scenarios.{sc.id}.objectives.{i}", objective
        for i, goal in enumerate(sc.goals):
            yield f"scenarios.{sc.id}.goals.{i}", goal.text
    for assumption in content.assumptions.values():
        yield f"assumptions.{assumption.id}.heading", assumption.heading
        yield f"assumptions.{assumption.id}.text", assumption.text
    for interaction in content.rules.interactions:
        yield f"rules.interactions.{interaction.id}.title", interaction.title
        yield f"rules.interactions.{interaction.id}.text", interaction.text


def write_template(content: Content, out: Path) -> int:
    """Write UI strings (from `_()` in the code) and content strings to a .pot file."""
    catalog = Catalog(project="Unlikely Allies", version=__version__)
    package = Path(__file__).resolve().parent
    for filename, lineno, message, comments, context in extract_from_dir(
        str(package), method_map=[("**.py", "python")], keywords={"_": None},
    ):
        catalog.add(message, locations=[(f"game/{filename}", lineno)],
                    auto_comments=comments, context=context)
    for context, text in content_messages(content):
        catalog.add(text, context=context)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as handle:
        write_po(handle, catalog, width=100)
    return len(catalog)
