"""Every refusal the server gives, in words, in the reader's language: a code and its
facts become a sentence; an HTTP refusal is a JSON error with its status."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from game.i18n import N_, _, using
from game.server.views import translator
from game.wording import rejection_text

#: Every refusal, in words (the facts fill the braces).
REFUSALS = {
    "no_room": N_("There is no room with that code."),
    "no_code": N_("Give the room's code: your teacher has it."),
    "cross_site": N_("This form was sent from another site: open the game's own page and "
                     "join there."),
    "bad_name": N_("Give a name of 1 to 40 letters."),
    "bad_side": N_("A side is amlo or trump."),
    "bad_lang": N_("That language is not available."),
    "bad_agent": N_("There is no computer player called {agent}."),
    "no_table": N_("There is no table {number} in this room."),
    "table_full": N_("Table {number} has no free seat."),
    "no_scenario": N_("There is no scenario {scenario}."),
    "not_facilitator": N_("Only the room's facilitator may do that."),
    "too_many_joins": N_("Too many joins from this address: wait a minute."),
    "not_started": N_("The game starts when the other seat is taken."),
    "broken": N_("This table could not be restored; ask the facilitator."),
    "storage": N_("The server could not record your order; give it again."),
    "over": N_("The game is over."),
    "paused": N_("The facilitator has paused the game: wait for it to resume."),
    "none_playing": N_("None of those tables is playing a game now."),
    "unknown_action": N_("The console does not know that action."),
    "bad_minutes": N_("Give a month from 1 to 240 minutes, or none."),
    "bad_then": N_("When the time runs out, the seat holds or the computer plays."),
    "already_computer": N_("The computer already plays that seat."),
    "computer_seat": N_("The computer plays this seat now."),
    "bad_headline": N_("Write a headline of 1 to 80 characters."),
    "bad_news_text": N_("Write what happens in 1 to 600 characters."),
    "bad_meter": N_("Change {row}: choose what it changes."),
    "bad_change": N_("Change {row}: give a whole number from -30 to 30."),
    "seat_present": N_("{name} is connected: the computer takes only the seat of a player "
                       "who is away."),
    "both_computer": N_("The other seat is the computer's too: two computers would play "
                        "the game to its end at once."),
    "same_table": N_("The player waits at table {number}: choose another table."),
    "bad_console_token": N_("That token does not open this room's console: copy everything "
                            "after the # of the Console address the server printed."),
    "not_waiting": N_("Nobody waits alone at table {number} to be moved."),
    "seat_taken": N_("A player already sits there at table {number}."),
    "bad_tables": N_("Give the tables as numbers, like 1, 3, 4 (or nothing for every table)."),
    "bad_message_text": N_("Write a message of 1 to 280 characters."),
    "stale": N_("The game moved on since your last view: look again and choose."),
    "not_deciding": N_("There is no decision of yours on the news now."),
    "no_option": N_("There is no such option."),
    "not_ordering": N_("This is not the moment to play a card."),
    "already_ordered": N_("You have already given your order this month."),
    "too_large": N_("The message is too large."),
    "not_json": N_("The message is not JSON."),
    "no_type": N_("The message has no type."),
    "unknown_type": N_("The server does not know that kind of message."),
    "bad_message": N_("The message is not written as the protocol says ({field})."),
    "protocol": N_("This client speaks protocol {given}; the server speaks {protocol}."),
    "bad_token": N_("That seat token is not valid here."),
    "hello_first": N_("Say hello with your seat's token first."),
    "already_seated": N_("This connection already has a seat."),
}


def refusal(code: str, **facts: Any) -> str:
    """A refusal in words, in the language in use."""
    if code == "rejected" and isinstance(facts.get("rejected"), tuple):
        return rejection_text(facts["rejected"])
    words = REFUSALS.get(code)
    if words is None:
        return code
    try:
        return _(words).format(**facts)
    except (KeyError, IndexError):
        return _(words)


def error(code: str, status: int, lang: str = "en", **facts: Any) -> JSONResponse:
    with using(translator(lang)):
        return JSONResponse({"error": code, "message": refusal(code, **facts)},
                            status_code=status)


STATUS = {"no_room": 404, "no_table": 404, "not_facilitator": 403, "too_many_joins": 429,
          "table_full": 409}


def say(code: str, lang: str, **facts: Any) -> str:
    """A refusal in words, in `lang`."""
    with using(translator(lang)):
        return refusal(code, **facts)
