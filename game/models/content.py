"""Content schemas: every kind of content file, as pydantic models.

Every field carries a description: it is the modder's documentation and the
editor tooltip (exported by ``python -m game schema``). Conditions and effects
are closed sets of typed kinds, discriminated by their ``kind`` field.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    field_validator,
    model_validator,
)

from game.i18n import _
from game.models.versions import parse_requirement

SIDES = ("amlo", "trump")
FRONTS = ("trade", "migration", "security")
CATEGORIES = ("trade", "migration", "security", "domestic", "diplomacy")
STANCES = ("cooperate", "confront", "domestic")
AGREEMENT_STEPS = ("none", "talks", "signed")
ENDING_KINDS = ("compromise", "collision", "domestic_defeat", "term_end")

Side = Literal["amlo", "trump"]
SideRef = Literal["amlo", "trump", "self", "other"]
CardSide = Literal["amlo", "trump", "both"]
Front = Literal["trade", "migration", "security"]
Category = Literal["trade", "migration", "security", "domestic", "diplomacy"]
Stance = Literal["cooperate", "confront", "domestic"]
AgreementStep = Literal["none", "talks", "signed"]
EndingKind = Literal["compromise", "collision", "domestic_defeat", "term_end"]
Play = Literal["cooperate", "confront", "domestic", "hold"]  # a stance, or holding

MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
ID_RE = r"^[a-z][a-z0-9_]*$"

#: Meter names a content file may use. ``self``/``other`` are resolved per side
#: for cards (``self`` is the player of the card) and event choices.
MeterName = Literal[
    "trust",
    "polls.amlo",
    "polls.trump",
    "polls.self",
    "polls.other",
    "tension.trade",
    "tension.migration",
    "tension.security",
    "capital.amlo",
    "capital.trump",
    "capital.self",
    "capital.other",
]
METER_NAMES: tuple[str, ...] = get_args(MeterName)
#: Meters as stored in the game state (no self/other).
STATE_METERS = tuple(m for m in METER_NAMES if not m.endswith((".self", ".other")))

Id = Annotated[str, Field(pattern=ID_RE, min_length=1, max_length=64)]
Month = Annotated[str, Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="A month, YYYY-MM.")]


class Model(BaseModel):
    """Base for content models: unknown fields are errors; models are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --------------------------------------------------------------------------- conditions


class AllOf(Model):
    kind: Literal["all"] = Field(description="True when every condition in `of` holds.")
    of: list[Condition] = Field(description="The conditions that must all hold.")


class AnyOf(Model):
    kind: Literal["any"] = Field(description="True when at least one condition in `of` holds.")
    of: list[Condition] = Field(min_length=1, description="The conditions, one of which must hold.")


class Not(Model):
    kind: Literal["not"] = Field(description="True when the inner condition does not hold.")
    cond: Condition = Field(description="The condition to negate.")


class MeterIs(Model):
    kind: Literal["meter"] = Field(description="Compares a meter with inclusive bounds.")
    meter: MeterName = Field(description="The meter to read, e.g. `trust` or `polls.self`.")
    min: int | None = Field(default=None, description="Holds when the meter is at least this.")
    max: int | None = Field(default=None, description="Holds when the meter is at most this.")


class FlagIs(Model):
    kind: Literal["flag"] = Field(description="Tests a named flag.")
    flag: Id = Field(description="The flag's name.")
    set: StrictBool = Field(
        default=True, description="`true`: the flag must be set; `false`: unset."
    )


class AgreementIs(Model):
    kind: Literal["agreement"] = Field(description="Tests the agreement status on a front.")
    front: Front = Field(description="trade, migration or security.")
    min: AgreementStep = Field(default="none", description="Lowest status that satisfies it.")
    max: AgreementStep = Field(default="signed", description="Highest status that satisfies it.")


class TurnIs(Model):
    kind: Literal["turn"] = Field(description="Tests the turn number (1 is the first turn).")
    min: int | None = Field(default=None, ge=1, description="From this turn on.")
    max: int | None = Field(default=None, ge=1, description="Up to this turn.")


class DateIs(Model):
    kind: Literal["date"] = Field(description="Tests the current month.")
    from_: Month | None = Field(default=None, alias="from", description="From this month on.")
    until: Month | None = Field(default=None, description="Up to and including this month.")


class LastStance(Model):
    kind: Literal["last_stance"] = Field(description="Tests the stance a leader played last turn.")
    side: SideRef = Field(description="Whose last card: amlo, trump, self or other.")
    stance: Literal["cooperate", "confront", "domestic", "hold"] = Field(
        description="The stance (or `hold`) to test for."
    )


class BelowFloor(Model):
    kind: Literal["below_floor"] = Field(
        description="True when a leader's polls have been below his floor for N turns running."
    )
    side: SideRef = Field(description="Which leader.")
    turns: int = Field(default=1, ge=1, description="How many consecutive turn ends.")


class LastTurn(Model):
    kind: Literal["last_turn"] = Field(description="True at the end of the scenario's last turn.")


