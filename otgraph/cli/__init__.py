"""The ``otgraph`` command: parses arguments, calls the library, formats text or JSON.

The library never prints and never exits; every command raises, and this package alone maps
exceptions to exit codes and renders their hints as flags (``main`` below): 0 answered, 1 no
route or nothing matched, 2 bad input, usage, or a missing optional part. An error is one line
on stderr (``otgraph: error: ...``), or with ``--json`` one JSON object ``{"error", "exit",
...}``; a usage error adds click's help hint on a second line (in JSON, as ``"help"``). A
warning is ``otgraph: warning: ...``, or with ``--json`` a ``{"warning": ...}`` object, one
per line. networkx is imported only by commands that need it, so ``otgraph --help`` and
``--version`` stay quick.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

__all__ = ["CommandError", "NothingMatched", "cli", "main"]

#: Library argument names -> the flags a command-line user typed.
FLAGS = {
    "max_years": "--max-years", "within_years": "--within-years", "by": "--by", "k": "-k", "track": "--track",
    "country": "--country", "via": "--via", "avoid": "--avoid", "fmt": "--format", "to": "--to", "have": "--have",
    "source": "FROM", "target": "TO", "served": "--served", "path": "--data",
    # otgraph export
    "around": "--around", "radius": "--radius", "labels": "--labels", "size": "--size", "min_text": "--min-text",
    "context": "--context",
    # otgraph learn
    "columns": "--columns", "as_of": "--as-of", "min_count": "--min-count", "map_to": "--map-to",
    "memory_limit": "--memory-limit", "threads": "--threads", "engine": "--engine", "master": "--master",
    "today": "--today",
}


class CommandError(Exception):
    """A command's own failure, mapped by ``main`` like a library error: ``message`` (when empty,
    nothing is written to stderr) and the exit ``code``."""

    def __init__(self, message: str = "", code: int = 1):
        self.code = code
        super().__init__(message)


class NothingMatched(CommandError):
    """A list came out empty (no role matches the filters...): exit 1, as grep. The command has
    printed the empty result itself (``[]`` under ``--json``), so nothing goes to stderr."""

    def __init__(self) -> None:
        super().__init__("", 1)


class _ClosedPipe(Exception):
    """The reader of stdout went away (``otgraph roles | head -1``); not an OSError, so click's
    own handler (which exits 1) lets it through to ``OtgraphGroup.main``."""


#: Each command's module, imported only when the command runs (or help lists them all): a
#: command line pays for its own command's imports, not for every command's.
COMMAND_MODULES = {
    "roles": "role_commands", "show": "role_commands", "translate": "role_commands",
    "path": "route_commands", "routes": "route_commands", "qualifications": "route_commands",
    "reach": "graph_commands", "requires": "graph_commands", "stats": "graph_commands",
    "export": "export_commands", "import": "data_commands", "validate": "data_commands",
    "learn": "learn_commands", "compare": "compare_commands",
}


class OtgraphGroup(click.Group):
    """A click group whose errors are one line (or one JSON object) and whose exit codes are grep's,
    and whose commands are loaded lazily (click's documented "lazy loading" pattern)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in COMMAND_MODULES:
            import importlib

            module = importlib.import_module(f"{__name__}.{COMMAND_MODULES[cmd_name]}")
            for found in module.COMMANDS:
                self.add_command(found)
            command = super().get_command(ctx, cmd_name)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _ClosedPipe() from None

    def main(self, args: Any = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        as_json = "--json" in argv
        try:
            rv = super().main(argv, prog_name or "otgraph", complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.exceptions.Abort:
            click.echo("otgraph: error: aborted", err=True)
            code = 130
        except click.exceptions.NoArgsIsHelpError as exc:  # plain ``otgraph``: the help, as usage
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message(), err=True)
            code = 2
        except click.ClickException as exc:
            code = _report(_usage_message(exc), 2, as_json, help=_help_hint(exc))
        except (BrokenPipeError, _ClosedPipe):
            _quiet_stdout()
            code = 0
        except CommandError as exc:
            code = _report(str(exc), exc.code, as_json) if str(exc) else exc.code
        except Exception as exc:
            from ..errors import OtgraphError

            if not isinstance(exc, OtgraphError):
                raise
            code = _report_library_error(exc, as_json)
        try:
            sys.stdout.flush()  # what is still buffered, while a closed pipe can still be caught
        except BrokenPipeError:
            _quiet_stdout()
        except (OSError, ValueError):
            pass
        if standalone_mode:
            sys.exit(code)
        return code


def _usage_message(exc: click.ClickException) -> str:
    return " ".join(exc.format_message().split())


def _help_hint(exc: click.ClickException) -> str | None:
    """click's "Try 'otgraph path -h' for help." for a usage error (None for other errors)."""
    ctx = getattr(exc, "ctx", None)
    if not isinstance(exc, click.UsageError) or ctx is None or not ctx.command.get_help_option(ctx):
        return None
    return f"Try '{ctx.command_path} {ctx.help_option_names[0]}' for help."


def _report_library_error(exc: Exception, as_json: bool) -> int:
    from ..errors import AmbiguousRoleError, DataError, NoRouteError, RoleLookupError, UnknownQualificationError

    code = 1 if isinstance(exc, NoRouteError) else 2
    if isinstance(exc, DataError):  # a data file's name and contents are not options
        message = str(exc)
        if len(exc.problems) > 1:
            message = message[:-1] + "; run 'otgraph validate' to list them)"
    else:
        message = flag_message(exc)
    extra: dict[str, Any] = {}
    if isinstance(exc, AmbiguousRoleError):
        extra["candidates"] = exc.candidates
    elif isinstance(exc, (RoleLookupError, UnknownQualificationError)):
        extra["suggestions"] = exc.candidates
    elif getattr(exc, "install", None):
        extra["install"] = exc.install
    return _report(message, code, as_json, **extra)


def flag_message(exc: Any) -> str:
    """A library error's message in the command line's words: the argument it starts with, and
    the arguments it suggests (its hints), become the flags a user types.

    >>> from otgraph.errors import Hint, InvalidOptionError, SlideError
    >>> flag_message(InvalidOptionError("min_count must be a whole number of at least 1, not 0", "min_count"))
    '--min-count must be a whole number of at least 1, not 0'
    >>> flag_message(SlideError(["draw a part (", Hint("around", "ROLE", True), " with ", Hint("radius", 1),
    ...                          "), use ", Hint("labels", "years")]))
    'draw a part (--around ROLE with --radius 1), use --labels years'
    """
    message = exc.render(_flag)
    argument = getattr(exc, "argument", None)
    if argument in FLAGS and message.startswith(argument):
        message = FLAGS[argument] + message[len(argument):]
    return message


def _flag(hint: Any) -> str:
    flag = FLAGS.get(hint.argument, hint.argument)
    return flag if hint.value is None else f"{flag} {hint.value}"


def _report(message: str, code: int, as_json: bool, help: str | None = None, **extra: Any) -> int:
    try:
        if as_json:
            fields = {"error": message, "exit": code, **({"help": help} if help else {}), **extra}
            click.echo(json.dumps(fields, ensure_ascii=False), err=True)
        else:
            click.echo(f"otgraph: error: {' '.join(message.split())}" + (f"\n{help}" if help else ""), err=True)
    except BrokenPipeError:
        pass
    return code


def _quiet_stdout() -> None:
    """After a closed pipe (``otgraph roles | head -1``): no further writes, no shutdown noise."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _remember_data(ctx: click.Context, _param: click.Parameter, value: tuple[str, ...]) -> None:
    """--data given after a subcommand: added to (or, over $OTGRAPH_DATA, replacing) the files."""
    if not value:
        return
    obj = ctx.find_root().obj
    if obj.get("data_from_env"):
        obj["data"], obj["data_from_env"] = [], False
    obj["data"] = [*(obj.get("data") or []), *value]


DATA_HELP = ("Roles file to use, or a packaged one: roles (the default) or onet. Repeat to merge several "
             "(linked through O*NET-SOC codes). Default: $OTGRAPH_DATA (files separated by ':'), else roles.")

#: --data on a subcommand, so it works before or after the command name.
data_option = click.option("--data", metavar="FILE", multiple=True, expose_value=False, callback=_remember_data,
                           is_eager=True, help=DATA_HELP)


@click.group(name="otgraph", cls=OtgraphGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--data", metavar="FILE", multiple=True, help=DATA_HELP)
@click.version_option(package_name="otgraph", prog_name="otgraph")
@click.pass_context
def cli(ctx: click.Context, data: tuple[str, ...]) -> None:
    """Occupational therapy career paths: roles, routes and how long they take.

    \b
    Examples:
      otgraph roles --country UK
      otgraph show "Consultant Occupational Therapist"
      otgraph path "Occupational Therapy Support Worker" "Consultant Occupational Therapist"
      otgraph path "Entry-Level Occupational Therapist" "Rehabilitation Services Manager" --json

    Exit status: 0 answered, 1 no route exists or nothing matched, 2 bad input or usage.
    """
    # Names typed on the command line that were not valid UTF-8 arrive as lone surrogates;
    # echoing them (in a message, a file name) must show them escaped, not crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    from_env = not data
    if not data:
        data = tuple(p for p in os.environ.get("OTGRAPH_DATA", "").split(os.pathsep) if p)
    ctx.obj = {"data": list(data) or None, "data_from_env": from_env}


def main() -> None:
    """The console entry point."""
    from . import common

    common.FREEZE_AFTER_LOAD = True  # this process ends after the command
    cli.main(prog_name="otgraph")
