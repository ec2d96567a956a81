"""The house's rules, checked on the source (ARCHITECTURE.md): stages import only
themselves and the stages before them, no import circle, few function-level imports
and each with its reason, modules and functions a reader can hold in mind, every
file name spelled once."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from helpers import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "relocmap"
# The stages in order; a module may import its own stage and those before it. The
# top-level modules build, update and report come after the subpackage stages, then the
# desk (over build and update), then the command line (cli, __main__), which holds all.
SUBPACKAGES = ("base", "files", "inputs", "extract", "history", "outputs", "page", "desk")
STAGES = ("base", "files", "inputs", "extract", "history", "outputs", "page", "top", "desk")
TOP = STAGES.index("top")  # build, update, report
COMMAND_LINE = len(STAGES)  # cli, __main__
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 60
MAX_FUNCTION_LEVEL_IMPORTS = 5


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> int:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in SUBPACKAGES:
        return STAGES.index(parts[1])
    command_line = ("relocmap.cli", "relocmap.cli_base", "relocmap.__main__")
    return COMMAND_LINE if module in command_line else TOP


def imported_modules(node: ast.ImportFrom | ast.Import) -> list[str]:
    """The relocmap modules an import statement loads (``from relocmap.base import codes``
    loads relocmap.base.codes)."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name.startswith("relocmap")]
    assert node.level == 0, "relative imports are not used in relocmap"
    base = node.module or ""
    if not base.startswith("relocmap"):
        return []
    return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]


def imports_of(path: Path) -> list[tuple[ast.ImportFrom | ast.Import, bool]]:
    """Every relocmap import of a file, and whether it sits inside a function."""
    found = []
    tree = ast.parse(path.read_text("utf-8"))
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inside |= {id(n) for n in ast.walk(node) if n is not node}
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and imported_modules(node):
            found.append((node, id(node) in inside))
    return found


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        if name == "relocmap":  # the public face imports the stages; none imports it
            continue
        edges[name] = {m for node, _ in imports_of(path) for m in imported_modules(node)}
    return edges


def test_the_layout_is_the_documented_one():
    subpackages = sorted(p.parent.name for p in PACKAGE.glob("*/__init__.py"))
    assert subpackages == sorted(SUBPACKAGES)
    top = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert top == ["__init__", "__main__", "build", "cli", "cli_base", "report", "update"]


@pytest.mark.parametrize("stage", SUBPACKAGES)
def test_every_stage_says_what_it_is_for(stage):
    doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8")))
    assert doc and len(doc.split("\n\n")[0].splitlines()) == 2, doc


def test_no_stage_imports_a_later_one_and_nothing_imports_the_face():
    wrong = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        for target in targets
        if target == "relocmap" or stage_of(target) > stage_of(name)
    ]
    assert wrong == []


def test_no_import_circle():
    edges = graph()
    state: dict[str, int] = {}  # 1: on the path, 2: done
    circles = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                circles.append(" → ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_function_level_imports_are_few_and_explained():
    found = []
    for path in MODULES.values():
        lines = path.read_text("utf-8").splitlines()
        for node, inside in imports_of(path):
            if inside:
                reason = lines[node.lineno - 2].strip()
                found.append((path.name, node.lineno, reason.startswith("#")))
    assert len(found) <= MAX_FUNCTION_LEVEL_IMPORTS, found
    assert all(explained for *_, explained in found), found


def test_no_module_is_too_long_to_read():
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_long_functions_say_why_beside_them():
    unexplained = []
    for path in MODULES.values():
        lines = path.read_text("utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if length > MAX_FUNCTION_LINES and not lines[first - 2].strip().startswith("#"):
                    unexplained.append(f"{path.name}:{node.name} ({length} lines)")
    assert unexplained == []


FILE_NAMES = (
    "relocalisations.csv",
    "publication.json",
    "schema.json",
    "publication.schema.json",
    "carte.html",
    "carte-iframe.html",
    "relocalisations.geojson",
    "carte.png",
    "carte.svg",
    "evolution.png",
    "trajectoire.png",
    "leaflet.js",
    "leaflet.css",
)


def test_every_file_name_is_spelled_once():
    """As a value (not in prose): base/layout.py names them, every module takes them there."""
    spelled: dict[str, list[str]] = {}
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and node.value in FILE_NAMES:
                spelled.setdefault(node.value, []).append(name)
    assert {n: where for n, where in spelled.items() if where != ["relocmap.base.layout"]} == {}