class Signed(Model):
    kind: Literal["signed"] = Field(description="Counts the fronts whose agreement is signed.")
    min: int = Field(default=1, ge=0, le=3, description="At least this many fronts signed.")


Condition = Annotated[
    AllOf | AnyOf | Not | MeterIs | FlagIs | AgreementIs | TurnIs | DateIs | LastStance
    | BelowFloor | LastTurn | Signed,
    Field(discriminator="kind"),
]
CONDITION_KINDS = (
    "all", "any", "not", "meter", "flag", "agreement", "turn", "date", "last_stance",
    "below_floor", "last_turn", "signed",
)

# ------------------------------------------------------------------------------ effects


class ChangeMeter(Model):
    kind: Literal["meter"] = Field(description="Adds `delta` to a meter (clamped to its range).")
    meter: MeterName = Field(description="The meter to change.")
    delta: int = Field(ge=-100, le=100, description="How much to add; negative to subtract.")


class SetFlag(Model):
    kind: Literal["set_flag"] = Field(description="Sets a named flag.")
    flag: Id = Field(description="The flag's name.")


class ClearFlag(Model):
    kind: Literal["clear_flag"] = Field(description="Clears a named flag.")
    flag: Id = Field(description="The flag's name.")


class MoveAgreement(Model):
    kind: Literal["agreement"] = Field(description="Moves the agreement on a front.")
    front: Front = Field(description="trade, migration or security.")
    step: int = Field(default=1, ge=-2, le=2, description="+1 advances (none→talks→signed).")


class AddModifier(Model):
    kind: Literal["modifier"] = Field(
        description="Changes a meter by `delta` each turn for N turns."
    )
    meter: MeterName = Field(description="The meter to change each turn.")
    delta: int = Field(ge=-20, le=20, description="Change per turn.")
    turns: int = Field(ge=1, le=24, description="For how many upkeeps.")
    label: str = Field(description="Shown to the player as the cause, e.g. 'Tariff damage'.")


class ScheduleEvent(Model):
    kind: Literal["schedule"] = Field(description="Makes an event due some turns later.")
    event: Id = Field(description="The event's id.")
    turns: int = Field(default=1, ge=1, le=24, description="How many turns from now.")


class DrawCards(Model):
    kind: Literal["draw"] = Field(description="A leader draws cards (beyond his hand size).")
    side: SideRef = Field(default="self", description="Who draws.")
    count: int = Field(default=1, ge=1, le=5, description="How many cards.")


class DiscardCards(Model):
    kind: Literal["discard"] = Field(description="A leader discards cards at random.")
    side: SideRef = Field(default="other", description="Who discards.")
    count: int = Field(default=1, ge=1, le=5, description="How many cards.")


Effect = Annotated[
    ChangeMeter | SetFlag | ClearFlag | MoveAgreement | AddModifier | ScheduleEvent | DrawCards
    | DiscardCards,
    Field(discriminator="kind"),
]
EFFECT_KINDS = ("meter", "set_flag", "clear_flag", "agreement", "modifier", "schedule", "draw",
                "discard")

AllOf.model_rebuild()
AnyOf.model_rebuild()
Not.model_rebuild()

# ----------------------------------------------------------------------------- content


class Source(Model):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9\-]*$", description="Tag used by cards and events.")
    title: str = Field(min_length=1, description="Title of the article, page or document.")
    publisher: str | None = Field(
        default=None, min_length=1,
        description="Who published it: a newspaper, news agency, government office, court, "
        "university or journal (validate warns when it is missing).",
    )
    date: str | None = Field(
        default=None, pattern=r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$",
        description="When it was published: YYYY-MM-DD, YYYY-MM or YYYY (validate warns "
        "when it is missing).",
    )
    url: str = Field(pattern=r"^https?://", description="Address of the page.")
    uncertain: StrictBool = Field(default=False, description="The figures it gives are disputed.")


class Card(Model):
    id: Id = Field(description="Unique id; a later pack with the same id replaces this card.")
    side: CardSide = Field(description="Who may hold it: amlo, trump or both.")
    title: str = Field(min_length=1, max_length=60, description="Short title shown on the card.")
    text: str = Field(min_length=1, description="What it does, in plain words.")
    context: str = Field(min_length=1, description="The real-world fact behind the card.")
    sources: list[str] = Field(min_length=1, description="Source ids from sources.yaml.")
    category: Category = Field(description="trade, migration, security, domestic or diplomacy.")
    front: Front | None = Field(
        default=None,
        description="Front whose agreement it concerns; defaults to the category if it is a front.",
    )
    stance: Stance = Field(description="cooperate, confront or domestic: drives the interaction.")
    cost: int = Field(default=1, ge=0, le=10, description="Political capital it costs.")
    requires: Condition | None = Field(default=None, description="When it may be played.")
    effects: list[Effect] = Field(default_factory=list, description="What happens when played.")
    once: StrictBool = Field(default=False, description="Removed from the game once played.")
    weight: int = Field(default=1, ge=1, le=10, description="Copies in the deck.")
    from_: Month | None = Field(default=None, alias="from", description="Playable from this month.")
    until: Month | None = Field(default=None, description="Playable up to this month.")
    played: list[Month] = Field(
        default_factory=list, max_length=24,
        description="The months in which the leader really did what the card stands for "
        "(the historical player plays it then).",
    )
    scenarios: list[Id] = Field(
        default_factory=list,
        description="The scenarios it belongs to; none listed: every scenario whose months "
        "it fits.",
    )

    @property
    def resolved_front(self) -> str | None:
        """The front this card's agreement logic uses."""
        if self.front is not None:
            return self.front
        return self.category if self.category in FRONTS else None


