"""The lazy top-level command: subcommands are listed without importing them."""

from __future__ import annotations

import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

import regiokompas.cli.besparing_cmd as besparing_cmd
from regiokompas.cli import COMMANDS, cli

HEAVY = ("pandas", "scipy", "matplotlib", "highspy", "fastapi", "sqlalchemy", "pydantic_settings")


def _modules_after(argv: list[str]) -> tuple[str, set[str]]:
    """Run the CLI in a fresh interpreter; return its output and the top-level modules loaded."""
    script = (
        "import json, sys\n"
        f"sys.argv = {['regiokompas', *argv]!r}\n"
        "from regiokompas.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    *output, modules = done.stdout.strip().splitlines()
    return "\n".join(output), set(json.loads(modules))


def test_help_lists_every_command_without_importing_heavy_libraries() -> None:
    output, modules = _modules_after(["--help"])
    for name in COMMANDS:
        assert f"  {name} " in output
    assert "regiokompas" in modules  # the probe itself works
    assert not modules & set(HEAVY), sorted(modules & set(HEAVY))


def test_version_is_light_too() -> None:
    output, modules = _modules_after(["--version"])
    assert "regiokompas" in output
    assert not modules & set(HEAVY)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_registered_help_matches_the_command_itself(name: str) -> None:
    lazy = COMMANDS[name]
    command = lazy.load()
    assert command.name == name
    assert lazy.short_help == command.get_short_help_str(10_000)


def test_help_text_is_what_eager_click_would_print() -> None:
    """The lazy listing equals click's own listing of the loaded commands."""
    eager = click.Group("regiokompas", help=cli.help, params=cli.params)
    for name, lazy in COMMANDS.items():
        eager.add_command(lazy.load(), name)
    lazy_help = CliRunner().invoke(cli, ["--help"]).output
    eager_help = CliRunner().invoke(eager, ["--help"]).output
    # Dutch by default: click's own heading "Commands" comes from the Dutch click catalogue.
    assert lazy_help.split("Opdrachten:")[1] == eager_help.split("Opdrachten:")[1]


def test_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["bestaatniet"])
    assert result.exit_code == 2
    assert "bestaatniet" in result.output


@pytest.mark.parametrize(
    ("taal", "text"),
    [
        ("nl", "Fout: Een samenwerking vraagt minstens twee gemeenten."),
        ("en", "Error: Cooperation needs at least two municipalities."),
    ],
)
def test_besparing_rejects_one_gemeente_before_loading_data(
    monkeypatch: pytest.MonkeyPatch, taal: str, text: str
) -> None:
    def no_data(*_args: object) -> None:
        raise AssertionError("the dataset must not load for invalid input")

    monkeypatch.setattr(besparing_cmd, "dataset_from", no_data)
    result = CliRunner().invoke(
        cli, ["--taal", taal, "besparing", "--gemeenten", "Gouda", "--taakveld", "0.61"]
    )
    assert result.exit_code == 1, result.output
    assert text in result.output


#: Libraries a full ``besparing`` or ``verdeel`` run does not need (pandas it does: the data
#: bundle is read with it).
NOT_ON_THE_SAVINGS_PATH = ("scipy", "matplotlib", "pydantic_settings", "fastapi", "sqlalchemy")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            [
                "besparing",
                "--gemeenten",
                "Gouda,Waddinxveen,Bodegraven-Reeuwijk",
                "--taakveld",
                "0.61",
                "--format",
                "csv",
            ],
            "Bruto besparing per jaar",
        ),
        (
            [
                "verdeel",
                "--gemeenten",
                "Gouda,Waddinxveen,Zuidplas",
                "--taakveld",
                "0.4",
                "--format",
                "csv",
            ],
            "Shapley",
        ),
    ],
)
def test_besparing_and_verdeel_import_no_scipy_matplotlib_or_settings(
    argv: list[str], expected: str
) -> None:
    """Cold-start budget (issue 14): these commands stay off scipy, matplotlib and
    pydantic-settings, which together cost about half a second at every start."""
    output, modules = _modules_after(argv)
    assert expected in output  # the command really ran to the end
    assert {"pandas", "numpy"} <= modules  # and the probe sees what it loaded
    assert not modules & set(NOT_ON_THE_SAVINGS_PATH), sorted(
        modules & set(NOT_ON_THE_SAVINGS_PATH)
    )


def test_besparing_refuses_one_gemeente_before_numpy_or_pandas_load() -> None:
    # Its own probe: the refusal goes to stderr and ends in exit status 1.
    script = (
        "import json, sys\n"
        "sys.argv = ['regiokompas', 'besparing', '--gemeenten', 'Gouda', '--taakveld', '0.61']\n"
        "from regiokompas.cli import main\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print(code, json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    code, listed = done.stdout.strip().split(" ", 1)
    modules = set(json.loads(listed))
    assert code == "1"
    assert "minstens twee gemeenten" in done.stderr
    assert not modules & {"numpy", "pandas", *HEAVY}, sorted(modules & {"numpy", "pandas"})


def test_errors_base_is_light() -> None:
    """Catching or raising the base error loads no data layer."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, regiokompas._errors, regiokompas._modes, regiokompas.cli._common\n"
            "print(sorted(m for m in ('numpy', 'pandas', 'regiokompas.data') if m in sys.modules))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert done.stdout.strip() == "[]"


def test_the_base_error_is_one_class_everywhere() -> None:
    from regiokompas import _errors
    from regiokompas.data import RegiokompasError
    from regiokompas.register import NotFoundError

    assert RegiokompasError is _errors.RegiokompasError
    assert issubclass(NotFoundError, _errors.RegiokompasError)
