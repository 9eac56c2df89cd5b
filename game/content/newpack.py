"""`python -m game new-pack DIR`: a small pack that works, to change into one's own.

It adds a three-month scenario about the water the 1944 treaty had Mexico deliver by
October 2020, with a source, a card, an event and an ending of its own, and translates
itself into Spanish. Every file names its JSON Schema by a path inside the pack (`schemas/`, copied
there), so that an editor completes and checks it wherever the pack is kept.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from game import __version__
from game.content.schema import write_schemas
from game.i18n import _


class PackExists(Exception):
    """The folder already holds files: nothing is written."""


def pack_id_for(folder: Path) -> str:
    """An id made from a folder's name: `My Region` → `my_region`."""
    words = re.sub(r"[^a-z0-9]+", "_", folder.name.lower()).strip("_")
    if not words:
        return "my_pack"
    return words if words[0].isalpha() else f"pack_{words}"


def _title(pack_id: str) -> str:
    return pack_id.replace("_", " ").capitalize()


def _schema_line(kind: str, depth: int) -> str:
    return f"# yaml-language-server: $schema={'../' * depth}schemas/{kind}.schema.json\n"


def new_pack(folder: Path, pack_id: str | None = None, name: str | None = None) -> list[Path]:
    """Write the starter pack into `folder` (created, or empty); the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise PackExists(_("{folder} already exists and is not empty: choose a new folder "
                           "name, like my_region/").format(folder=folder))
    pid = pack_id or pack_id_for(folder)
    shown = name or _title(pid)
    minor = ".".join(__version__.split(".")[:2])
    files = {
        # the name as a quoted string: a colon or a # in it must not end it
        "pack.yaml": _schema_line("pack", 0) + _MANIFEST.format(id=pid, name=json.dumps(
            shown, ensure_ascii=False), minor=minor),
        "sources.yaml": _schema_line("sources", 0) + _SOURCES,
        "cards/cards.yaml": _schema_line("cards", 1) + _CARDS.format(id=pid),
        "events/events.yaml": _schema_line("events", 1) + _EVENTS.format(id=pid),
        f"scenarios/{pid}_water.yaml": _schema_line("scenarios", 1) + _SCENARIO.format(id=pid),
        "endings/endings.yaml": _schema_line("endings", 1) + _ENDINGS.format(id=pid),
        "locale/es.po": _SPANISH.format(id=pid, name=json.dumps(shown, ensure_ascii=False)),
        "README.md": _README.format(id=pid, name=shown, folder=folder.name),
    }
    written = []
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    written.extend(write_schemas(folder / "schemas"))
    return written


_MANIFEST = """\
id: {id}
name: {name}
version: 0.1.0
authors: [Your name]
game: ">={minor}"
description: A three-month scenario about the water Mexico owed the United States in 2020.
depends: [core]
"""

_SOURCES = """\
# Every source a card, an event or a history entry of this pack cites, by id.
sources:
  - id: 10news-water-2020-10-22
    title: "Mexico reaches deal to pay water debt to US"
    publisher: "Associated Press (10News)"
    date: "2020-10-22"
    url: "https://www.10news.com/news/national/mexico-reaches-deal-to-pay-water-debt-to-us"
"""

_CARDS = """\
# This pack's policy cards: a side plays one each month.
cards:
  - id: {id}_water_talks
    side: amlo
    title: Negotiate the water deliveries
    text: >-
      Send your foreign ministry to find a way to deliver the water the treaty owes
      without emptying Chihuahua's dams. Washington welcomes the talks; the farmers
      want none of it.
    context: >-
      Mexico and the United States agreed on 21 October 2020, days before the deadline,
      that Mexico would deliver water stored in border reservoirs.
    sources: [10news-water-2020-10-22]
    scenarios: [{id}_water]
    category: diplomacy
    stance: cooperate
    cost: 1
    from: 2020-08
    effects:
      - {{kind: meter, meter: trust, delta: 2}}
      - {{kind: meter, meter: polls.self, delta: -1}}
    once: true
