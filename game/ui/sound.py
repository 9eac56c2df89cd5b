"""Sound effects, made in code: a card laid on the table, two cards turned over, the
tick of a news wire, and the two endings that have a sound (a warm rising chord for a
compromise, low falling tones for a collision).

Each effect is synthesized at its first use, in the format the mixer reports (rate,
sample size, channels), and kept. The mixer starts at the first sound, not when the
window opens, so it never delays the first frame. Where there is no audio device the
game is silent, `Sounds.problem` says why, and nothing else changes.
"""

from __future__ import annotations

import math
import random
from array import array

import pygame

from game.i18n import _

#: The effects there are; `play` ignores any other name (tests/test_sound.py checks
#: that every name the window plays is one of these).
EFFECTS = ("card", "reveal", "news", "compromise", "collision")
#: The loudest sample of any effect, as a share of full scale (the volume scales it).
PEAK = 0.4
#: Each harmonic of a tone: (multiple of the note's frequency, loudness).
WARM = ((1, 1.0), (2, 0.3), (3, 0.08))
#: Sample size as `pygame.mixer.get_init` reports it → (array code, full scale, silence).
#: -32 is 32-bit float (the only 32-bit format pygame opens).
ENCODINGS: dict[int, tuple[str, float, float]] = {
    8: ("B", 127, 128), -8: ("b", 127, 0), 16: ("H", 32767, 32768), -16: ("h", 32767, 0),
    32: ("f", 1.0, 0.0), -32: ("f", 1.0, 0.0)}

# What each effect is made of: its length in seconds, its loudest sample (at most PEAK),
# its tones and its rustles. A tone: (start s, frequency Hz, ring s, loudness, harmonics);
# its loudness falls by e every `ring` seconds. A rustle of noise: (start s, length s,
# loudness, brightness 0-1).
Tone = tuple[float, float, float, float, tuple[tuple[int, float], ...]]
Rustle = tuple[float, float, float, float]
RECIPES: dict[str, tuple[float, float, list[Tone], list[Rustle]]] = {
    # A soft thock: a low knock that dies at once, and the brush of card on felt.
    "card": (0.1, 0.3, [(0.0, 150.0, 0.022, 1.0, WARM)], [(0.0, 0.035, 0.35, 0.15)]),
    # Two cards turning over: a brush of each, then a rising fifth (E5, B5).
    "reveal": (0.3, 0.28, [(0.01, 659.3, 0.07, 0.8, WARM), (0.13, 987.8, 0.07, 0.8, WARM)],
               [(0.0, 0.03, 0.25, 0.4), (0.12, 0.03, 0.25, 0.4)]),
    # A news wire: one dry tick, then a small bell.
    "news": (0.25, 0.25, [(0.03, 1568.0, 0.06, 0.7, ((1, 1.0), (2, 0.2)))],
             [(0.0, 0.008, 0.6, 0.6)]),
    # Agreement: C major rising (C4 E4 G4 C5), each note ringing on.
    "compromise": (0.9, 0.35, [(0.0, 261.6, 0.3, 0.8, WARM), (0.12, 329.6, 0.3, 0.8, WARM),
                               (0.24, 392.0, 0.3, 0.8, WARM), (0.36, 523.3, 0.35, 0.9, WARM)],
                   []),
    # Falling out: A minor falling, low (E3 C3 A2).
    "collision": (0.9, PEAK, [(0.0, 164.8, 0.25, 0.9, WARM), (0.22, 130.8, 0.25, 0.9, WARM),
                              (0.44, 110.0, 0.3, 1.0, WARM)], []),
}


def add_tone(out: list[float], rate: int, tone: Tone) -> None:
    """Add a ringing tone to `out`: each harmonic a sine that dies away (a two-pole
    resonator, so no sine is computed per sample), eased in over 4 ms."""
    start, freq, ring, level, harmonics = tone
    first = round(start * rate)
    attack = max(1, round(0.004 * rate))
    for multiple, share in harmonics:
        pitch = freq * multiple
        if pitch >= rate / 2:  # above what the format can carry
            continue
        step = 2 * math.pi * pitch / rate
        fall = math.exp(-multiple / (ring * rate))  # upper harmonics die sooner
        pull, damp = 2 * fall * math.cos(step), fall * fall
        before, now = 0.0, level * share * fall * math.sin(step)
        last = min(len(out), first + round(9 * ring * rate / multiple))  # to 1/10000
        eased = min(last, first + attack)
        for k in range(first + 1, eased):
            out[k] += now * (k - first) / attack
            before, now = now, pull * now - damp * before
        for k in range(max(first + 1, eased), last):  # the hot loop: kept to the bone
            out[k] += now
            before, now = now, pull * now - damp * before


