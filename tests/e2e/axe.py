"""axe-core in the page, and an audit that collects every state a test visits (light, dark)."""

from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import Page

AXE = Path(__file__).parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SCHEMES = ["light", "dark"]


@cache
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` at the repository root")
    return AXE.read_text(encoding="utf-8")


def settled(page: Page) -> None:
    """No htmx request in flight, and no transition left that could skew colour contrast."""
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
        " && document.getAnimations().every(a => a.playState !== 'running')"
    )


def axe_violations(page: Page) -> list[dict]:
    """Run axe-core on the page as it is now. Injected with evaluate: our CSP blocks inline tags."""
    settled(page)
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate("async () => (await axe.run(document)).violations")


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"])
        lines.append(
            f"  {violation['id']} ({violation['impact']}): {violation['help']} → {targets}"
        )
        for node in violation["nodes"][:3]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"      {' '.join(node['target'])}: {summary}")
    return "\n".join(lines)


class Audit:
    """Collects the violations of every state a test visits; fails once with all of them."""

    def __init__(self, page: Page, scheme: str) -> None:
        self.page, self.scheme, self.found = page, scheme, []

    def check(self, state: str) -> None:
        # The pointer would otherwise rest on the button just clicked; hover is audited apart.
        self.page.mouse.move(0, 0)
        violations = axe_violations(self.page)
        if violations:
            self.found.append(
                f"{state} [{self.scheme}] at {self.page.url}:\n{describe(violations)}"
            )

    def assert_clean(self) -> None:
        assert not self.found, "axe-core violations:\n" + "\n".join(self.found)