"""

_EVENTS = """\
# This pack's news: each month the game may draw one, or fire one on its date.
events:
  - id: {id}_water_deadline
    title: The Water Deadline Is Days Away
    date: 2020-10
    text: >-
      The five-year cycle of the 1944 water treaty closes on 24 October. Mexico is still
      behind on its deliveries, and a deal has to be found now.
    context: >-
      The two governments reached a deal on 21 October 2020, two days before the
      deadline.
    sources: [10news-water-2020-10-22]
    scenarios: [{id}_water]
    choices:
      - side: amlo
        label: Deliver the water from the border reservoirs
        text: Keep the treaty; the north will blame you.
        effects:
          - {{kind: meter, meter: trust, delta: 3}}
          - {{kind: meter, meter: polls.self, delta: -1}}
        historical: true
      - side: amlo
        label: Ask Washington for more time
        text: Your farmers cheer; Washington does not.
        effects:
          - {{kind: meter, meter: trust, delta: -2}}
          - {{kind: meter, meter: polls.self, delta: 1}}
"""

_SCENARIO = """\
id: {id}_water
title: The water deadline, August to October 2020
start: 2020-08
turns: 3
briefing: >-
  August 2020. Under the 1944 treaty Mexico must deliver water from the Rio Grande by
  October, and it is far behind. In Chihuahua, farmers in a drought say the water is
  theirs.
question: >-
  Can a president keep a treaty that his own farmers reject, and what does the other
  president owe him for it?
objectives:
  - Explain why keeping the treaty cost López Obrador support in the north.
meters:
  trust: 55
  polls.amlo: 60
  polls.trump: 43
  tension.trade: 40
  tension.migration: 40
  tension.security: 50
  capital.amlo: 4
  capital.trump: 4
goals:
  - text: Trust at 55 or more in the last month
    when: {{kind: meter, meter: trust, min: 55}}
exclude_endings: [unlikely_allies, working_relationship, cold_truce]
"""

_ENDINGS = """\
# This pack's endings, checked at the end of each month, the highest priority first.
endings:
  - id: {id}_deadline_passes
    kind: term_end
    title: The Deadline Passes
    priority: 10
    scenarios: [{id}_water]
    text: >-
      October ends. Whatever was done about the water, both presidents now face what their
      farmers and their voters make of it.
    history: >-
      Mexico and the United States reached a deal on 21 October 2020, two days before the
      deadline, and Mexico delivered water stored in border reservoirs.
    when: {{kind: last_turn}}
"""

_SPANISH = """\
# Spanish translation of the pack's texts. Each msgctxt names a text of the pack;
# `python -m game extract --pack . --out {id}.pot` lists them all.
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: es\\n"

msgctxt "packs.{id}.name"
msgid {name}
msgstr {name}

msgctxt "packs.{id}.description"
msgid "A three-month scenario about the water Mexico owed the United States in 2020."
msgstr "Un escenario de tres meses sobre el agua que México debía a Estados Unidos en 2020."

msgctxt "cards.{id}_water_talks.title"
msgid "Negotiate the water deliveries"
msgstr "Negociar las entregas de agua"

msgctxt "cards.{id}_water_talks.text"
msgid ""
"Send your foreign ministry to find a way to deliver the water the treaty owes "
"without emptying Chihuahua's dams. Washington welcomes the talks; the farmers want "
"none of it."
msgstr ""
"Envía a tu cancillería a buscar cómo entregar el agua que debe el tratado sin vaciar "
"las presas de Chihuahua. Washington celebra las pláticas; los agricultores no quieren "
"saber nada."

msgctxt "cards.{id}_water_talks.context"
msgid ""
"Mexico and the United States agreed on 21 October 2020, days before the deadline, "
"that Mexico would deliver water stored in border reservoirs."
msgstr ""
"México y Estados Unidos acordaron el 21 de octubre de 2020, días antes del plazo, que "
"México entregaría agua almacenada en presas de la frontera."

msgctxt "events.{id}_water_deadline.title"
msgid "The Water Deadline Is Days Away"
msgstr "Faltan días para el plazo del agua"

