"""The command line's machinery, under its commands (cli.py): library errors as one
``Error:`` line each and exit status 2, usage mistakes likewise, the options several
commands share, and the help and click's own words in the user's language (base/i18n)."""

from __future__ import annotations

import functools
import inspect
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import click

from relocmap.base import layout
from relocmap.base.errors import RelocmapError
from relocmap.base.i18n import N_, _, use_for_libraries
from relocmap.report import error_lines, one_line_usage, show_warning

P = ParamSpec("P")
R = TypeVar("R")


DEFAULT_DATA = layout.DEFAULT_FIGURES
DEFAULT_PUBLICATIONS = layout.DEFAULT_PUBLICATIONS
DATA_HELP_DEFAULT = f"{DEFAULT_DATA}, or {DEFAULT_PUBLICATIONS}/ when it exists"
DEFAULT_GEO = layout.DEFAULT_BOUNDARIES
DEFAULT_OUT = layout.DEFAULT_OUT

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


INTERRUPTED_STATUS = 130  # 128 + SIGINT, what shells report for Ctrl-C


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn library errors into one line per problem on stderr and exit status 2; Ctrl-C
    into one line and status 130; warnings into one line each."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("default")
                warnings.showwarning = show_warning
                return command(*args, **kwargs)
        except RelocmapError as exc:
            for line in error_lines(exc):
                click.echo(_("Error: {message}").format(message=line), err=True)
            sys.exit(2)
        except KeyboardInterrupt:
            click.echo(
                _(
                    "Interrupted: no output was left half-written "
                    "(the previous files are kept unless the new set was complete)"
                ),
                err=True,
            )
            sys.exit(INTERRUPTED_STATUS)

    return wrapper


# --- the help in the user's language ------------------------------------------------
# Help texts (a command's docstring, an option's help=) are written in English in the
# code and translated when shown: scripts/update_catalogue.py collects them from the
# click objects (help_texts), as they are, for the catalogue.


def _help_text(command: click.Command) -> str:
    """The command's help, as click shows it (up to a form feed), in the user's language."""
    return _(inspect.cleandoc(command.help)).partition("\f")[0] if command.help else ""


def _option_help(param: click.Parameter, shown: str) -> str:
    """An option's help as click shows it (``help  [default: …]``), its help translated;
    the bracket is click's, translated through the catalogue too (use_for_libraries)."""
    help_text = getattr(param, "help", None)
    if help_text and shown.startswith(help_text):
        return _(help_text) + shown[len(help_text) :]
    return shown


class TranslatedHelp(click.Command):
    """A command whose help, options' help and short help are shown in the user's
    language."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:  # click caches it, worded in the language of its first use
            option.help = N_("Show this message and exit.")
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        # click shortens a help text itself: give it the translated one to shorten.
        return click.Command(self.name, help=_help_text(self)).get_short_help_str(limit)

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = _help_text(self)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is not None and not isinstance(param, click.Argument):
                rows.append((record[0], _option_help(param, record[1])))
        if rows:
            with formatter.section(_("Options")):
                formatter.write_dl(rows)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)


def help_texts(command: click.Command) -> list[str]:
    """Every help text of ``command`` and its subcommands, as the catalogue holds them."""
    texts = [inspect.cleandoc(command.help)] if command.help else []
    # command.params, not get_params(): that would make (and cache) the help option in a
    # context without the command's settings, and "-h" would be lost for the process.
    texts += [text for p in command.params if (text := getattr(p, "help", None))]
    for sub in getattr(command, "commands", {}).values():
        texts += help_texts(sub)
    return texts


class OneLineUsageGroup(TranslatedHelp, click.Group):
    """A click group whose usage mistakes (bad or missing option, unknown command), its own
    and its commands', print one ``Error:`` line and exit with status 2, as every other
    error does. Asking for help (``--help``, or no command at all) still prints the help."""

    command_class = TranslatedHelp

    def main(self, *args: Any, **kwargs: Any) -> Any:
        use_for_libraries()  # click's own words ("Usage:", "Missing option") in French too
        return super().main(*args, **kwargs)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise one_line_usage(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise one_line_usage(exc) from None


class LocalPath(click.Path):
    """click's Path, its kind ("directory" in "Directory 'x' is a file") worded when a
    message is shown, in the user's language, not once in English at import."""

    @property
    def name(self) -> str:
        return _(self._kind)

    @name.setter
    def name(self, kind: str) -> None:
        self._kind = kind


encoding_option = click.option(
    "--encoding",
    default=None,
    metavar="NAME",
    help="Encoding of the CSV (default: UTF-8 with or without BOM, else Windows-1252).",
)
accept_mismatch_option = click.option(
    "--accept-total-mismatch",
    is_flag=True,
    help="Go on even though a published total contradicts the departments' sum "
    "(the Région published them so); the map shows both.",
)
geo_option = click.option(
    "--geo",
    type=LocalPath(path_type=Path, dir_okay=False),
    default=DEFAULT_GEO,
    show_default=True,
    help="Department boundaries (GeoJSON).",
)


def out_dir_option(help_text: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """``--out DIR``, the folder of the map's outputs (build, update)."""
    return click.option(
        "--out",
        "out_dir",
        type=LocalPath(path_type=Path, file_okay=False),
        default=DEFAULT_OUT,
        show_default=True,
        help=help_text,
    )
