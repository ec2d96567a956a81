"""The language of the messages: French under a French locale, English otherwise, chosen
as gettext chooses (LANGUAGE, LC_ALL, LC_MESSAGES, LANG: fr_FR.UTF-8, fr_CA or fr give
French; C, en_US or nothing give English), from the catalogue in base/locale/.

The English text is the message id. ``_`` translates now; ``N_`` only marks a text for
the catalogue, for one translated later (when it is shown); ``ngettext`` chooses the
singular or plural form. Placeholders are named (``{path}``), never positional, so that
a translation may reorder them; the catalogue is refreshed by
``scripts/update_catalogue.py`` (see README.md, "Language of the messages").
"""

from __future__ import annotations

import gettext
import os
from contextvars import ContextVar, Token
from functools import lru_cache
from pathlib import Path

DOMAIN = "relocmap"
LOCALE_DIR = Path(__file__).with_name("locale")
# The variables gettext reads, in its order: the first one set chooses the language.
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@lru_cache(maxsize=8)
def _catalogue(environment: tuple[str | None, ...]) -> gettext.NullTranslations:
    """The translations for one setting of the locale variables (English: none)."""
    return gettext.translation(DOMAIN, LOCALE_DIR, fallback=True)


@lru_cache(maxsize=4)
def _chosen(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


# A language chosen by the program rather than the locale (use_language), or None; a
# context variable, so that one thread (a request of the desk) may choose its own.
_program_language: ContextVar[str | None] = ContextVar("relocmap_language", default=None)


def use_language(language: str | None) -> Token[str | None]:
    """Speak ``language`` ("fr", "en") whatever the locale says, in this thread; None:
    follow the locale again. For a program whose every word is in one language (the
    desk is French). The token puts the previous choice back (ContextVar.reset)."""
    return _program_language.set(language)


def restore_language(token: Token[str | None]) -> None:
    """Put back the choice made before :func:`use_language` gave ``token``."""
    _program_language.reset(token)


def catalogue() -> gettext.NullTranslations:
    """The translations the program or the environment asks for, read once per setting."""
    chosen = _program_language.get()
    if chosen is not None:
        return _chosen(chosen)
    return _catalogue(tuple(os.environ.get(name) for name in LOCALE_VARIABLES))


def _(message: str) -> str:
    """``message`` in the user's language."""
    return catalogue().gettext(message)


def N_(message: str) -> str:  # noqa: N802 (the name gettext's tools know)
    """``message`` unchanged, marked for the catalogue: it is translated when shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for ``count``, in the user's language."""
    return catalogue().ngettext(singular, plural, count)


def language() -> str:
    """``"fr"`` when messages are in French, else ``"en"``."""
    return "fr" if _("Error: {message}") != "Error: {message}" else "en"


def use_for_libraries() -> None:
    """Make the catalogue the process's gettext domain, so that the libraries that
    translate with ``gettext.gettext`` (click: "Usage:", "Options", "Missing option")
    find their French words in it. For the command line only: a program chooses its
    domain, a library does not."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    gettext.textdomain(DOMAIN)


# Messages of click that relocmap's command line shows, translated through
# ``use_for_libraries`` (click's own text is the message id).
CLICK_MESSAGES = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("default: {default}"),
    N_("required"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing command."),
    N_("No such option {name!r}."),
    N_("No such command {name!r}."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("{name} {filename!r} does not exist."),
    N_("Aborted!"),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("Option {name!r} does not take a value."),
    N_("{value} is not in the range {range}."),
)


def _click_plurals() -> None:
    """click's messages with a plural form, marked for the catalogue (never called)."""
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})", 2)
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}.", 2)
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", 2)
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments.", 2
    )