class Choice(Model):
    side: Side = Field(description="Which leader may pick this option.")
    label: str = Field(min_length=1, max_length=80, description="The option as shown on a button.")
    text: str = Field(default="", description="A sentence on what the option means.")
    effects: list[Effect] = Field(default_factory=list, description="What happens if picked.")
    ai: int = Field(default=1, ge=0, le=10, description="How much the AI likes this option.")
    historical: StrictBool = Field(
        default=False, description="The option the leader really took (the historical player "
        "takes it); at most one per leader and event.",
    )


class Chain(Model):
    event: Id = Field(description="The event that follows.")
    turns: int = Field(default=1, ge=1, le=24, description="How many turns later.")


class Event(Model):
    id: Id = Field(description="Unique id.")
    title: str = Field(min_length=1, max_length=80, description="Headline.")
    text: str = Field(min_length=1, description="What happens, as news.")
    context: str = Field(min_length=1, description="The real-world fact behind it.")
    sources: list[str] = Field(min_length=1, description="Source ids from sources.yaml.")
    when: Condition | None = Field(default=None, description="When it can fire.")
    weight: int = Field(
        default=10, ge=0, le=100,
        description="Weight in the random draw; 0 means it only fires when dated, chained or "
        "injected.",
    )
    cooldown: int = Field(default=3, ge=0, le=24, description="Turns before it can fire again.")
    once: StrictBool = Field(default=False, description="Fires at most once per game.")
    date: Month | None = Field(
        default=None, description="Historical month: due that month if `when` holds."
    )
    wait: int = Field(
        default=0, ge=0, le=24,
        description="For a dated event: how many months after its date it may still fire, "
        "if its `when` did not hold in its month; 0: it lapses then.",
    )
    effects: list[Effect] = Field(default_factory=list, description="Applied when it fires.")
    choices: list[Choice] = Field(
        default_factory=list, description="Options; each leader with options must pick one."
    )
    next: list[Chain] = Field(default_factory=list, description="Events that follow this one.")
    scenarios: list[Id] = Field(
        default_factory=list,
        description="The scenarios it belongs to; none listed: every scenario whose months "
        "it fits.",
    )


HEX_RE = re.compile(r"#[0-9a-fA-F]{6}")
#: The most stripes a flag may have (the US flag's thirteen).
MAX_STRIPES = 13


def _hex_colour(value: object) -> object:
    """`value` if it is a colour written #rrggbb, else a readable error."""
    if not isinstance(value, str) or not HEX_RE.fullmatch(value):
        raise ValueError(_("colour {colour} is not #rrggbb (a # and six hex digits, e.g. "
                           "#b22234)").format(colour=repr(value)))
    return value


#: A colour written #rrggbb; the check runs first, so its message is the one shown.
HexColour = Annotated[str, BeforeValidator(_hex_colour), Field(pattern=r"^#[0-9a-fA-F]{6}$")]


class Flag(Model):
    """A flag drawn in code: equal stripes, an optional canton with stars, an optional seal."""

    stripes: Literal["vertical", "horizontal"] = Field(
        description="How the stripes run: `vertical` (side by side, like Mexico's) or "
        "`horizontal` (one above the other, like the United States')."
    )
    # A tuple (YAML lists are accepted) so that a flag is hashable: the window caches
    # what it draws from one.
    colors: tuple[HexColour, ...] = Field(
        min_length=2, max_length=MAX_STRIPES,
        description="One #rrggbb colour per stripe, 2 to 13, drawn in order (left to right, "
        "or top to bottom) at equal widths; repeat a colour to alternate.",
    )
    canton: HexColour | None = Field(
        default=None,
        description="Colour of a rectangle in the top-left corner (2/5 of the width, 7/13 of "
        "the height, as on the US flag); leave out for none.",
    )
    stars: StrictBool = Field(
        default=False, description="`true`: white stars in rows on the canton (needs `canton`)."
    )
    seal: HexColour | None = Field(
        default=None,
        description="Colour of a disc in the centre with a thin darker ring: a simplified coat "
        "of arms, such as Mexico's eagle; leave out for none.",
    )

    @field_validator("colors", mode="before")
    @classmethod
    def _count(cls, value: object) -> object:
        """Word a wrong number of stripes for a modder, before the generic length check."""
        if isinstance(value, (list, tuple)) and not 2 <= len(value) <= MAX_STRIPES:
            raise ValueError(_("a flag has 2 to {most} stripes, one colour each; this one "
                               "lists {n}").format(most=MAX_STRIPES, n=len(value)))
        return value

    @model_validator(mode="after")
    def _stars_need_canton(self) -> Flag:
        """Stars are drawn on the canton, so they need one."""
        if self.stars and self.canton is None:
            raise ValueError(_("stars are drawn on the canton: give a `canton` colour "
                               "(e.g. canton: \"#3c3b6e\") or set `stars: false`"))
        return self


