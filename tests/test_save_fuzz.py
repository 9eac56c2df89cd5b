"""Fuzzing saves: any damaged file is refused in one sentence, or loads and plays to the end.

Real saves (made by agents playing: at the start, mid-game in each phase, a
finished game, another scenario) are damaged at random — keys deleted anywhere,
wrong types, huge and negative numbers, unknown ids, values taken from another
save, lists and objects swapped, duplicate keys, deep nesting, NaN, long
numerals, random bytes, truncation — then written to a file and loaded as the
game loads them (`read_save`, then `Session.from_save`). Whatever the damage:

- it is refused with a SaveProblem naming the file (or a ContentMismatch, only
  when the header says the content changed), never any other exception;
- or it loads, and then plays to its end with agents on both sides, and the
  game it became saves and loads again;
- the file's bytes are never changed, and listing the folder never fails.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from game.ai.agents import make_agent
from game.content import load_game_content
from game.core.orders import ChooseOption, Hold, Rejected
from game.core.state import CHOICE, POLICY, SIDES, UPKEEP, month_name
from game.models.bundle import Content
from game.persistence.files import encode
from game.persistence.store import MAX_SAVE_BYTES, SaveProblem, list_saves, read_save
from game.session import ContentMismatch, Session, check_content
from tests.profiles import examples

Json = Any


@functools.cache
def game_content() -> Content:
    """The game's content, loaded once for this module."""
    loaded = load_game_content().content
    assert loaded is not None
    return loaded


@pytest.fixture(scope="module")
def content() -> Content:
    """The game's content (the same object for the whole module)."""
    return game_content()


def _human_plays(session: Session, stop: str | None, turn: int) -> Session:
    """Play AMLO's side as a careless human (first option, then hold or the first card)
    until `turn` reaches the phase `stop` (None: to the end)."""
    helper = make_agent("greedy", "amlo", session.engine)
    while not session.over:
        if session.state.phase == UPKEEP:
            if stop == UPKEEP and session.state.turn >= turn:
                return session
            session.begin_turn()
        if session.state.phase == CHOICE:
            if stop == CHOICE and session.state.turn >= turn:
                return session
            while session.state.phase == CHOICE:
                for side in list(session.state.pending):
                    count = len(session.engine.options(session.state, side))
                    assert session.choose(ChooseOption(
                        side, min(session.state.turn % 2, count - 1))) is None
        if session.state.phase == POLICY:
            if stop == POLICY and session.state.turn >= turn:
                return session
            order = helper.choose_order(session.engine, session.state) \
                if session.state.turn % 3 else Hold("amlo")
            session.resolve({"amlo": order})
    return session


@functools.cache
def base_saves() -> tuple[Json, ...]:
    """Saves of real games, as raw JSON: every phase, a finished game, two scenarios.

    Made once for this module (the fuzzer copies them before damaging them).
    """
    content = game_content()
    made: list[Json] = []

    def keep(session: Session, label: str) -> None:
        made.append(json.loads(encode(session.to_save(label))))

    keep(Session.new(content, "full_term", 11, {"trump": "greedy"}), "start")
    for seed in range(40):  # a game where the human has a decision to make mid-game
        session = _human_plays(Session.new(content, "full_term", seed,
                                           {"trump": "reciprocal"}), CHOICE, 5)
        if session.state.phase == CHOICE and "amlo" in session.state.pending:
            keep(session, "choice")
            break
    keep(_human_plays(Session.new(content, "full_term", 5, {"trump": "greedy"}), POLICY, 9),
         "policy")
    keep(_human_plays(Session.new(content, "full_term", 6, {"trump": "random"}), UPKEEP, 14),
         "upkeep")
    keep(_human_plays(Session.new(content, "full_term", 7, {"trump": "greedy"}), None, 0),
         "over")
    both = Session.new(content, "tariff_showdown", 8, {"amlo": "reciprocal", "trump": "greedy"})
    keep(_human_plays(both, POLICY, 2), "short")
    assert {b["header"]["label"] for b in made} == {"start", "choice", "policy", "upkeep",
                                                   "over", "short"}
    assert made[4]["header"]["phase"] == "over"
    return tuple(made)


