"""Sources as a class needs them: title, publisher and date in words, never bare ids."""

from __future__ import annotations

import re

from game.content import load_game_content
from game.models.content import Source
from game.wording import date_words, source_words, sources_text


def test_dates_in_words() -> None:
    assert date_words("2020-05-05") == "5 May 2020"
    assert date_words("2019-12") == "December 2019"
    assert date_words("2018") == "2018"


def test_a_source_reads_title_publisher_and_date() -> None:
    full = Source(id="a", title="Mexico deploys troops.", publisher="Reuters", date="2019-06-21",
                  url="https://example.org")
    assert source_words(full) == "Mexico deploys troops. Reuters, 21 June 2019"
    undated = Source(id="b", title="A report", publisher="CRS", url="https://example.org")
    assert source_words(undated) == "A report. CRS"
    disputed = Source(id="c", title="A count", date="2020-01", url="https://example.org",
                      uncertain=True)
    assert source_words(disputed) == "A count. January 2020 (its figures are disputed)"


def test_every_shipped_source_is_shown_in_words() -> None:
    content = load_game_content().content
    assert content is not None
    for item in [*content.cards.values(), *content.events.values()]:
        text = sources_text(item.sources, content)
        for source_id in item.sources:
            assert source_words(content.sources[source_id]) in text
            assert not re.search(rf"(^|; ){re.escape(source_id)}(;|$)", text), item.id