class Emblem(Model):
    initials: str = Field(min_length=1, max_length=4, description="Letters drawn on the emblem.")
    colors: list[str] = Field(
        min_length=2, max_length=3, description="Colours as #rrggbb, drawn as stripes."
    )
    flag: Flag | None = Field(
        default=None,
        description="The country's flag, drawn on the badge instead of the stripes and "
        "initials; leave out to keep the stripes and initials.",
    )

    @field_validator("colors")
    @classmethod
    def _hex(cls, value: list[str]) -> list[str]:
        for colour in value:
            if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
                raise ValueError(_("colour {colour} is not #rrggbb").format(
                    colour=repr(colour)))
        return value


class Personality(Model):
    comfort: int = Field(ge=0, le=100, description="Polls below this make him uneasy.")
    populism: float = Field(
        ge=0, le=5, description="How strongly falling polls push him toward confrontation."
    )
    forgiveness: float = Field(
        ge=0, le=1, description="Chance per turn of returning to cooperation after a betrayal."
    )
    risk: float = Field(default=0.5, ge=0, le=1, description="Appetite for risky plays.")


class Leader(Model):
    id: Side = Field(description="amlo or trump.")
    name: str = Field(description="Full name.")
    short: str = Field(description="Short name for tight spaces.")
    office: str = Field(description="Office held.")
    country: str = Field(description="Country.")
    wants: str = Field(description="What he wants, in one or two sentences.")
    emblem: Emblem = Field(description="Stylised emblem: no photographs, no caricature.")
    floor: int = Field(ge=0, le=100, description="Polls below this for too long lose his base.")
    baseline: int = Field(ge=0, le=100, description="Polls drift toward this each turn.")
    comfort: int = Field(ge=0, le=100, description="Below this his base demands toughness.")
    personality: Personality = Field(description="How the AI plays him.")


class Pressure(Model):
    meter: MeterName = Field(description="The meter that drifts.")
    delta: int = Field(ge=-10, le=10, description="Change each upkeep.")
    from_: Month | None = Field(default=None, alias="from", description="First month.")
    until: Month | None = Field(default=None, description="Last month.")


class Goal(Model):
    side: Side | None = Field(
        default=None, description="Whose goal it is (amlo or trump); none: both leaders'.")
    text: str = Field(min_length=1, max_length=160,
                      description="The goal as the player reads it, e.g. 'No tariffs in force "
                      "at the end'.")
    when: Condition = Field(description="Met when this holds at the end of the game.")


class Inject(Model):
    event: Id = Field(description="The event to fire.")
    turn: int | None = Field(default=None, ge=1, description="Fires at this turn.")
    when: Condition | None = Field(default=None, description="Or fires the first turn this holds.")
    until: int | None = Field(
        default=None, ge=1,
        description="With `when`: the last turn it may fire; after it, it is skipped.")
    contingency: bool = Field(
        default=False,
        description="A contingency inject: for when the players do not react as expected.")
    label: str | None = Field(
        default=None, max_length=300,
        description="What the facilitator reads about it in the console's schedule.")


class Scenario(Model):
    id: Id = Field(description="Unique id.")
    title: str = Field(description="Title.")
    start: Month = Field(description="Month of the first turn.")
    turns: int = Field(ge=1, le=120, description="Number of monthly turns.")
    briefing: str = Field(description="One paragraph setting the scene.")
    question: str = Field(description="The decision question for the class.")
    objectives: list[str] = Field(min_length=1, description="Learning objectives.")
    meters: dict[str, int] = Field(description="Starting meters, e.g. trust: 45.")
    flags: list[Id] = Field(default_factory=list, description="Flags set at the start.")
    agreements: dict[Front, AgreementStep] = Field(
        default_factory=dict, description="Starting agreement status per front."
    )
    pressure: list[Pressure] = Field(default_factory=list, description="Meter drift by month.")
    injects: list[Inject] = Field(default_factory=list, description="Scripted events.")
    exclude_cards: list[Id] = Field(default_factory=list, description="Cards left out.")
    exclude_events: list[Id] = Field(default_factory=list, description="Events left out.")
    exclude_endings: list[Id] = Field(default_factory=list, description="Endings left out.")
    goals: list[Goal] = Field(
        default_factory=list,
        description="What each leader sets out to do: shown at the start, judged at the end.",
    )
    hand_size: int = Field(default=5, ge=1, le=8, description="Cards in hand.")


