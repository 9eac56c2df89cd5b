"""Packs the tests write: a scenario with a schedule of injects (a master sequence of
events), for the facilitator's console."""

from __future__ import annotations

from pathlib import Path

import yaml

CORE = Path(__file__).resolve().parents[1] / "content" / "core"

#: The drill's schedule: a scripted inject, a contingency that fires when trust is
#: 45 or less, and one whose condition never holds before its last month (skipped).
DRILL_INJECTS = [
    {"event": "ev_fto_threat", "turn": 2, "label": "Scripted: the cartels question early"},
    {"event": "ev_tariffs_bite", "when": {"kind": "meter", "meter": "trust", "max": 45},
     "contingency": True, "until": 12,
     "label": "If trust is 45 or less: remind them what tariffs cost"},
    {"event": "ev_june_deal", "when": {"kind": "meter", "meter": "trust", "min": 99},
     "contingency": True, "until": 2, "label": "If trust soars: a deal (never, here)"},
]


def drill_pack(folder: Path) -> Path:
    """A pack adding the scenario `drill`: the full term with DRILL_INJECTS."""
    pack = folder / "drill"
    (pack / "scenarios").mkdir(parents=True, exist_ok=True)
    (pack / "pack.yaml").write_text('id: drill\nname: Drill\nversion: 1.0.0\n'
                                    'authors: [tests]\ngame: ">=0.1"\ndepends: [core]\n')
    scenario = yaml.safe_load((CORE / "scenarios" / "full_term.yaml").read_text())
    scenario.update(id="drill", title="A drill with a schedule", injects=DRILL_INJECTS)
    (pack / "scenarios" / "drill.yaml").write_text(yaml.safe_dump(scenario,
                                                                   allow_unicode=True))
    return pack
