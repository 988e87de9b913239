"""The README's "For QA" section against the code it describes.

- Its refusals table is what scripts/refusals_table.py makes of `REFUSALS` and the steps'
  overrides (refresh it with `.venv/bin/python scripts/refusals_table.py --write`).
- Its helper table names every public helper and constant of tests/e2e/helpers.py, with its
  signature, and its `stub` table every method of the `stub` fixture's client.
- Its example is tests/e2e/test_readme_example.py as it is (without the module docstring).
"""

import ast
import importlib.util
import inspect
import json
import re
from pathlib import Path

import pytest

from auth_ui.messages import REFUSALS, Refusal
from auth_ui.steps import STEPS
from cognito_stub import StubClient

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
HELPERS = ROOT / "tests" / "e2e" / "helpers.py"
EXAMPLE = ROOT / "tests" / "e2e" / "test_readme_example.py"
REGENERATE = "run `.venv/bin/python scripts/refusals_table.py --write`"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location(
        "refusals_table", ROOT / "scripts" / "refusals_table.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def for_qa() -> str:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## For QA\n") :]
    following = section.find("\n## ", 1)
    return section if following == -1 else section[:following]


def first_cells(header: str) -> list[str]:
    """The first cell of each row of the section's table that starts with `header`."""
    lines = for_qa().split("\n")
    start = lines.index(header) + 2  # the header, then its |---| line
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        match = re.match(r"\| `([^`]+)` \|", line)
        assert match, f"a row whose first cell is not one `name`: {line}"
        rows.append(match.group(1))
    return rows


# --- the refusals table -------------------------------------------------------------------------


def test_the_readme_shows_the_refusals_as_the_code_has_them(script):
    in_readme = script.in_readme(README.read_text(encoding="utf-8"))
    assert in_readme == script.markdown(), f"README's refusals table is out of date: {REGENERATE}"


def test_the_table_is_made_from_refusals_and_the_steps(script, monkeypatch):
    monkeypatch.setitem(REFUSALS, "QaProbeException", Refusal("code", "Probe | words.", 429))
    monkeypatch.setitem(STEPS["sign_in"].refusals, "QaProbeException", Refusal(None, "Other."))
    table = script.markdown()
    assert "| `QaProbeException` | this site | `code` field | 429 | Probe \\| words. |\n" in table
    assert "| `sign_in` | `QaProbeException` | top of the form | 422 | Other. |\n" in table
    assert table != script.in_readme(README.read_text(encoding="utf-8"))


def test_each_refusal_reads_where_the_table_puts_it(script):
    table = script.markdown()
    for code, shown in REFUSALS.items():
        where = f"`{shown.field}` field" if shown.field else "top of the form"
        assert re.search(
            rf"^\| `{code}` \| [^\n]* \| {re.escape(where)} \| {shown.status} \|", table, re.M
        )


# --- the helper tables --------------------------------------------------------------------------


def _default(node: ast.expr) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return json.dumps(node.value)
    return ast.unparse(node)


def _signature(function: ast.FunctionDef) -> str:
    args = function.args
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = list(zip(positional, defaults, strict=True))
    if args.kwonlyargs:
        pairs.append((None, None))  # the bare `*`
    pairs += zip(args.kwonlyargs, args.kw_defaults, strict=True)
    parts = [
        "*" if a is None else a.arg if d is None else f"{a.arg}={_default(d)}" for a, d in pairs
    ]
    return f"{function.name}({', '.join(parts)})"


def public_helpers() -> list[str]:
    """Every public function (as `name(params)`), class and constant of helpers.py."""
    names = []
    for node in ast.parse(HELPERS.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            names.append(_signature(node))
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name) and t.id.isupper()]
    return names


def stub_methods() -> list[str]:
    """Every public method (as `stub.name(params)`) and property of the `stub` fixture."""
    names = []
    for name, member in inspect.getmembers(StubClient):
        if name.startswith("_"):
            continue
        if isinstance(member, property):
            names.append(f"stub.{name}")
            continue
        parts, keyword_only = [], False
        for parameter in list(inspect.signature(member).parameters.values())[1:]:
            if parameter.kind is parameter.KEYWORD_ONLY and not keyword_only:
                parts.append("*")
                keyword_only = True
            default = parameter.default
            if default is parameter.empty:
                parts.append(parameter.name)
            else:
                shown = json.dumps(default) if isinstance(default, str) else repr(default)
                parts.append(f"{parameter.name}={shown}")
        names.append(f"stub.{name}({', '.join(parts)})")
    return names


def test_the_helper_table_lists_every_helper_as_it_is():
    listed = first_cells("| helper | does |")
    assert sorted(listed) == sorted(public_helpers())


def test_the_stub_table_lists_every_method_of_the_stub_fixture():
    listed = first_cells("| method | does |")
    assert sorted(listed) == sorted(stub_methods())


# --- the example --------------------------------------------------------------------------------


def test_the_readme_example_is_test_readme_example_py():
    match = re.search(
        r"```python\n# tests/e2e/test_readme_example.py\n(.*?)```", for_qa(), re.DOTALL
    )
    assert match, "the README's example names tests/e2e/test_readme_example.py first"
    source = EXAMPLE.read_text(encoding="utf-8")
    docstring_end = source.index('"""', 3) + 3
    assert match.group(1) == source[docstring_end:].lstrip("\n")