class Ending(Model):
    id: Id = Field(description="Unique id.")
    kind: EndingKind = Field(description="compromise, collision, domestic_defeat or term_end.")
    title: str = Field(description="Title shown at the end.")
    text: str = Field(description="What it means.")
    history: str = Field(default="", description="What actually happened, for comparison.")
    priority: int = Field(default=50, description="Checked highest first.")
    side: Side | None = Field(default=None, description="For domestic_defeat: who lost his base.")
    when: Condition = Field(description="When this ending is reached.")
    scenarios: list[Id] = Field(
        default_factory=list,
        description="The scenarios this ending belongs to; none listed: every scenario.",
    )


class Interaction(Model):
    id: Id = Field(description="Unique id, e.g. reciprocity.")
    title: str = Field(description="Name shown at resolution.")
    text: str = Field(description="What it means.")
    amlo: Literal["cooperate", "confront", "domestic", "hold"] = Field(description="AMLO's stance.")
    trump: Literal["cooperate", "confront", "domestic", "hold"] = Field(
        description="Trump's stance."
    )
    when: Condition | None = Field(
        default=None,
        description="Applies only while this holds (checked after both cards' effects). "
        "Several interactions may share a pair of stances: the first, in file order, whose "
        "`when` holds is the one that happens, so put the conditional ones first.",
    )
    effects: list[Effect] = Field(default_factory=list, description="Applied (sides explicit).")


class IncomeStep(Model):
    above_floor: int = Field(
        ge=-100, le=100, description="From polls this many points above the leader's floor."
    )
    amount: int = Field(ge=0, le=5, description="Extra capital per turn.")


class TensionErosion(Model):
    min: int = Field(ge=0, le=100, description="From this tension on.")
    trust: int = Field(ge=-10, le=0, description="Trust change per front, per turn.")


class TrustRecovery(Model):
    below: int = Field(ge=0, le=100, description="While trust is below this at upkeep...")
    delta: int = Field(ge=0, le=10, description="...it gains this much (the countries' ties).")


class LookaheadTuning(Model):
    """How the lookahead player (the hard opponent) searches and scores positions."""

    candidates: int = Field(default=4, ge=1, le=20,
                            description="How many of its best-looking orders it plays forward.")
    rollouts: int = Field(default=3, ge=1, le=50,
                          description="Replies it samples for each candidate.")
    horizon: int = Field(default=2, ge=1, le=12, description="Months it plays ahead.")
    own_value: float = Field(
        default=0.5, ge=0, le=10,
        description="Weight of the one-step value of an order beside its rollouts' score.",
    )
    unseen_stance: float = Field(
        default=0.1, ge=0, le=10,
        description="Weight of a stance the other leader has never shown, when dealing his "
        "replies.",
    )
    trust: float = Field(default=0.6, ge=0, le=10, description="Score per point of trust.")
    signed: float = Field(default=8.0, ge=0, le=100,
                          description="Score per signed agreement.")
    talks: float = Field(default=2.5, ge=0, le=100,
                         description="Score per agreement in talks.")
    tension: float = Field(default=0.05, ge=0, le=10,
                           description="Score lost per point of tension on each front.")
    capital: float = Field(default=0.3, ge=0, le=10,
                           description="Score per point of his own capital.")
    compromise: float = Field(default=60.0, ge=0, le=1000,
                              description="Score of reaching a compromise ending.")
    collision: float = Field(default=60.0, ge=0, le=1000,
                             description="Score lost by reaching a collision ending.")
    own_defeat: float = Field(default=80.0, ge=0, le=1000,
                              description="Score lost when he loses his own base.")
    other_defeat: float = Field(default=10.0, ge=-1000, le=1000,
                                description="Score of the other leader losing his base.")
    exploit: float = Field(
        default=10.0, ge=0, le=100,
        description="Value of pressing a leader who yields to pressure, or of testing one who "
        "has cooperated for months (see `probe`).",
    )
    retaliate: float = Field(
        default=10.0, ge=0, le=100,
        description="Value of answering a confrontation in kind, in a month he does not "
        "forgive it (his personality's `forgiveness`).",
    )


def _default_prior() -> dict[Play, float]:
    return {"cooperate": 2.0, "domestic": 1.0, "confront": 0.5, "hold": 0.5}


