"""The facts file's JSON Schema and the checker it drives.

The schema ships with the package (``publication.schema.json``, documented field by
field in ``data/README.md``). Facts are parsed with numbers kept as text until
checked, and the checker reports every problem at once, each as one line that says
what to write instead. It understands the handful of JSON Schema keywords the
schema uses, and the schema may use no other (a test walks it with
:func:`schema_keywords`). Reading the file and making a ``Publication`` of it is
:mod:`relocmap.inputs.facts`.
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from relocmap.base.errors import InputError, Problem
from relocmap.base.i18n import N_, _
from relocmap.base.layout import FACTS_SCHEMA
from relocmap.base.numbers import fold
from relocmap.base.precision import SPELLINGS
from relocmap.inputs.dates import MONTHS, MONTHS_EN, PartialDate

MAX_DIGITS = 30  # a number written with more digits is reported, never converted
# JSON Schema keywords the checker understands; the schema may use no other.
SUPPORTED_KEYWORDS = frozenset(
    {
        "$schema",
        "$ref",
        "$defs",
        "$comment",
        "title",
        "description",
        "examples",
        "type",
        "required",
        "additionalProperties",
        "properties",
        "dependentRequired",
        "enum",
        "minimum",
        "maximum",
        "minLength",
        "maxLength",
        "pattern",
        "format",
    }
)


# --- parsing, numbers kept as text until checked ------------------------------------


class _LongNumber(str):
    """A JSON integer written with more than MAX_DIGITS digits: kept as text."""


class _Decimal(str):
    """A JSON number with a fraction or an exponent (never a whole number here): kept as text."""


class _Constant(str):
    """NaN, Infinity or -Infinity, which Python's json accepts and JSON does not."""


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given twice."""

    duplicates: list[str]


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object()
    result.duplicates = []
    for key, value in pairs:
        if key in result and key not in result.duplicates:
            result.duplicates.append(key)
        result[key] = value
    return result


def _integer(text: str) -> int | _LongNumber:
    return _LongNumber(text) if len(text.lstrip("-")) > MAX_DIGITS else int(text)


_JSON_HINTS = (
    ("Expecting property name enclosed in double quotes", N_("a comma after the last fact?")),
    (
        "Expecting value",
        N_("text must be in double quotes, and no comma after the last value"),
    ),
    ("Expecting ',' delimiter", N_("a comma missing between two facts?")),
    ("Invalid control character", N_("a line break inside a text? write it on one line")),
)


def parse_facts_text(path: Path, text: str) -> Any:
    """Parse JSON text with numbers kept as text until checked; errors are InputErrors."""

    def constant(name: str) -> _Constant:
        return _Constant(name)

    try:
        return json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=_integer,
            parse_float=_Decimal,
            parse_constant=constant,
        )
    except json.JSONDecodeError as exc:
        hint = next((h for start, h in _JSON_HINTS if exc.msg.startswith(start)), None)
        reason = _("not valid JSON: {reason} (character {column})").format(
            reason=_(exc.msg), column=exc.colno
        )
        if hint:
            reason = _("{reason}; {hint}").format(reason=reason, hint=_(hint))
        raise InputError.single(path, reason, line=exc.lineno) from None
    except RecursionError:
        raise InputError.single(
            path, _("not a facts file: values nested too deeply (expected one object of facts)")
        ) from None


# --- the schema and its checker ----------------------------------------------------


@cache
def _schema_text() -> str:
    return resources.files("relocmap.inputs").joinpath(FACTS_SCHEMA).read_text("utf-8")


def facts_schema() -> dict[str, Any]:
    """The JSON Schema of the facts file, shipped with the package."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def known_keys() -> tuple[str, ...]:
    """The keys a facts file may hold, in the schema's order."""
    return tuple(facts_schema()["properties"])