msgctxt "events.{id}_water_deadline.text"
msgid ""
"The five-year cycle of the 1944 water treaty closes on 24 October. Mexico is still "
"behind on its deliveries, and a deal has to be found now."
msgstr ""
"El ciclo de cinco años del tratado de aguas de 1944 cierra el 24 de octubre. México "
"sigue atrasado en sus entregas y hay que llegar a un acuerdo ya."

msgctxt "events.{id}_water_deadline.context"
msgid "The two governments reached a deal on 21 October 2020, two days before the deadline."
msgstr "Los dos gobiernos llegaron a un acuerdo el 21 de octubre de 2020, dos días antes del plazo."

msgctxt "events.{id}_water_deadline.choices.0.label"
msgid "Deliver the water from the border reservoirs"
msgstr "Entregar el agua de las presas de la frontera"

msgctxt "events.{id}_water_deadline.choices.0.text"
msgid "Keep the treaty; the north will blame you."
msgstr "Cumple el tratado; el norte te lo reprochará."

msgctxt "events.{id}_water_deadline.choices.1.label"
msgid "Ask Washington for more time"
msgstr "Pedir más tiempo a Washington"

msgctxt "events.{id}_water_deadline.choices.1.text"
msgid "Your farmers cheer; Washington does not."
msgstr "Tus agricultores aplauden; Washington, no."

msgctxt "scenarios.{id}_water.title"
msgid "The water deadline, August to October 2020"
msgstr "El plazo del agua, de agosto a octubre de 2020"

msgctxt "scenarios.{id}_water.briefing"
msgid ""
"August 2020. Under the 1944 treaty Mexico must deliver water from the Rio Grande by "
"October, and it is far behind. In Chihuahua, farmers in a drought say the water is "
"theirs."
msgstr ""
"Agosto de 2020. Por el tratado de 1944, México debe entregar agua del río Bravo antes "
"de octubre, y va muy atrasado. En Chihuahua, los agricultores, en plena sequía, dicen "
"que el agua es suya."

msgctxt "scenarios.{id}_water.question"
msgid ""
"Can a president keep a treaty that his own farmers reject, and what does the other "
"president owe him for it?"
msgstr ""
"¿Puede un presidente cumplir un tratado que rechazan sus propios agricultores, y qué "
"le debe por ello el otro presidente?"

msgctxt "scenarios.{id}_water.objectives.0"
msgid "Explain why keeping the treaty cost López Obrador support in the north."
msgstr "Explicar por qué cumplir el tratado le costó apoyo a López Obrador en el norte."

msgctxt "scenarios.{id}_water.goals.0"
msgid "Trust at 55 or more in the last month"
msgstr "Confianza de 55 o más en el último mes"

msgctxt "endings.{id}_deadline_passes.title"
msgid "The Deadline Passes"
msgstr "Pasa el plazo"

msgctxt "endings.{id}_deadline_passes.text"
msgid ""
"October ends. Whatever was done about the water, both presidents now face what their "
"farmers and their voters make of it."
msgstr ""
"Termina octubre. Se haya hecho lo que se haya hecho con el agua, los dos presidentes "
"enfrentan ahora lo que opinan de ello sus agricultores y sus votantes."

msgctxt "endings.{id}_deadline_passes.history"
msgid ""
"Mexico and the United States reached a deal on 21 October 2020, two days before the "
"deadline, and Mexico delivered water stored in border reservoirs."
msgstr ""
"México y Estados Unidos llegaron a un acuerdo el 21 de octubre de 2020, dos días antes "
"del plazo, y México entregó agua almacenada en presas de la frontera."
"""

_README = """\
# {name}

A content pack for Unlikely Allies, made with `python -m game new-pack`. Change it
into your own: the guide is docs/MODDING.md in the game's repository.

- `pack.yaml`: the pack's id (`{id}`), name, version, authors and the game versions
  it is made for.
- `sources.yaml`: the sources its cards and events cite.
- `cards/`, `events/`, `scenarios/`, `endings/`: its cards, news, scenario and ending.
- `locale/es.po`: its texts in Spanish.
- `schemas/`: what each file may hold, for your editor (VS Code with the YAML
  extension completes and checks as you type).

Check it, and play it:

    python -m game validate {folder}/
    python -m game validate --watch {folder}/
    python -m game text --pack {folder}/ --scenario {id}_water
"""
