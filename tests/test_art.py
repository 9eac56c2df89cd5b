"""The art drawn in code (game/ui/art.py), checked by sampling its pixels, and the
`Flag` that describes a leader's flag as data."""

from __future__ import annotations

import math
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

pygame = pytest.importorskip("pygame")

from game.content import load_game_content  # noqa: E402
from game.content.loader import load_packs  # noqa: E402
from game.models.content import CATEGORIES, FRONTS, Emblem, Flag  # noqa: E402
from game.paths import core_pack  # noqa: E402
from game.ui import art, theme  # noqa: E402

US = Flag(stripes="horizontal", colors=["#b22234", "#ffffff"] * 6 + ["#b22234"],
          canton="#3c3b6e", stars=True)
MEXICO = Flag(stripes="vertical", colors=["#006847", "#ffffff", "#ce1126"], seal="#8c5a2b")


@pytest.fixture(autouse=True)
def window() -> Iterator[None]:
    """A display and fonts, as the window has them; the caches start and end empty."""
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((1, 1))
    art.clear_caches()
    theme.font.cache_clear()
    yield
    art.clear_caches()
    theme.font.cache_clear()


def rgb(surface: pygame.Surface, x: int, y: int) -> tuple[int, int, int]:
    """The colour of one pixel, without its alpha."""
    c = surface.get_at((x, y))
    return (c.r, c.g, c.b)


def near(got: tuple[int, int, int], want: str | tuple[int, int, int], within: int = 12) -> bool:
    """`got` is `want` give or take `within` on every channel (edges are smoothed)."""
    w = pygame.Color(want)
    return all(abs(a - b) <= within for a, b in zip(got, (w.r, w.g, w.b), strict=True))


def test_the_us_flag_has_its_canton_top_left_and_red_and_white_stripes() -> None:
    image = art.flag(US, 120, 80)
    assert image.get_size() == (120, 80)
    assert near(rgb(image, 3, 3), "#3c3b6e")  # the canton's corner, clear of the stars
    assert near(rgb(image, 117, 2), "#b22234")  # the top stripe, right of the canton
    assert near(rgb(image, 117, round(80 / 13 * 1.5)), "#ffffff")  # the stripe below
    assert near(rgb(image, 60, 78), "#b22234")  # the last stripe is red
    stars = [rgb(image, x, y) for x in range(48) for y in range(43)]
    assert sum(near(c, "#ffffff", 40) for c in stars) > 40  # white stars on the canton


def test_the_mexican_flag_has_three_upright_stripes_and_the_seal_in_the_centre() -> None:
    image = art.flag(MEXICO, 120, 80)
    assert near(rgb(image, 20, 40), "#006847")
    assert near(rgb(image, 60, 5), "#ffffff")
    assert near(rgb(image, 100, 40), "#ce1126")
    assert near(rgb(image, 60, 40), "#8c5a2b")


def test_a_flag_is_drawn_once_and_cached() -> None:
    assert art.flag(MEXICO, 60, 40) is art.flag(MEXICO.model_copy(), 60, 40)
    art.clear_caches()
    assert art.flag(MEXICO, 60, 40) is not None


def inside(size: int, x: int, y: int) -> float:
    """How far the centre of pixel (x, y) lies from the centre of a `size` badge."""
    return math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2)