def _resolve(schema: Mapping[str, Any], node: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """A property's schema and the definition it refers to: both apply."""
    nodes = [node]
    ref = node.get("$ref")
    if ref is not None:
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"unsupported $ref {ref!r} in {FACTS_SCHEMA}")
        nodes.append(schema["$defs"][ref.removeprefix("#/$defs/")])
    return nodes


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, _Decimal | _Constant):
        return "number"
    if isinstance(value, int | _LongNumber):
        return "integer"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _shown(value: Any) -> str:
    """A value as the user wrote it in JSON, shortened."""
    if isinstance(value, _LongNumber | _Decimal | _Constant):
        text = str(value)
    elif isinstance(value, list):
        return _("a list")
    elif isinstance(value, dict):
        return _("an object")
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = text if len(text) <= 40 else text[:39] + "…"
    # Control, format and lone surrogate characters are shown as escapes, so that the
    # message prints on any terminal.
    return re.sub(_UNPRINTABLE, lambda m: f"\\u{ord(m.group()):04x}", text)


_UNPRINTABLE = re.compile(
    r"[\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f"
    r"\ufeff\ud800-\udfff]"
)

_TYPE_WORDS = {
    "string": N_("text in double quotes"),
    "integer": N_("a whole number"),
    "boolean": N_("true or false"),
    "null": "null",
}
# Yes and no as people write them in a facts file, folded: the JSON value to write instead.
_BOOLEAN_SPELLINGS = {
    **dict.fromkeys(("true", "vrai", "oui", "yes", "1"), "true"),
    **dict.fromkeys(("false", "faux", "non", "no", "0"), "false"),
}


def _type_problem(value: Any, allowed: list[str]) -> str | None:
    kind = _json_type(value)
    if kind in allowed:
        return None
    wanted = _(" or ").join(_(_TYPE_WORDS.get(t, t)) for t in allowed if t != "null")
    if kind == "null":
        return _("a value is required, got null")
    if "integer" in allowed and kind == "string" and re.fullmatch(r"[0-9 \u00a0\u202f]+", value):
        digits = re.sub(r"\D", "", value)
        return _("expected {wanted}, without quotes or spaces: write {digits}, not {value}").format(
            wanted=wanted, digits=digits, value=_shown(value)
        )
    fix = ""
    if "boolean" in allowed and kind in ("string", "integer"):
        word = _BOOLEAN_SPELLINGS.get(fold(str(value)))
        if word and kind == "string":
            fix = _(": write {value}, without quotes").format(value=word)
        elif word:
            fix = _(": write {value}").format(value=word)
    elif "integer" in allowed and isinstance(value, _Decimal):
        whole = re.fullmatch(r"(-?[0-9]+)\.0*", value)
        fix = _(": write {value}").format(value=whole[1]) if whole else ""
        return _("expected {wanted}, got {value}{fix}").format(wanted=wanted, value=value, fix=fix)
    elif kind == "number":
        return _("expected {wanted}, got {value}, which is not a number JSON knows").format(
            wanted=wanted, value=value
        )
    return _("expected {wanted}, got {value}{fix}").format(
        wanted=wanted, value=_shown(value), fix=fix
    )


@cache
def _pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern for Python's re: a final ``$`` ends the text, as in JSON Schema
    (ECMA-262), and not also before a final line break, as Python's ``$`` does."""
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _char_problem(text: str, pattern: str) -> str:
    """Why ``text`` fails a character-class pattern: its first refused character."""
    if not text.strip():
        return _("is blank; write the fact, or remove the key")
    allowed = _pattern(pattern)
    for position, char in enumerate(text, start=1):
        # Between two letters, so that a space alone does not count as blank text.
        if not allowed.search(f"x{char}x"):
            return _(
                "{character} at character {position} is not allowed in text; "
                "write the text on one line, without control characters"
            ).format(character=_describe_char(char), position=position)
    return _("contains characters that are not allowed")


def _describe_char(char: str) -> str:
    names = {"\n": N_("a line break"), "\r": N_("a carriage return"), "\t": N_("a tab")}
    if char in names:
        return _(names[char])
    name = unicodedata.name(char, "")
    # Unicode's character names are English in every language: they are the standard's.
    what = name.lower() if name else _("a control character")
    return f"U+{ord(char):04X} ({what})"