def add_rustle(out: list[float], rate: int, rustle: Rustle, seed: int) -> None:
    """Add a short rustle of noise to `out`, smoothed (darker the lower `brightness`) and
    fading from its start to nothing. The same seed gives the same noise every time."""
    start, length, level, brightness = rustle
    noise = random.Random(seed)
    first, count = round(start * rate), max(1, round(length * rate))
    smooth = 1 - (1 - brightness) ** (44100 / rate)  # the same colour at every rate
    value = 0.0
    for k in range(min(count, len(out) - first)):
        value += smooth * (noise.uniform(-1.0, 1.0) - value)
        out[first + k] += level * value * (1 - k / count) * min(1.0, k / (0.001 * rate))


def synthesize(name: str, rate: int) -> list[float]:
    """The effect `name`, mono, as samples no louder than its recipe says (never over
    PEAK), eased in over 2 ms and out over its last fifth, so that it starts without a
    click and a chord still ringing dies away instead of stopping."""
    seconds, peak, tones, rustles = RECIPES[name]
    out = [0.0] * round(seconds * rate)
    for tone in tones:
        add_tone(out, rate, tone)
    for n, rustle in enumerate(rustles):
        add_rustle(out, rate, rustle, seed=n + 1)
    gain = peak / (max(max(out), -min(out)) or 1.0)
    out = [v * gain for v in out]
    size = len(out)
    edge_in, edge_out = max(1, round(0.002 * rate)), max(1, round(0.2 * seconds * rate))
    for k in range(min(edge_in, size)):
        out[k] *= k / edge_in
    for k in range(min(edge_out, size)):
        out[size - 1 - k] *= k / edge_out
    return out


def encode(samples: list[float], size: int, channels: int) -> bytes:
    """Mono samples (-1 to 1) as raw audio in the mixer's sample size, on every channel."""
    code, full, silence = ENCODINGS[size]
    if code == "f":
        values: list[float] | list[int] = [v * full for v in samples]
    else:
        values = [round(silence + v * full) for v in samples]
    return array(code, [v for v in values for _ in range(channels)]).tobytes()


class Sounds:
    """The window's sound effects, at the player's volume; silent when muted or when
    the mixer cannot start (no audio device), and then `problem` says why."""

    def __init__(self, volume: int = 70, muted: bool = False) -> None:
        self.volume = volume
        self.muted = muted
        self.problem = ""  # why there is no sound, once the mixer failed to start
        self.cache: dict[str, pygame.mixer.Sound] = {}
        self.format: tuple[int, int, int] | None = None  # the format the cache was made in

    def set_volume(self, volume: int, muted: bool) -> None:
        """The player's volume (0-100) and mute, for the sounds from now on."""
        self.volume = max(0, min(100, volume))
        self.muted = muted

    @property
    def gain(self) -> float:
        """The volume as a loudness factor: squared, so that each step of the settings
        screen (35, 70, 100) sounds about as much louder as the one before."""
        return (self.volume / 100) ** 2

    def mixer(self) -> tuple[int, int, int] | None:
        """The mixer's (rate, sample size, channels), starting it the first time; None
        when it cannot start (then `problem` is set and it is not tried again)."""
        if self.problem:
            return None
        try:
            if pygame.mixer.get_init() is None:
                pygame.mixer.init()
            found = pygame.mixer.get_init()
        except (pygame.error, NotImplementedError) as exc:  # no device; no mixer built in
            why = str(exc).strip().rstrip(".") or _("the mixer did not start")
            self.problem = _("No sound: {why}.").format(why=why)
            return None
        if found is None or found[1] not in ENCODINGS:
            self.problem = _("No sound: the mixer started in a format the game cannot "
                             "make ({format}).").format(format=found)
            return None
        if found != self.format:  # a mixer started anew: sounds made for another are void
            self.cache.clear()
            self.format = found
        return found

    def sound(self, name: str) -> pygame.mixer.Sound | None:
        """The effect `name`, made for the mixer the first time it is asked for."""
        found = self.mixer()
        if found is None:
            return None
        if name not in self.cache:
            rate, size, channels = found
            data = encode(synthesize(name, rate), size, channels)
            self.cache[name] = pygame.mixer.Sound(buffer=data)
        return self.cache[name]

    def play(self, name: str) -> pygame.mixer.Channel | None:
        """Play an effect at the current volume: the channel it plays on, or None when
        nothing plays (muted, no sound here, an unknown name, every channel busy)."""
        if self.muted or self.volume <= 0 or name not in EFFECTS:
            return None
        sound = self.sound(name)
        if sound is None:
            return None
        sound.set_volume(self.gain)
        return sound.play()
