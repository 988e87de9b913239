"""Input borders and focus indicators reach 3:1 against the card (WCAG 1.4.11), light and dark.

axe-core checks text contrast only; this reads the computed colours in the browser (any CSS
colour, alpha included, turned into sRGB by painting it over the card's background on a canvas)
and computes WCAG's relative luminance here. An invalid field's focus ring is red (not the
accent over a red border) and still visibly differs from the same field unfocused.
"""

import colorsys

import pytest
from playwright.sync_api import Locator, Page, expect

from .helpers import card, heading

MINIMUM = 3.0

# The element's colours, each painted over the card's background ([r, g, b], 0-255): its border,
# its outline, and each solid ring of its box-shadow (no offset, no blur: how rings are drawn).
STYLES = """
(element) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const paint = canvas.getContext("2d", { willReadFrequently: true });
  const background = getComputedStyle(element.closest(".card")).backgroundColor;
  const over = (colour) => {
    paint.clearRect(0, 0, 1, 1);
    paint.fillStyle = background;
    paint.fillRect(0, 0, 1, 1);
    paint.fillStyle = colour;
    paint.fillRect(0, 0, 1, 1);
    return Array.from(paint.getImageData(0, 0, 1, 1).data.slice(0, 3));
  };
  const style = getComputedStyle(element);
  const shadows = [];
  let depth = 0, current = "";
  for (const ch of style.boxShadow) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) { shadows.push(current); current = ""; } else current += ch;
  }
  shadows.push(current);
  const rings = [];
  for (const shadow of shadows.map((s) => s.trim()).filter((s) => s && s !== "none")) {
    const lengths = (shadow.match(/-?[\\d.]+px/g) || []).map(parseFloat);
    const [x = 0, y = 0, blur = 0, spread = 0] = lengths;
    const colour = shadow.replace(/-?[\\d.]+px/g, "").replace("inset", "").trim();
    if (!x && !y && !blur && spread > 0 && !/inset/.test(shadow)) rings.push(over(colour));
  }
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return {
    card: over(background),
    border: over(style.borderTopColor),
    outline: outlined ? over(style.outlineColor) : null,
    rings,
  };
}
"""


def luminance(rgb: list[int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[int], b: list[int]) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_red(rgb: list[int]) -> bool:
    h, _lightness, saturation = colorsys.rgb_to_hls(*(c / 255 for c in rgb))
    return (h * 360 <= 20 or h * 360 >= 340) and saturation > 0.3 and rgb[0] > max(rgb[1:])


def styles(page: Page, element: Locator) -> dict:
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    return element.evaluate(STYLES)


def indicator(resting: dict, focused: dict) -> list[list[int]]:
    """What focus added or changed: an outline, a ring, a border of another colour."""
    parts = [ring for ring in focused["rings"] if ring not in resting["rings"]]
    if focused["outline"] and focused["outline"] != resting["outline"]:
        parts.append(focused["outline"])
    if focused["border"] != resting["border"]:
        parts.append(focused["border"])
    return parts


def assert_visible_focus(resting: dict, focused: dict, what: str) -> list[list[int]]:
    """The most visible part of the focus indicator reaches 3:1 against the card."""
    parts = indicator(resting, focused)
    assert parts, f"{what}: focus changes nothing"
    best = max(contrast(part, focused["card"]) for part in parts)
    assert best >= MINIMUM, f"{what}: focus indicator {parts} at best {best:.2f}:1"
    return parts


@pytest.fixture(params=["light", "dark"])
def scheme(request, page: Page) -> str:
    page.emulate_media(color_scheme=request.param)
    return request.param


def test_input_borders_reach_3_to_1(page: Page, scheme: str):
    page.goto("/auth/sign-up/")
    expect(heading(page, "Create your account")).to_be_visible()
    page.get_by_role("button", name="Sign up").focus()  # every field at rest
    for label in ("Email", "Password", "Confirm password"):
        found = styles(page, page.get_by_label(label, exact=True))
        ratio = contrast(found["border"], found["card"])
        assert ratio >= MINIMUM, f"{label} border {found['border']}: {ratio:.2f}:1 ({scheme})"


def test_focus_indicators_reach_3_to_1(page: Page, scheme: str):
    page.goto("/auth/sign-in/")
    email = page.get_by_label("Email", exact=True)
    page.get_by_role("heading", name="Sign in").click()  # nothing focused
    resting = styles(page, email)
    email.focus()
    assert_visible_focus(resting, styles(page, email), f"Email field ({scheme})")

    # Buttons and links show theirs on keyboard focus (:focus-visible): reach them with Tab.
    for name, role in (
        ("Show password", "button"),
        ("Sign in", "button"),
        ("Create an account", "link"),
    ):
        target = card(page).get_by_role(role, name=name)
        resting = styles(page, target)
        for _press in range(12):
            if target.evaluate("el => el === document.activeElement"):
                break
            page.keyboard.press("Tab")
        expect(target).to_be_focused()
        assert_visible_focus(resting, styles(page, target), f"{name} {role} ({scheme})")


def test_an_invalid_field_keeps_a_visible_red_focus_ring(page: Page, scheme: str):
    page.goto("/auth/sign-in/")
    page.get_by_role("button", name="Sign in").click()  # both empty: both invalid
    email = page.get_by_label("Email", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_be_focused()
    focused = styles(page, email)
    page.get_by_label("Password", exact=True).focus()
    resting = styles(page, email)

    assert is_red(resting["border"]), f"invalid border {resting['border']} is not red"
    assert contrast(resting["border"], resting["card"]) >= MINIMUM
    parts = assert_visible_focus(resting, focused, f"invalid Email field ({scheme})")
    assert all(is_red(part) for part in parts), f"invalid focus ring {parts} is not all red"