_DATE_PATTERNS = (
    # "14 mars 2023", "1er mars 2023", "mars 2023" (month names folded: no accents)
    (re.compile(r"^(?:(\d{1,2})(?:er)? )?([a-z]+) (\d{4})$"), ("day", "month", "year")),
    # "14/03/2023", "14-03-2023", "14.03.2023"
    (re.compile(r"^(\d{1,2}) (\d{1,2}) (\d{4})$"), ("day", "month", "year")),
    # "03/2023"
    (re.compile(r"^(\d{1,2}) (\d{4})$"), ("month", "year")),
)
_FOLDED_MONTHS = {fold(name): number for number, name in enumerate(MONTHS, start=1)}
_FOLDED_MONTHS.update({fold(name): number for number, name in enumerate(MONTHS_EN, start=1)})


def suggest_iso_date(text: str) -> str | None:
    """``14 mars 2023`` or ``14/03/2023`` gives ``2023-03-14``; None if not recognised."""
    folded = fold(text)
    for pattern, parts in _DATE_PATTERNS:
        match = pattern.match(folded)
        if not match:
            continue
        found = dict(zip(parts, match.groups(), strict=True))
        month = found.get("month")
        number = _FOLDED_MONTHS.get(month) if month and not month.isdigit() else month
        if number is None:
            return None
        candidate = f"{found['year']}-{int(number):02d}"
        if found.get("day"):
            candidate += f"-{int(found['day']):02d}"
        try:
            return PartialDate.parse(candidate).iso
        except ValueError:
            return None
    return None


def _date_problem(value: str) -> str | None:
    try:
        PartialDate.parse(value)
    except ValueError as exc:
        suggestion = suggest_iso_date(value)
        if suggestion:
            fix = _(": write {value}").format(value=suggestion)
        else:
            fix = _(" (2022, 2022-10 or 2022-10-14)")
        if re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", value):
            return _("{value} is not a date: {reason}").format(value=_shown(value), reason=exc)
        return _("{value} is not an ISO 8601 date{fix}").format(value=_shown(value), fix=fix)
    return None


def _enum_problem(value: Any, allowed: list[Any]) -> str:
    words = [a for a in allowed if a is not None]
    suggestion = SPELLINGS.get(fold(value)) if isinstance(value, str) else None
    fix = _(": write {value}").format(value=suggestion.value) if suggestion is not None else ""
    return _("unknown value {value}; expected one of {allowed}{fix}").format(
        value=_shown(value), allowed=", ".join(words), fix=fix
    )


def _value_problem(value: Any, nodes: list[Mapping[str, Any]]) -> str | None:
    """The first thing wrong with a value against a property's schema nodes, or None."""
    for node in nodes:
        if "type" in node:
            allowed = node["type"] if isinstance(node["type"], list) else [node["type"]]
            problem = _type_problem(value, allowed)
            if problem:
                return problem
    for node in nodes:
        problem = _constraint_problem(value, node)
        if problem:
            return problem
    return None


def _constraint_problem(value: Any, node: Mapping[str, Any]) -> str | None:
    if "enum" in node and value not in node["enum"]:
        return _enum_problem(value, node["enum"])
    if isinstance(value, _LongNumber):
        return _("a number of {digits} digits is far too large; expected at most {maximum}").format(
            digits=len(value.lstrip("-")), maximum=node.get("maximum", _("a few digits"))
        )
    if isinstance(value, int) and not isinstance(value, bool):
        if "minimum" in node and value < node["minimum"]:
            return _("expected a whole number ≥ {minimum}, got {value}").format(
                minimum=node["minimum"], value=value
            )
        if "maximum" in node and value > node["maximum"]:
            return _("expected at most {maximum} (a typo?), got {value}").format(
                maximum=node["maximum"], value=value
            )
    if isinstance(value, str):
        if "minLength" in node and len(value) < node["minLength"]:
            return _("is empty; write the fact, or remove the key")
        if "maxLength" in node and len(value) > node["maxLength"]:
            return _("is {length} characters long; at most {maximum} are shown, shorten it").format(
                length=len(value), maximum=node["maxLength"]
            )
        if "pattern" in node and not _pattern(node["pattern"]).search(value):
            if node.get("format") == "partial-date":
                return _date_problem(value)
            return _char_problem(value, node["pattern"])
        if node.get("format") == "partial-date":
            return _date_problem(value)
    return None


