"""Content in the player's language: every text of the content a player can see, by the
context that names it in the catalogues (`cards.<id>.title`, `events.<id>.choices.0.label`,
…), and a copy of the content with those texts translated.

The two walk the content the same way (`messages`, `localize`), so what `extract` writes
for translators is what the game looks up. Sources keep their titles as published. A
translated copy keeps the original's fingerprint: a game saved in Spanish loads in
English, and the other way round.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from typing import Any

from game.i18n import Translator, current
from game.models.bundle import Content

Look = Callable[[str, str], str]


def messages(content: Content) -> Iterator[tuple[str, str]]:
    """(context, English text) for every content text a player can see; the names of
    ongoing effects under the context `modifier` (the game keeps them in English and
    translates them where shown: game.wording.modifier_text)."""
    found: list[tuple[str, str]] = []

    def note(context: str, text: str) -> str:
        found.append((context, text))
        return text

    _walk(content, note)
    yield from found
    labels: dict[str, None] = {}
    for holder in (*content.cards.values(), *content.events.values(),
                   *(choice for event in content.events.values() for choice in event.choices)):
        for effect in getattr(holder, "effects", ()):
            label = getattr(effect, "label", None)
            if getattr(effect, "kind", None) == "modifier" and label:
                labels[label] = None
    for label in labels:
        yield "modifier", label


def owner(context: str, content: Content) -> str | None:
    """The pack that defines the item a content context names (`cards.<id>.title`), if
    one pack does (history and the rules belong to none)."""
    table, _dot, rest = context.partition(".")
    item_id, _dot, where = rest.partition(".")
    if table == "packs":  # a pack's own name and description
        return item_id
    origin = content.origins.get((table, item_id))
    # a text a later pack's patch changed is that pack's to translate
    return origin.of_field(where.split(".", 1)[0]).pack if origin is not None else None


def localize(content: Content, translator: Translator) -> Content:
    """`content` with every text a player sees in `translator`'s language: made once per
    language from the original English (whichever translation is passed in) and kept;
    the original itself for English. The fingerprint stays the original's."""
    original: Content = content.__dict__.get("original", content)
    if translator.lang == "en":
        return original
    made: dict[Translator, Content] = original.__dict__.setdefault("translations", {})
    if translator not in made:
        translated = _walk(original, translator.pgettext)
        translated.__dict__["fingerprint"] = original.fingerprint  # the same game, in words
        translated.__dict__["original"] = original
        made[translator] = translated
    return made[translator]


def localized(content: Content) -> Content:
    """`content` in the language in use (game.i18n.current)."""
    return localize(content, current())



def _fields(model: Any, context: str, names: tuple[str, ...], look: Look) -> dict[str, str]:
    return {name: look(f"{context}.{name}", getattr(model, name)) for name in names
            if getattr(model, name)}


def _walk(content: Content, look: Look) -> Content:
    """A copy of `content` with each text replaced by `look(context, text)`."""
    cards = {key: card.model_copy(update=_fields(card, f"cards.{card.id}",
                                                 ("title", "text", "context"), look))
             for key, card in content.cards.items()}
    events = {}
    for key, event in content.events.items():
        where = f"events.{event.id}"
        update: dict[str, Any] = _fields(event, where, ("title", "text", "context"), look)
        update["choices"] = [choice.model_copy(update=_fields(
            choice, f"{where}.choices.{i}", ("label", "text"), look))
            for i, choice in enumerate(event.choices)]
        events[key] = event.model_copy(update=update)
    endings = [ending.model_copy(update=_fields(ending, f"endings.{ending.id}",
                                                ("title", "text", "history"), look))
               for ending in content.endings]
    leaders = {key: leader.model_copy(update=_fields(
        leader, f"leaders.{leader.id}", ("name", "short", "office", "country", "wants"), look))
        for key, leader in content.leaders.items()}
    scenarios = {}
    for key, sc in content.scenarios.items():
        where = f"scenarios.{sc.id}"
        update = {**_fields(sc, where, ("title", "briefing", "question"), look)}
        update["objectives"] = [look(f"{where}.objectives.{i}", text)
                                for i, text in enumerate(sc.objectives)]
        update["goals"] = [goal.model_copy(update={"text": look(f"{where}.goals.{i}",
                                                                goal.text)})
                           for i, goal in enumerate(sc.goals)]
        update["injects"] = [inject.model_copy(update={"label": look(
            f"{where}.injects.{i}.label", inject.label)}) if inject.label else inject
            for i, inject in enumerate(sc.injects)]
        scenarios[key] = sc.model_copy(update=update)
    assumptions = {key: a.model_copy(update=_fields(a, f"assumptions.{a.id}",
                                                    ("heading", "text"), look))
                   for key, a in content.assumptions.items()}
    history = {key: entry.model_copy(update={"text": look(f"history.{key}.text", entry.text)})
               for key, entry in content.history.items()}
    difficulties = {key: d.model_copy(update=_fields(d, f"difficulties.{key}",
                                                     ("title", "text"), look))
                    for key, d in content.difficulties.items()}
    interactions = [i.model_copy(update=_fields(i, f"rules.interactions.{i.id}",
                                                ("title", "text"), look))
                    for i in content.rules.interactions]
    rules = content.rules.model_copy(update={"interactions": interactions})
    packs = [pack.model_copy(update=_fields(pack, f"packs.{pack.id}", ("name", "description"),
                                            look)) for pack in content.packs]
    return dataclasses.replace(
        content, packs=packs, cards=cards, events=events, endings=endings, leaders=leaders,
        scenarios=scenarios, assumptions=assumptions, history=history,
        difficulties=difficulties, rules=rules)
