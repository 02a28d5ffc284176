"""Text contrast from the stylesheet's own colours: WCAG 2 AA asks 4.5:1 for text.

Contrast ratio = (L1 + 0.05) / (L2 + 0.05), L the relative luminance of sRGB colours (WCAG 2.1,
"contrast ratio" and "relative luminance" definitions). Checked: every rule that sets both a
text colour and a solid background, and the text colours that sit on a background set
elsewhere (muted text on the page, the cards and every chip colour; the chips' own text)."""

from __future__ import annotations

import re
from importlib import resources

import pytest

AA: float = 4.5


def _css() -> str:
    text = (resources.files("miler.web") / "static" / "miler.css").read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return text[:text.index("@media print")] if "@media print" in text else text


def _rules(css: str) -> list[tuple[str, dict[str, str]]]:
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        props = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                props[name.strip()] = value.strip()
        rules.append((selector.strip(), props))
    return rules


RULES = _rules(_css())
ROOT = next(props for sel, props in RULES if sel == ":root")


def colour(value: str) -> str | None:
    """A solid #rrggbb from a CSS value (custom properties resolved), else None."""
    value = value.replace("!important", "").strip()
    while (m := re.fullmatch(r"var\((--[\w-]+)(?:,[^)]*)?\)", value)):
        value = ROOT[m.group(1)]
    if re.fullmatch(r"#[0-9a-fA-F]{3}", value):
        value = "#" + "".join(c * 2 for c in value[1:])
    return value.lower() if re.fullmatch(r"#[0-9a-fA-F]{6}", value) else None


def luminance(hex_colour: str) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_formula_gives_published_values() -> None:
    """Black on white is 21:1; #777 on white 4.48:1 (WebAIM's checker), within 0.01."""
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0, abs=0.01)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert contrast("#ffffff", "#e4572e") == pytest.approx(3.68, abs=0.01)  # the issue's


def _own_pairs() -> list[tuple[str, str, str]]:
    pairs = []
    for selector, props in RULES:
        fg = colour(props.get("color", ""))
        bg = colour(props.get("background", props.get("background-color", "")))
        if fg and bg:
            pairs.append((selector, fg, bg))
    return pairs


OWN = _own_pairs()
#: Where text takes its background from an ancestor: the page, cards and calendar cells,
#: and every chip and badge colour.
BACKGROUNDS = ["--bg", "--card", "--accent-soft", "--easy-soft", "--long-soft",
               "--strength-soft", "--rest-soft"]
TEXT = ["--ink", "--muted", "--accent-dark"]


def test_rules_with_their_own_background_are_readable() -> None:
    assert len(OWN) >= 10  # the parser found the buttons, badges and verdicts
    assert any(sel == ".button" for sel, _, _ in OWN)
    poor = [(sel, fg, bg, round(contrast(fg, bg), 2)) for sel, fg, bg in OWN
            if contrast(fg, bg) < AA]
    assert poor == []


@pytest.mark.parametrize("text", TEXT)
def test_text_colours_are_readable_on_every_background(text: str) -> None:
    fg = colour(f"var({text})")
    assert fg is not None
    poor = {bg: round(contrast(fg, colour(f"var({bg})") or ""), 2) for bg in BACKGROUNDS
            if contrast(fg, colour(f"var({bg})") or "") < AA}
    assert poor == {}


def test_chip_text_is_readable_on_its_chip() -> None:
    """The small grey meta line of a session chip, on each chip colour."""
    meta = next(props for sel, props in RULES if sel == ".chip-meta")
    fg = colour(meta["color"])
    assert fg is not None
    chips = [colour(props["background"]) for sel, props in RULES
             if sel.startswith(".kind-") or sel.startswith(".hard")]
    assert len(chips) >= 5
    assert min(contrast(fg, bg) for bg in chips if bg) >= AA
