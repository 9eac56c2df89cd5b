"""What the language tests look for in what a player sees.

In the pseudo-language (`--lang qps`) every translated string arrives inside ⟦ ⟧, so any
word outside the markers was never translated: English left in the code, or a sentence
assembled from pieces. In Spanish, the same run must show no English sentence: neither a
catalogue's English original nor English's little words (the, of, your…).

Allowed outside the markers: the titles, publishers and addresses of sources (they stay
as published), the leaders' names, the game's name, numbers and symbols.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from game.models.bundle import Content

OPEN, CLOSE = "⟦", "⟧"
#: A word: two letters or more (a lone letter is a key to press, `h`, `i N`).
WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]+")
#: Words that are English and never Spanish: one of them in a Spanish game is English
#: left behind, whatever string it came from.
ENGLISH_ONLY = frozenset((
    "the", "and", "with", "your", "you", "of", "his", "their", "they", "this", "that",
    "these", "those", "was", "were", "have", "had", "will", "would", "should",
    "could", "what", "which", "when", "who", "whose", "is", "are", "be", "been",
    "being", "it", "its", "from", "into", "over", "after", "before", "by", "than",
    "then", "there", "here", "not", "but", "or", "if", "our", "we", "us", "my", "month",
    "months", "turn", "turns", "card", "cards", "trust", "polls", "news", "agreement",
    "agreements"))


def collapse(text: str) -> str:
    """`text` with every run of spaces and line breaks as one space (lines wrap)."""
    return re.sub(r"\s+", " ", text)


def outside_markers(text: str) -> str:
    """`text` with every marked stretch (nested ones too) blanked out. A stretch cut
    short by an ellipsis has no closing marker: it runs to the end of that text."""
    out = []
    depth = 0
    for ch in text:
        if ch == OPEN:
            depth += 1
            out.append(" ")
        elif ch == CLOSE:
            depth = max(0, depth - 1)
            out.append(" ")
        else:
            out.append(" " if depth else ch)
    return "".join(out)


def names(content: Content) -> list[str]:
    """What stays as it is in every language: sources' titles, publishers and addresses,
    the leaders' names, the game's name; longest first, so a name inside a title does
    not break the title."""
    found = {"Unlikely Allies", "UNLIKELY ALLIES"}
    for source in content.sources.values():
        found |= {collapse(source.title), source.url}
        if source.publisher:
            found.add(collapse(source.publisher))
    for leader in content.leaders.values():
        found |= {leader.name, leader.short, leader.short.upper(), leader.name.upper()}
    return sorted(found, key=len, reverse=True)


def without(text: str, allowed: Iterable[str]) -> str:
    """`text` (collapsed) with every allowed name blanked out."""
    text = collapse(text)
    for name in allowed:
        text = text.replace(name, " ")
    return text


def context(text: str, start: int, end: int) -> str:
    """Where a word was found, for the failure message."""
    return text[max(0, start - 50):end + 50].strip()


def unmarked(text: str, allowed: Iterable[str]) -> list[str]:
    """Each word shown outside the pseudo-language's markers, in its place."""
    rest = without(outside_markers(text), allowed)
    return sorted({f"{m.group()!r} in …{context(rest, m.start(), m.end())}…"
                   for m in WORD.finditer(rest)})


def english(text: str, allowed: Iterable[str], originals: Iterable[str]) -> list[str]:
    """English in a Spanish game: a catalogue's English original (of two words or more,
    not the same in Spanish) shown whole, or an English-only little word."""
    rest = without(text, allowed)
    found = {f"English original {o!r}" for o in originals if o in rest}
    found |= {f"{m.group()!r} in …{context(rest, m.start(), m.end())}…"
              for m in WORD.finditer(rest) if m.group().lower() in ENGLISH_ONLY}
    return sorted(found)


def originals(strings: dict[tuple[str | None, str], str | tuple[str, ...]]) -> list[str]:
    """The English sentences a Spanish game must not show: each catalogue entry's
    English, cut at its {placeholders}, the pieces of three words or more whose
    translation differs."""
    pieces = set()
    for (_context, english_text), translated in strings.items():
        if isinstance(translated, tuple) or translated == english_text:
            continue
        for piece in re.split(r"\{[^}]*\}|%\(?\w*\)?[sdr]|\n", english_text):
            piece = collapse(piece).strip(" .,:;—-")
            if len(piece.split()) >= 3 and piece not in translated:
                pieces.add(piece)
    return sorted(pieces, key=len, reverse=True)
