"""Every message a person can read goes through the catalogue: a message written as a
plain string or an f-string where an error, a problem or a terminal line is made would
stay English under a French locale, and the catalogue test (test_i18n.py) could not see
it. This test reads the source and refuses such messages."""

from __future__ import annotations

import ast
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