class AiTuning(Model):
    """How the computer's leaders weigh what they see: the numbers behind every agent."""

    memory: float = Field(
        default=0.7, ge=0, le=1,
        description="Weight an older observation of the other leader keeps each month.",
    )
    prior: dict[Play, float] = Field(
        default_factory=lambda: _default_prior(),
        description="What an agent expects of the other leader before seeing him play: a "
        "count per stance.",
    )
    same_front: float = Field(
        default=0.5, ge=0, le=1,
        description="Chance a cooperative card meets a cooperative reply on its own front.",
    )
    polls: float = Field(default=1.0, ge=0, le=10,
                         description="Value of a point of his own polls.")
    polls_pressure: float = Field(
        default=0.1, ge=0, le=10,
        description="Extra value of a point of polls per point below comfort, times populism.",
    )
    trust: float = Field(default=0.5, ge=0, le=10, description="Value of a point of trust.")
    trust_base: float = Field(
        default=1.3, ge=0, le=10,
        description="Trust's weight factor for a leader without populism...",
    )
    trust_populism: float = Field(
        default=0.25, ge=0, le=10, description="...less this much per point of populism...",
    )
    trust_pressure: float = Field(
        default=0.08, ge=0, le=10,
        description="...divided by 1 plus this times populism times the points below comfort.",
    )
    trust_hope: tuple[float, float] = Field(
        default=(0.72, 0.7),
        description="Trust's weight at trust 0, and what trust 100 adds to it: a working "
        "relationship is worth more to keep.",
    )
    tension: float = Field(default=0.1, ge=0, le=10,
                           description="Value lost per point of tension.")
    capital: float = Field(default=0.4, ge=0, le=10,
                           description="Value of a point of his own capital.")
    rival_polls: float = Field(default=0.1, ge=0, le=10,
                               description="Value lost per point the other leader's polls gain.")
    prize_talks: float = Field(default=2.0, ge=0, le=100,
                               description="Value of opening talks on a front.")
    prize_signed: float = Field(default=3.0, ge=0, le=100,
                                description="Value of signing an agreement in talks.")
    confront_pull: float = Field(
        default=0.3, ge=0, le=10,
        description="Extra value of a confrontation per point below comfort, times populism.",
    )
    break_talks: float = Field(default=1.5, ge=0, le=100,
                               description="Value lost by breaking off talks with a "
                               "confrontation.")
    option_hint: float = Field(default=0.4, ge=0, le=10,
                               description="Weight of a news option's `ai` hint.")
    option_noise: float = Field(default=2.0, ge=0, le=100,
                                description="Random spread added to each news option's value.")
    greedy_noise: float = Field(default=1.0, ge=0, le=100,
                                description="Random spread added to each order's value...")
    greedy_risk_noise: float = Field(default=2.0, ge=0, le=100,
                                     description="...plus this much times his appetite for "
                                     "risk.")
    reciprocal_pull: float = Field(
        default=40.0, gt=0, le=1000,
        description="Populism times points below comfort at which the reciprocal player "
        "always confronts (below it, a proportional chance).",
    )
    reciprocal_noise: float = Field(default=0.5, ge=0, le=100,
                                    description="Random spread among cards of one stance.")
    probe_after: int = Field(
        default=3, ge=1, le=24,
        description="Months of cooperation in a row from the other leader after which the "
        "normal and hard players may test him with a confrontation...",
    )
    probe: float = Field(
        default=0.15, ge=0, le=1,
        description="...with this chance a month, times his populism, while trust is at "
        "least `probe_trust`.",
    )
    probe_trust: int = Field(default=60, ge=0, le=100,
                             description="Trust a test of the other leader needs.")
    exploit: float = Field(
        default=0.8, ge=0, le=1,
        description="Chance a month that the normal player presses a leader who answers "
        "pressure with cooperation (one who yields), while trust is at least `exploit_trust`.",
    )
    exploit_trust: int = Field(default=35, ge=0, le=100,
                               description="Trust below which he stops pressing a pushover.")
    yields_below: float = Field(
        default=0.4, ge=0, le=1,
        description="A leader who hit back at fewer than this share of the pressure put on "
        "him (counting one imagined hit back and one yield) is one who yields.",
    )
    historical_reach: int = Field(
        default=1, ge=0, le=24,
        description="The historical player plays a card this many months from when the "
        "leader really did it, at most; with none that close in hand, he holds.",
    )
    lookahead: LookaheadTuning = Field(default_factory=LookaheadTuning,
                                       description="The lookahead player's search.")


#: The meters a game starts with when neither the rules nor the scenario say otherwise.
DEFAULT_START_METERS: dict[str, int] = {
    "trust": 50, "polls.amlo": 50, "polls.trump": 50,
    "tension.trade": 30, "tension.migration": 30, "tension.security": 30,
    "capital.amlo": 3, "capital.trump": 3,
}