def test_a_badge_with_a_flag_is_the_flag_in_a_ring_without_initials() -> None:
    size = 64
    one = art.badge(Emblem(initials="AMLO", colors=["#006847", "#ce1126"], flag=MEXICO), size)
    other = art.badge(Emblem(initials="WWWW", colors=["#000000", "#ffffff"], flag=MEXICO), size)
    assert pygame.image.tobytes(one, "RGBA") == pygame.image.tobytes(other, "RGBA")
    for corner in ((0, 0), (size - 1, 0), (0, size - 1), (size - 1, size - 1)):
        assert one.get_at(corner).a == 0
    assert near(rgb(one, size // 2, 1), theme.LINE) and one.get_at((size // 2, 1)).a > 200
    assert near(rgb(one, size // 2, size // 2), "#8c5a2b")
    assert near(rgb(one, 12, size // 2), "#006847")


@pytest.mark.parametrize("size", [8, 12, 16, 20, 28, 40, 64, 96])
def test_initials_never_leave_the_badge(size: int) -> None:
    """Wide initials are shrunk, cut to two letters, or shrunk again, but stay inside the
    ring: pixels the text changes all lie inside it, and nothing lies outside the circle."""
    wide = art.badge(Emblem(initials="WWWW", colors=["#00ff00", "#ff00ff"]), size)
    narrow = art.badge(Emblem(initials="I", colors=["#00ff00", "#ff00ff"]), size)
    assert wide.get_size() == (size, size)
    text = [(x, y) for x in range(size) for y in range(size)
            if wide.get_at((x, y)) != narrow.get_at((x, y))]
    if size >= 20:
        assert text, "the initials should show"
    limit = size / 2 - art.ring_width(size)
    assert [p for p in text if inside(size, *p) > limit] == []
    outside = [(x, y) for x in range(size) for y in range(size)
               if inside(size, x, y) > size / 2 + 0.71 and wide.get_at((x, y)).a > 0]
    assert outside == []


def text_columns(size: int, initials: str) -> int:
    """How many columns of a badge the initials change (against a badge with "I")."""
    colours = ["#006847", "#ffffff", "#ce1126"]
    shown, plain = (art.badge(Emblem(initials=text, colors=colours), size)
                    for text in (initials, "I"))
    return sum(any(shown.get_at((x, y)) != plain.get_at((x, y)) for y in range(size))
               for x in range(size))


def test_initials_too_wide_even_at_8_px_keep_their_first_two_letters() -> None:
    small = theme.font(8, bold=True)
    two, four = small.size("AM")[0], small.size("AMLO")[0]
    assert abs(text_columns(28, "AMLO") - two) <= 3 < four - two
    assert text_columns(64, "AMLO") > four


def test_the_ring_keeps_its_colour_to_its_smoothed_outer_edge() -> None:
    size = 40
    image = art.badge(Emblem(initials="AB", colors=["#ffffff", "#ffffff"]), size)
    edge = [rgb(image, x, y) for x in range(size) for y in range(size)
            if 0 < image.get_at((x, y)).a < 255 and inside(size, x, y) > size / 2 - 1]
    assert edge and all(near(c, theme.LINE) for c in edge)


def test_a_badge_without_a_flag_shows_its_stripes() -> None:
    image = art.badge(Emblem(initials="I", colors=["#00ff00", "#ff00ff"]), 64)
    assert near(rgb(image, 10, 32), "#00ff00") and near(rgb(image, 54, 32), "#ff00ff")


ICONS = [("front", name) for name in FRONTS] + [("category", name) for name in CATEGORIES] + [
    ("category", "weather"), ("arrow", "up"), ("arrow", "down")]


def icon(kind: str, name: str, size: int, colour: tuple[int, int, int]) -> pygame.Surface:
    """One of the icons by kind."""
    if kind == "front":
        return art.front_icon(name, size, colour)
    if kind == "category":
        return art.category_icon(name, size, colour)
    assert name in ("up", "down")
    return art.arrow(name, size, colour)


@pytest.mark.parametrize("size", [16, 48])
@pytest.mark.parametrize(("kind", "name"), ICONS)
def test_an_icon_is_one_colour_on_transparent(kind: str, name: str, size: int) -> None:
    image = icon(kind, name, size, theme.ACCENT)
    assert image.get_size() == (size, size)
    pixels = [image.get_at((x, y)) for x in range(size) for y in range(size)]
    assert sum(p.a == 255 for p in pixels) > size  # some solid ink
    assert {(p.r, p.g, p.b) for p in pixels if p.a} == {theme.ACCENT}  # no dark fringe
    for corner in ((0, 0), (size - 1, 0), (0, size - 1), (size - 1, size - 1)):
        assert image.get_at(corner).a == 0


def test_the_icons_differ_and_the_fronts_keep_theirs_as_categories() -> None:
    drawn = {name: pygame.image.tobytes(art.category_icon(name, 32, (255, 255, 255)), "RGBA")
             for name in CATEGORIES}
    assert len(set(drawn.values())) == len(CATEGORIES)
    for front in FRONTS:
        front_image = art.front_icon(front, 32, (255, 255, 255))
        assert pygame.image.tobytes(front_image, "RGBA") == drawn[front]
    up, down = art.arrow("up", 20, (255, 255, 255)), art.arrow("down", 20, (255, 255, 255))
    assert ink(up, 5) < ink(up, 15) and ink(down, 5) > ink(down, 15)  # broad at the base


def ink(image: pygame.Surface, y: int) -> int:
    """How many pixels of row `y` are mostly ink."""
    return sum(image.get_at((x, y)).a > 128 for x in range(image.get_width()))


def test_an_unknown_category_is_a_dot_and_an_unknown_front_is_an_error() -> None:
    dot = art.category_icon("weather", 24, "#ffffff")
    assert dot.get_at((12, 12)).a == 255 and dot.get_at((2, 12)).a == 0
    with pytest.raises(ValueError, match="no front called 'weather'"):
        art.front_icon("weather", 24, "#ffffff")
    with pytest.raises(ValueError, match="'up' or 'down'"):
        art.arrow("left", 24, "#ffffff")  # type: ignore[arg-type]


def flag_error(**fields: object) -> str:
    """The message a modder reads for a flag with these fields."""
    with pytest.raises(ValidationError) as caught:
        Flag.model_validate({"stripes": "vertical", "colors": ["#000000", "#ffffff"],
                             **fields})
    return "; ".join(error["msg"] for error in caught.value.errors())


def test_a_flag_with_a_bad_colour_says_which_and_how_to_write_one() -> None:
    message = flag_error(colors=["#006847", "green"])
    assert "'green' is not #rrggbb" in message and "six hex digits" in message
    assert "'#3c3b6' is not #rrggbb" in flag_error(canton="#3c3b6")
    assert "'brown' is not #rrggbb" in flag_error(seal="brown")


def test_a_flag_has_two_to_thirteen_stripes() -> None:
    assert "2 to 13 stripes, one colour each; this one lists 14" in flag_error(
        colors=["#b22234", "#ffffff"] * 7)
    assert "this one lists 1" in flag_error(colors=["#b22234"])
    assert len(Flag(stripes="horizontal", colors=["#000000"] * 13).colors) == 13


def test_stars_need_a_canton() -> None:
    assert "stars are drawn on the canton" in flag_error(stars=True)


def test_the_shipped_leaders_carry_their_flags() -> None:
    result = load_game_content()
    assert result.content is not None, result.report
    leaders = result.content.leaders
    assert leaders["amlo"].emblem.flag == MEXICO
    assert leaders["trump"].emblem.flag == US


def test_a_pack_whose_leaders_have_no_flag_still_loads(tmp_path: Path) -> None:
    """Packs written before flags existed keep their initials and stripes."""
    pack = tmp_path / "core"
    shutil.copytree(core_pack(), pack)
    for path in (pack / "leaders").glob("*.yaml"):
        text = re.sub(r"  flag:.*\n(    .*\n)*", "", path.read_text(encoding="utf-8"))
        assert "flag" not in text
        path.write_text(text, encoding="utf-8")
    result = load_packs([pack])
    assert result.content is not None, result.report
    assert {leader.emblem.flag for leader in result.content.leaders.values()} == {None}
    assert result.content.leaders["amlo"].emblem.initials == "AMLO"


def test_the_art_draws_again_after_pygame_quits() -> None:
    """The window quits pygame and starts it again; the art drops what it drew and redraws."""
    emblem = Emblem(initials="AB", colors=["#000000", "#ffffff"])
    before = pygame.image.tobytes(art.badge(emblem, 32), "RGBA")
    pygame.quit()
    pygame.display.init()
    pygame.font.init()
    theme.font.cache_clear()
    art.clear_caches()
    assert pygame.image.tobytes(art.badge(emblem, 32), "RGBA") == before


def test_the_border_map_has_each_country_on_its_side_and_the_sea_clear() -> None:
    from game.ui import borderland, theme

    image = borderland.picture((640, 320))
    w, h = image.get_size()
    def at(x: int, y: int) -> tuple[int, ...]:
        return tuple(image.get_at((x, y)))[:3]

    assert at(w // 2, 4) == borderland.US_LAND  # the north
    assert at(w // 2, h - 4) == borderland.MX_LAND  # the south
    assert at(4, h - 4) == theme.BG  # the Pacific, off Baja
    assert at(w - 4, h - 4) == theme.BG  # the Gulf
    laredo = borderland.project(*borderland.PLACES["trade"], pygame.Rect(0, 0, w, h))
    assert at(laredo[0], laredo[1] - 12) == borderland.US_LAND
    assert at(laredo[0], laredo[1] + 12) == borderland.MX_LAND
    faint = borderland.picture((640, 320), 0.5)
    assert tuple(faint.get_at((w // 2, 4)))[:3] == tuple(
        round(b + (c - b) * 0.5) for b, c in zip(theme.BG, borderland.US_LAND, strict=True))