def _key_lines(text: str) -> dict[str, int]:
    """The line of the first ``"key":`` of each key (for messages; one linear pass)."""
    starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    lines: dict[str, int] = {}
    for match in re.finditer(r'"((?:[^"\\\n]|\\.)*)"\s*:', text):
        try:
            key = json.loads(f'"{match[1]}"')
        except ValueError:
            continue
        lines.setdefault(key, bisect.bisect_right(starts, match.start()))
    return lines


def _unknown_key(key: str, known: tuple[str, ...]) -> str:
    shown = repr(key) if len(key) <= 40 else repr(key[:39]) + "…"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return _("unknown key {key}; did you mean {close}?").format(key=shown, close=repr(close[0]))
    return _("unknown key {key}; the known keys are {known} (see data/README.md)").format(
        key=shown, known=", ".join(known)
    )


def check_facts(path: str | Path, raw: Any, text: str = "") -> list[Problem]:
    """Every problem of parsed facts against the schema; ``text`` locates keys by line."""
    schema = facts_schema()
    if not isinstance(raw, dict):
        return [
            Problem(
                str(path),
                _("expected a JSON object ({{ … }}) of facts at the top level, got {value}").format(
                    value=_shown(raw)
                ),
            )
        ]
    lines = _key_lines(text)
    known = tuple(schema["properties"])

    def problem(key: str, reason: str) -> Problem:
        return Problem(str(path), reason, lines.get(key))

    problems = [
        problem(key, _("key {key} is given twice; keep one").format(key=repr(key)))
        for key in getattr(raw, "duplicates", [])
    ]
    for key in schema["required"]:
        if key not in raw:
            example = json.dumps(schema["properties"][key]["examples"][-1], ensure_ascii=False)
            problems.append(
                Problem(
                    str(path),
                    _("missing key {key}; it is required, e.g. {example}").format(
                        key=repr(key), example=f'"{key}": {example}'
                    ),
                )
            )
    for key, value in raw.items():
        if key not in schema["properties"]:
            problems.append(problem(key, _unknown_key(key, known)))
            continue
        reason = _value_problem(value, _resolve(schema, schema["properties"][key]))
        if reason:
            problems.append(
                problem(key, _("key {key}: {reason}").format(key=repr(key), reason=reason))
            )
    for key, needed in schema.get("dependentRequired", {}).items():
        if raw.get(key) is None:
            continue
        for other in needed:
            if raw.get(other) is None:
                problems.append(
                    problem(
                        key,
                        _(
                            "key {key} needs {other}, the number it goes with: add {other}, "
                            "or remove {key}"
                        ).format(key=repr(key), other=repr(other)),
                    )
                )
    return problems


def fact_problem(key: str, value: Any) -> str | None:
    """What is wrong with one fact's value (as for the file), or None: for command options."""
    schema = facts_schema()
    return _value_problem(value, _resolve(schema, schema["properties"][key]))


def schema_keywords(node: Any) -> Iterator[str]:
    """Every keyword used anywhere in a schema (for the test that the checker knows them)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key in ("properties", "$defs", "dependentRequired"):
                for sub in value.values():
                    yield from schema_keywords(sub) if isinstance(sub, dict) else ()
            elif key not in ("examples", "enum", "required", "type"):
                yield from schema_keywords(value) if isinstance(value, dict) else ()