class Rules(Model):
    meter_max: int = Field(
        default=100, ge=10, le=100,
        description="Highest value of polls, trust and tension (they run from 0 to this).",
    )
    capital_max: int = Field(default=10, ge=1, le=20, description="Most capital a leader can hold.")
    start_meters: dict[str, int] = Field(
        default_factory=lambda: dict(DEFAULT_START_METERS),
        description="Every meter's value at the start of a game, e.g. `trust: 50`; a "
        "scenario's `meters` override these.",
    )
    score_per_signed: int = Field(
        default=10, ge=0, le=100,
        description="The relationship score at the end is trust plus this much for every "
        "signed agreement.",
    )
    income_base: int = Field(default=1, ge=0, le=5, description="Capital every upkeep.")
    income_steps: list[IncomeStep] = Field(default_factory=list, description="Extra by polls.")
    hold_gain: int = Field(default=1, ge=0, le=5, description="Capital gained by holding.")
    hand_turnover: int = Field(
        default=0, ge=0, le=8,
        description="Each month, this many of the cards longest in a leader's hand go back "
        "to his discards before he draws: events move on, and so does the hand.",
    )
    hand_stances: list[Literal["cooperate", "confront", "domestic"]] = Field(
        default_factory=list,
        description="Each month, a hand without a card of one of these stances that the leader "
        "can play and afford gets one from his deck, if there is one, in place of a card "
        "longest in hand: every month offers a real choice.",
    )
    polls_drift: int = Field(default=1, ge=0, le=5, description="Step toward baseline per turn.")
    polls_drift_every: int = Field(
        default=0, ge=0, le=100,
        description="One more point of drift for every this many points between a leader's "
        "polls and his baseline (0: the drift is always `polls_drift`).",
    )
    tension_drift: int = Field(default=-1, ge=-5, le=5, description="Tension change per turn.")
    tension_erosion: list[TensionErosion] = Field(
        default_factory=list, description="High tension erodes trust."
    )
    trust_recovery: TrustRecovery | None = Field(
        default=None,
        description="Trade, family and business ties pull a broken relationship back a little "
        "each month.",
    )
    base_pressure: int = Field(
        default=2, ge=0, le=10,
        description="Polls lost when below comfort and playing neither confront nor domestic.",
    )
    base_rally: int = Field(
        default=0, ge=0, le=10,
        description="Polls gained when below comfort and playing a confront card (the base "
        "rallies).",
    )
    agreement_on_cooperation: StrictBool = Field(
        default=True, description="Both cooperate on one front: its agreement advances."
    )
    confront_setback: StrictBool = Field(
        default=True, description="A confront card sets its front's agreement back one step."
    )
    standing_offers: StrictBool = Field(
        default=False,
        description="A cooperative card left unanswered stays on the table for one month: "
        "a cooperative card on the same front from the other leader next month advances its "
        "agreement too.",
    )
    interactions: list[Interaction] = Field(description="The stance interaction matrix.")
    ai: AiTuning = Field(default_factory=AiTuning,
                         description="How the computer's leaders weigh what they see.")

    @field_validator("start_meters")
    @classmethod
    def _every_meter(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - set(STATE_METERS))
        if unknown:
            raise ValueError(_("no meter called {names}; the meters are {meters}").format(
                names=", ".join(unknown), meters=", ".join(STATE_METERS)))
        missing = [m for m in STATE_METERS if m not in value]
        if missing:
            raise ValueError(_("every meter needs a starting value; missing: {names}").format(
                names=", ".join(missing)))
        return value

    def meter_max_of(self, meter: str) -> int:
        """The highest value `meter` can take (capital has its own limit)."""
        return self.capital_max if meter.startswith("capital.") else self.meter_max


#: The tables of items a pack's manifest may `patch`.
PATCH_TABLES = ("cards", "events", "endings", "leaders", "scenarios", "sources", "history",
                "difficulties", "assumptions")
RemoveTable = Literal["cards", "events", "endings", "scenarios", "history", "difficulties",
                      "assumptions"]