# ------------------------------------------------------------------ damage


#: Values of every kind, for wrong types and edge numbers.
ODD_VALUES: list[Json] = [
    None, True, False, 0, 1, -1, 2, 3, 24, 25, 100, 101, 624, 625, 9999, -9999,
    2**31, 2**32, 2**32 - 1, 2**63, -(2**63), 2**64, 10**40, -(10**40), 0.5, -0.0, 1e300,
    "", "5", "x", "amlo", "trump", "hold", "over", "choice", "2019-13", "2019-01",
    "ev_nope", "amlo_nope", "trump_nope", "term_end", "inject:99", "a\x1b[2Jb", "../../x",
    "0123456789abcdef", "agent", "human",
    "é" * 300, [], [0], ["amlo", "amlo"], [[]], {}, {"amlo": 0}, {"": None},
]
#: Ids that are well formed but unknown, or known in the wrong place.
ODD_IDS = ["amlo_nope", "trump_nope", "ev_nope", "zz", "trump_send_barr", "amlo_retaliate",
           "ev_remain_in_mexico", "ev_wall_rally", "reciprocity", "collision", "term_end",
           "full_term", "tariff_showdown", "pandemic_year", "lookahead", "easy", "random"]


def _paths(value: Json, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON value."""
    out = [prefix]
    if isinstance(value, dict):
        for key, inner in value.items():
            out.extend(_paths(inner, (*prefix, key)))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            out.extend(_paths(inner, (*prefix, index)))
    return out


def _get(value: Json, path: tuple[Any, ...]) -> Json:
    """The value at `path`."""
    for part in path:
        value = value[part]
    return value


def _set(value: Json, path: tuple[Any, ...], new: Json) -> Json:
    """Put `new` at `path`; returns the whole value (`new` itself for the empty path)."""
    if not path:
        return new
    _get(value, path[:-1])[path[-1]] = new
    return value


def _pick(data: st.DataObject, raw: Json) -> tuple[Any, ...] | None:
    """A path into the save: from the top, each step into a key or item picked at random,
    stopping at each level with a chance of one in four (so the header's fields are
    damaged as often as the ledger's)."""
    path: tuple[Any, ...] = ()
    value = raw
    while isinstance(value, (dict, list)) and value:
        if path and data.draw(st.integers(0, 3), label="stop") == 0:
            break
        key = data.draw(st.sampled_from(list(value) if isinstance(value, dict)
                                        else range(len(value))), label="step")
        path, value = (*path, key), value[key]
    return path or None  # None: nothing is left to damage


def _structured(data: st.DataObject, raw: Json, others: list[Json]) -> Json:
    """One damage to the JSON value; returns the new value (may be the same object)."""
    path = _pick(data, raw)
    if path is None:
        return raw
    old = _get(raw, path)
    how = data.draw(st.sampled_from(["delete", "retype", "number", "id", "swap", "other",
                                     "duplicate", "reverse", "rng", "card", "news", "both"]),
                    label="how")
    event(f"structured: {how}")
    state = raw.get("state") if isinstance(raw, dict) else None
    header = raw.get("header") if isinstance(raw, dict) else None
    if how == "both" and isinstance(state, dict) and isinstance(header, dict):
        # A field the header repeats, changed in both places: past the first check.
        name = data.draw(st.sampled_from(["turn", "phase", "scenario", "seed"]))
        other = data.draw(st.sampled_from(others))
        value = data.draw(st.sampled_from([other["state"][name], *ODD_VALUES[:12],
                                           "upkeep", "choice", "policy", "over"]))
        before = state.get(name)
        header[name] = state[name] = value
        month = state.get("month")
        if name == "turn" and all(type(v) is int for v in (value, before, month)) \
                and 0 <= month - before + value < 120_000:
            state["month"] = month - before + value  # keep the calendar in step
            header["month"] = month_name(state["month"])
        return raw
    if how in ("card", "news") and isinstance(state, dict):
        # Ids where the content is needed to tell them wrong: a card in a pile, the news.
        if how == "card":
            spots = [(name, side, i) for name in ("hands", "decks", "discards")
                     if isinstance(state.get(name), dict)
                     for side, pile in state[name].items() if isinstance(pile, list)
                     for i in range(len(pile))]
        else:
            log = state.get("log")
            spots = [("event",)] + [("log", i, "event")
                                    for i in range(len(log) if isinstance(log, list) else 0)]
        if spots:
            spot = data.draw(st.sampled_from(spots))
            with contextlib.suppress(KeyError, IndexError, TypeError):
                _set(state, spot, data.draw(st.sampled_from(ODD_IDS)))
        return raw
    if how == "delete":
        parent = _get(raw, path[:-1])
        del parent[path[-1]]
        return raw
    if how == "retype":
        return _set(raw, path, copy.deepcopy(data.draw(st.sampled_from(ODD_VALUES))))
    if how == "number":
        number = data.draw(st.one_of(
            st.integers(-(2**70), 2**70), st.integers(-3, 130),
            st.floats(allow_nan=False, allow_infinity=False)))
        return _set(raw, path, number)
    if how == "id":
        return _set(raw, path, data.draw(st.sampled_from(ODD_IDS)))
    if how == "swap":
        if isinstance(old, list):
            return _set(raw, path, {str(i): v for i, v in enumerate(old)})
        if isinstance(old, dict):
            return _set(raw, path, data.draw(st.sampled_from([list(old), list(old.values())])))
        return _set(raw, path, [old])
    if how == "other":
        other = data.draw(st.sampled_from(others))
        try:
            taken = _get(other, path)
        except (KeyError, IndexError, TypeError):
            taken = _get(other, data.draw(st.sampled_from(_paths(other)[1:])))
        return _set(raw, path, copy.deepcopy(taken))
    if how == "duplicate":
        if isinstance(old, list) and old:
            index = data.draw(st.integers(0, len(old) - 1))
            old.insert(index, copy.deepcopy(old[index]))
        return raw
    if how == "reverse":
        if isinstance(old, list):
            old.reverse()
        elif isinstance(old, dict):
            _set(raw, path, dict(reversed(list(old.items()))))
        return raw
    words = state.get("rng") if isinstance(state, dict) else None  # the generator's state
    if isinstance(words, list) and len(words) == 3 and isinstance(words[1], list):
        index = data.draw(st.integers(-1, len(words[1])))
        value = data.draw(st.sampled_from([0, 624, 625, 2**32 - 1, 2**32, -1, 1.0, "1"]))
        if 0 <= index < len(words[1]):
            words[1][index] = value
        elif index < 0:
            words[1].pop()
        else:
            words[0] = data.draw(st.sampled_from([2, 4, "3", None]))
    return raw


SENTINEL = "\u2063sentinel\u2063"


def _textual(data: st.DataObject, raw: Json) -> bytes:
    """The save's bytes with damage that only text can carry (JSON hazards, bad bytes)."""
    hazards = ["duplicate-key", "nesting", "constant", "long-number", "bytes", "truncate",
               "bom", "utf-16", "huge"]
    how = data.draw(st.sampled_from(["plain"] * len(hazards) + hazards), label="text")
    event(f"textual: {how}")
    path = _pick(data, raw) if how in ("duplicate-key", "nesting", "constant",
                                         "long-number") else None
    if path is not None:
        old = _get(raw, path)
        raw = _set(raw, path, SENTINEL)
        if how == "duplicate-key":
            if isinstance(old, dict) and old:
                key = data.draw(st.sampled_from(list(old)))
                body = json.dumps(old)[1:-1]
                twice = json.dumps({key: data.draw(st.sampled_from(ODD_VALUES))})[1:-1]
                text = "{" + body + ", " + twice + "}"
            else:
                text = '{"a": 1, "a": 2}'
        elif how == "nesting":
            depth = data.draw(st.sampled_from([50, 900, 1100, 5000, 200_000]))
            text = data.draw(st.sampled_from([
                "[" * depth + "]" * depth, '{"a":' * depth + "0" + "}" * depth]))
        elif how == "constant":
            text = data.draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999",
                                              "-1e400", "[NaN]"]))
        else:
            text = data.draw(st.sampled_from(["9" * 45, "-" + "9" * 70, "1" * 4301,
                                              "7" * 100_000]))
        blob = json.dumps(raw, ensure_ascii=False).replace(json.dumps(SENTINEL), text, 1)
        return blob.encode()
    blob = encode(raw) if isinstance(raw, dict) and {"header", "state", "orders"} <= set(raw) \
        else json.dumps(raw).encode()
    if how == "bytes":
        at = data.draw(st.integers(0, len(blob)))
        junk = data.draw(st.binary(min_size=1, max_size=8))
        cut = data.draw(st.integers(0, 8))
        return blob[:at] + junk + blob[at + cut:]
    if how == "truncate":
        return blob[: data.draw(st.integers(0, len(blob) - 1))]
    if how == "bom":
        return b"\xef\xbb\xbf" + blob
    if how == "utf-16":
        return blob.decode().encode("utf-16")
    if how == "huge":
        return blob + b" " * (MAX_SAVE_BYTES + 1 - len(blob))
    return blob


