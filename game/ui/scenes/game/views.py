"""What the board shows of the hand: each card's face, and a card in full."""

from __future__ import annotations

from game.i18n import _
from game.ui import theme
from game.ui.table import Table
from game.ui.widgets.effects import Effects
from game.ui.widgets.hand import CardView
from game.ui.widgets.scroll import Item
from game.wording import (
    answer_text,
    category_text,
    front_text,
    rejection_text,
    sources_text,
)


def card_views(table: Table, style: str) -> list[CardView]:
    """What each card of the hand shows."""
    engine, state, human = table.engine, table.state, table.human
    offers = engine.open_offers(state)
    views = []
    for card_id in table.hand():
        cc = engine.card(human, card_id)
        card = cc.card
        where = category_text(card.category).upper() + (
            f" · {front_text(cc.front).upper()}" if cc.front and cc.front != card.category
            else "")
        views.append(CardView(
            where=where, category=card.category, stance=card.stance, cost=card.cost,
            title=table.content.cards[card_id].title,  # in the language in use
            playable=engine.why_not(state, human, card_id) is None,
            answers=bool(answer_text(offers, human, card.stance, cc.front, table.content)),
            preview=table.preview(card.effects, style)))
    return views


def card_paragraphs(table: Table, index: int, style: str) -> list[Item]:
    """The card at `index` in full (Hold, at the end of the hand)."""
    hand = table.hand()
    if index == len(hand):
        return [(_("Hold"), 18, True, theme.TEXT),
                (_("Play no card this month and bank {n} more capital. Holding counts as "
                   "neither tough nor friendly: below your comfort level your base "
                   "dislikes it.").format(n=table.engine.rules.hold_gain), 15, False,
                 theme.TEXT)]
    cc = table.engine.card(table.human, hand[index])
    card = table.content.cards[hand[index]]  # its words in the language in use
    lines: list[Item] = [
        (card.title, 18, True, theme.TEXT), (card.text, 15, False, theme.TEXT),
        Effects(table.preview(cc.card.effects, style), 15, _("Effect:"))]
    answer = answer_text(table.engine.open_offers(table.state), table.human, card.stance,
                         cc.front, table.content)
    if answer:
        lines.append((answer, 15, True, theme.GOOD))
    why = table.engine.why_not(table.state, table.human, hand[index])
    if why:
        lines.append((_("Cannot play: ") + rejection_text(why), 15, True, theme.BAD))
    lines.append((_("What really happened: ") + card.context, 14, False, theme.MUTED))
    lines.append((_("Sources: ") + sources_text(card.sources, table.content), 12, False,
                  theme.MUTED))
    return lines