class PatchEntry(BaseModel):
    """Fields to change in one item of an earlier pack: its `id`, then each field to
    change with its new value, any field of the item (checked as the item is when
    loading)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    id: str = Field(min_length=1, description="The id of the item to change.")


def _entries(table: str) -> Any:
    return Field(default_factory=list, description=f"Changes to {table} of earlier packs.")


class Patches(Model):
    """What a pack changes in items of earlier packs, by table."""

    cards: list[PatchEntry] = _entries("cards")
    events: list[PatchEntry] = _entries("events")
    endings: list[PatchEntry] = _entries("endings")
    leaders: list[PatchEntry] = _entries("leaders")
    scenarios: list[PatchEntry] = _entries("scenarios")
    sources: list[PatchEntry] = _entries("sources")
    history: list[PatchEntry] = _entries("history entries")
    difficulties: list[PatchEntry] = _entries("difficulties")
    assumptions: list[PatchEntry] = _entries("assumptions")
    rules: dict[str, Any] = Field(default_factory=dict,
                                  description="Fields of rules.yaml to change.")


class Manifest(Model):
    id: Id = Field(description="Pack id: lowercase letters, digits and _, like my_region. "
                   "'core' is the base game's.")
    name: str = Field(min_length=1, description="Pack name, as players see it in the list of "
                      "mods.")
    version: str = Field(pattern=r"^\d+\.\d+(\.\d+)?$",
                         description="Pack version, like 1.0.0.")

    @field_validator("version", mode="before")
    @classmethod
    def _number_version(cls, value: object) -> object:
        """`version: 1.0` reads as a number in YAML; take it as the text it looks like."""
        return str(value) if isinstance(value, (int, float)) else value
    authors: list[str] = Field(min_length=1, description="Who made it.")
    game: str = Field(description="Game versions the pack is made for, like '>=0.1' or "
                      "'>=0.1,<1'; a game of another version refuses to load it.")

    @field_validator("game")
    @classmethod
    def _game_versions(cls, value: str) -> str:
        parse_requirement(value)  # a ValueError says what is wrong, in words
        return value
    description: str = Field(default="", description="What the pack adds or changes, in a "
                             "sentence or two, for the list of mods.")
    depends: list[Id] = Field(default_factory=list, description="Ids of packs that must load "
                              "before this one ('core' is always first).")
    remove: dict[RemoveTable, list[Id]] = Field(
        default_factory=dict, description="Ids to remove from earlier packs, by table, like "
        "cards: [amlo_labour_reform]."
    )
    patch: Patches = Field(
        default_factory=Patches, description="Fields to change in items of earlier packs, by "
        "table: each entry names an item by its `id` and gives the fields to change, each "
        "replacing that field whole; the item's other fields stay as they were."
    )


class HistoryEntry(Model):
    id: Id = Field(description="Unique id, e.g. tariff_threat_2019.")
    date: str = Field(
        pattern=r"^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$",
        description="When it happened: YYYY-MM or YYYY-MM-DD.",
    )
    text: str = Field(min_length=1, description="What happened, in one or two sentences.")
    sources: list[str] = Field(min_length=1, description="Source ids from sources.yaml.")
    events: list[Id] = Field(
        default_factory=list, description="Events of the game that stand for this moment."
    )


class Assumption(Model):
    id: Id = Field(description="Unique id, e.g. meters or personalities.")
    heading: str = Field(min_length=1, max_length=60, description="Short heading of the section.")
    text: str = Field(min_length=1, description="The assumption, in plain words for a class.")
    sources: list[str] = Field(
        default_factory=list, description="Source ids from sources.yaml behind it, if any."
    )
    order: int = Field(default=0, description="Position on the page, lowest first.")


class Difficulty(Model):
    id: Id = Field(description="Unique id, e.g. easy, normal, hard.")
    title: str = Field(description="Name shown on the new-game screen.")
    text: str = Field(description="What playing against it feels like, in one sentence.")
    agent: Literal["random", "greedy", "reciprocal", "lookahead", "dove", "hawk"] = Field(
        description="How the computer chooses its moves."
    )
    personality: dict[Side, Personality] = Field(
        default_factory=dict,
        description="Personality per leader for this difficulty; a leader not named keeps "
        "the one in his leader file.",
    )
    search: dict[str, float] = Field(
        default_factory=dict,
        description="For the lookahead agent: numbers of the rules' `ai.lookahead` this "
        "difficulty plays with instead, e.g. `{trust: 0.5}` for an opponent who cares less "
        "about the relationship.",
    )
    order: int = Field(default=0, description="Position in lists, lowest first.")

    @field_validator("search")
    @classmethod
    def _known_search(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(LookaheadTuning.model_fields))
        if unknown:
            raise ValueError(_("no lookahead number called {names}; they are {known}").format(
                names=", ".join(unknown), known=", ".join(LookaheadTuning.model_fields)))
        LookaheadTuning.model_validate(value)  # each value within its range
        return value


class HistoryFile(BaseModel):
    """What actually happened, for the end screen and the debrief."""

    model_config = ConfigDict(extra="forbid")
    history: list[HistoryEntry] = Field(description="The real timeline of the period.")


class AssumptionFile(BaseModel):
    """What the model assumes and simplifies: a page in the game and in the docs."""

    model_config = ConfigDict(extra="forbid")
    assumptions: list[Assumption] = Field(
        description="Sections of the page: what the meters stand for, why the computer "
        "leaders have their numbers, what the game leaves out."
    )


class DifficultyFile(BaseModel):
    """Opponent difficulties: an agent and personalities."""

    model_config = ConfigDict(extra="forbid")
    difficulties: list[Difficulty] = Field(description="Difficulty levels.")


class CardFile(BaseModel):
    """A file of cards."""

    model_config = ConfigDict(extra="forbid")
    cards: list[Card] = Field(description="Policy cards.")


class EventFile(BaseModel):
    """A file of events."""

    model_config = ConfigDict(extra="forbid")
    events: list[Event] = Field(description="News events.")


class EndingFile(BaseModel):
    """A file of endings."""

    model_config = ConfigDict(extra="forbid")
    endings: list[Ending] = Field(description="Endings, checked by priority.")


class SourceFile(BaseModel):
    """The pack's bibliography."""

    model_config = ConfigDict(extra="forbid")
    sources: list[Source] = Field(description="Sources cited by cards and events.")


#: File kinds: folder or file name → model of one file.
FILE_KINDS: dict[str, type[BaseModel]] = {
    "pack": Manifest,
    "rules": Rules,
    "sources": SourceFile,
    "cards": CardFile,
    "events": EventFile,
    "endings": EndingFile,
    "leaders": Leader,
    "scenarios": Scenario,
    "history": HistoryFile,
    "difficulties": DifficultyFile,
    "assumptions": AssumptionFile,
}