def play_to_end(session: Session) -> None:
    """Play on with agents on every side until the game ends; no step may fail."""
    for side in SIDES:
        if side not in session.agents:
            session.agents[side] = make_agent("random", side, session.engine)
    for _ in range(4 * session.engine.turns + 8):
        if session.over:
            return
        if session.state.phase == UPKEEP:
            session.begin_turn()
        elif session.state.phase == CHOICE:
            assert session.agents_choose(), "no agent could decide"
        else:
            result = session.resolve({})
            assert not isinstance(result, Rejected), f"an agent's order was rejected: {result}"
    raise AssertionError("the game never ended")


def one_sentence(text: str) -> bool:
    """One line ending in a full stop, and no traceback."""
    return "\n" not in text and text.endswith(".") and "Traceback" not in text


@pytest.mark.fuzz
@settings(max_examples=examples(300, 2000))
@given(data=st.data())
def test_a_damaged_save_is_refused_in_one_sentence_or_plays_to_the_end(
    tmp_path: Path, data: st.DataObject
) -> None:
    content, bases = game_content(), base_saves()
    index = data.draw(st.integers(0, len(bases) - 1), label="save")
    raw = copy.deepcopy(bases[index])
    others = [*bases[:index], *bases[index + 1:]]
    if data.draw(st.integers(0, 4), label="content changed") == 0:
        raw["header"]["fingerprint"] = "0123456789abcdef"  # as if the packs had changed since
    for _ in range(data.draw(st.integers(0, 3), label="damages")):
        raw = _structured(data, raw, others)
    blob = _textual(data, raw)
    folder = tmp_path / "fuzz"
    folder.mkdir(exist_ok=True)
    path = folder / "damaged.json"
    path.write_bytes(blob)
    stamp = path.stat().st_mtime_ns
    try:
        save = read_save(path)
        session = Session.from_save(content, save)
    except SaveProblem as problem:
        event("refused: " + problem.kind)
        assert one_sentence(problem.message), problem.message
        assert str(path) in problem.message, problem.message
    except ContentMismatch as mismatch:
        event("content changed")
        assert check_content(save, content) is not None, mismatch.message  # only then
        assert "\n" not in mismatch.message
    else:
        event("loaded")
        play_to_end(session)
        again = session.save("again", tmp_path / "again" / "again.json")
        assert again is not None, session.last_save_error
        assert Session.from_save(content, read_save(again)).over
    assert path.read_bytes() == blob and path.stat().st_mtime_ns == stamp
    listed, problems = list_saves(folder)
    assert len(listed) + len(problems) == 1


def test_every_base_save_loads_and_plays_to_the_end(content: Content, tmp_path: Path) -> None:
    """The fuzzer's starting points are sound: undamaged, each loads and plays on."""
    for raw in base_saves():
        path = tmp_path / f"{raw['header']['label']}.json"
        path.write_bytes(encode(raw))
        session = Session.from_save(content, read_save(path))
        assert json.loads(json.dumps(session.state.to_json())) == raw["state"]
        play_to_end(session)
