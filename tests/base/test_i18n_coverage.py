"""Every message a person can read goes through the catalogue: a message written as a
plain string or an f-string where an error, a problem or a terminal line is made would
stay English under a French locale, and the catalogue test (test_i18n.py) could not see
it. This test reads the source and refuses such messages."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import relocmap
from relocmap.base.errors import RelocmapError

PACKAGE = Path(relocmap.__file__).parent


def _error_names() -> set[str]:
    names = set()
    pending: list[type] = [RelocmapError]
    while pending:
        kind = pending.pop()
        names.add(kind.__name__)
        pending += kind.__subclasses__()
    return names


# Calls whose text arguments a person reads: relocmap's errors, their problems, click's
# errors and the terminal's lines.
MESSAGE_CALLS = _error_names() | {
    "Problem",
    "single",
    "echo",
    "warn",
    "BadParameter",
    "UsageError",
}


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _is_plain_text(node: ast.AST) -> bool:
    """A string written out, or an f-string with words in it (not just ``f"{x}"``)."""
    if isinstance(node, ast.Constant):
        # A lone identifier is a name, not a sentence: a column ("code") or a key.
        return isinstance(node.value, str) and " " in node.value.strip()
    if isinstance(node, ast.JoinedStr):
        return any(
            isinstance(part, ast.Constant) and any(ch.isalpha() for ch in str(part.value))
            for part in node.values
        )
    if isinstance(node, ast.BinOp):  # "text " + _("...") is still untranslated text
        return _is_plain_text(node.left) or _is_plain_text(node.right)
    return False


def untranslated_messages(source: str, name: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _called_name(node) in MESSAGE_CALLS:
            arguments = [*node.args, *(k.value for k in node.keywords if k.arg != "err")]
            for argument in arguments:
                if _is_plain_text(argument):
                    found.append(f"{name}:{argument.lineno}: {ast.unparse(argument)[:80]}")
    return found


def test_the_check_finds_an_untranslated_message():
    source = (
        "raise InputError.single(path, f'expected {n} rows')\n"
        "problems.append(Problem(path, 'no data rows', 2))\n"
        "click.echo(f'wrote {path}')\n"
        "raise OutputError('cannot write ' + _('the outputs'))\n"
        "raise InputError.single(path, _('expected {n} rows').format(n=n))\n"
        "click.echo(f'  {line}')\n"
    )
    assert sorted(line.split(":")[1] for line in untranslated_messages(source, "x")) == [
        "1",
        "2",
        "3",
        "4",
    ]


def test_every_message_of_the_package_goes_through_the_catalogue():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found += untranslated_messages(path.read_text("utf-8"), str(path.relative_to(PACKAGE)))
    assert not found, "messages not wrapped in _() or ngettext():\n" + "\n".join(found)


# The modules that word the terminal's lines: there, any text of two words or more is a
# message, whatever call it goes to (a line appended to a list, a value returned).
TERMINAL_MODULES = ("report.py", "cli.py", "cli_base.py")
# The catalogue's markers, and click's: a help text is collected from the command for the
# catalogue and translated when shown (cli_base.TranslatedHelp).
HELP_CALLS = {"_", "N_", "ngettext", "option", "argument", "out_dir_option"}


def words_outside_the_catalogue(source: str, name: str) -> list[str]:
    tree = ast.parse(source)
    inside: set[int] = set()  # strings given to _(), N_(), ngettext() and docstrings
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _called_name(node) in HELP_CALLS:
            inside |= {id(n) for arg in node.args for n in ast.walk(arg)}
            inside |= {id(n) for k in node.keywords for n in ast.walk(k.value)}
        if isinstance(node, ast.JoinedStr):
            inside |= {id(part) for part in node.values}
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            inside |= {id(n) for n in ast.walk(body[0])}
    # Module constants in capitals are values, not messages (an example to type, click's
    # own English to recognise); a message kept in a constant is marked with N_().
    for node in tree.body:
        if isinstance(node, ast.Assign) and all(
            isinstance(target, ast.Name) and target.id.lstrip("_").isupper()
            for target in node.targets
        ):
            inside |= {id(n) for n in ast.walk(node.value)}
    found = []
    for node in ast.walk(tree):
        if id(node) in inside or not isinstance(node, ast.Constant | ast.JoinedStr):
            continue
        parts = [node] if isinstance(node, ast.Constant) else node.values
        text = "".join(str(p.value) for p in parts if isinstance(p, ast.Constant))
        sentence = len(re.findall(r"[A-Za-z]{2,}", text)) >= 2 and " " in text.strip()
        # ": " and "; " are spaced otherwise in French (" : "): punctuation is wording too.
        if sentence or re.search(r"[:;] ", text):
            found.append(f"{name}:{node.lineno}: {text[:80]}")
    return found


def test_the_terminal_modules_word_nothing_outside_the_catalogue():
    found = []
    for module in TERMINAL_MODULES:
        path = PACKAGE / module
        found += words_outside_the_catalogue(path.read_text("utf-8"), module)
    assert not found, "terminal text not wrapped in _() or ngettext():\n" + "\n".join(found)


def test_the_terminal_check_finds_a_line_appended_as_text():
    source = 'def f(lines):\n    """Doc string."""\n    lines.append(f"{key}: went up from {a}")\n'
    assert words_outside_the_catalogue(source, "x") == ["x:3: : went up from "]
    assert words_outside_the_catalogue('EXAMPLE = "a value to type"\n', "x") == []
    assert words_outside_the_catalogue('lines = ["a line to read"]\n', "x") != []
    assert words_outside_the_catalogue('line = f"{key}: {old} → {new}"\n', "x") != []
