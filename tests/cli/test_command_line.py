"""The command line as a newcomer meets it: every argument explained in --help, the database a
command uses is the one named, a mistyped folder or path is one line, a busy port is said plainly."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from tiewatch.cli.app import app
from tiewatch.store import Store

TIEWATCH = str(Path(sys.executable).parent / "tiewatch")


def commands(group=None, path=()):
    """Every command of the tree with the words that call it."""
    group = group or typer.main.get_command(app)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from commands(command, (*path, name))
        else:
            yield (*path, name), command


def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "TIEWATCH_DB"} | (env or {})
    return subprocess.run([TIEWATCH, *args], capture_output=True, text=True, env=environ, cwd=cwd, timeout=120)


def one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    line, = done.stderr.strip().splitlines()
    assert line.startswith("error: ")
    return line


def test_every_argument_and_option_is_explained_and_no_flag_asks_for_a_value():
    seen = 0
    for words, command in commands():
        for param in command.params:
            assert getattr(param, "help", None), f"tiewatch {' '.join(words)}: {param.name} has no help"
        shown = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": "200"})
        assert shown.exit_code == 0 and "<bool>" not in shown.output, (words, shown.output)
        seen += 1
    assert seen > 30
    shown = CliRunner().invoke(app, ["ingest", "--help"], env={"COLUMNS": "200"}).output
    assert "--no-extract " in shown and "--max-seconds" in shown


def test_the_db_named_on_the_command_line_beats_tiewatch_db(tmp_path):
    named, other = f"sqlite:///{tmp_path / 'named.db'}", f"sqlite:///{tmp_path / 'other.db'}"
    (tmp_path / "note.txt").write_text("Hamas smuggles weapons for the Sinai Province, the report says.\n")
    assert run("ingest", str(tmp_path / "note.txt"), "--no-extract", "--db", named).returncode == 0
    Store(other).close()
    listed = ["documents", "--format", "jsonl"]
    for args in (["--db", named, *listed], [*listed, "--db", named]):
        done = run(*args, env={"TIEWATCH_DB": other})
        assert done.returncode == 0 and '"title": "Hamas smuggles' in done.stdout, (args, done.stdout, done.stderr)
    assert '"title": "Hamas smuggles' in run(*listed, env={"TIEWATCH_DB": named}).stdout
    assert run(*listed, env={"TIEWATCH_DB": other}).stdout.strip() == ""


@pytest.mark.parametrize("args", [["ties"], ["show", "Hamas"], ["documents"], ["export", "csv", "--out", "x"],
                                  ["watch", "list"], ["alerts", "list"], ["--db", "sqlite:///elsewhere.db", "actors"]])
def test_a_command_that_reads_refuses_a_sqlite_file_that_is_not_there(tmp_path, args):
    line = one_line_error(run(*args, cwd=tmp_path))
    assert "no database at" in line and "tiewatch ingest" in line
    assert list(tmp_path.iterdir()) == []


def test_the_commands_that_build_a_store_make_its_file(tmp_path):
    (tmp_path / "note.txt").write_text("A short note with no ties at all, only words.\n")
    assert run("watch", "add", "everything", cwd=tmp_path).returncode == 0
    assert run("users", "add", "ana", "--role", "admin", cwd=tmp_path).returncode == 0
    assert run("ingest", "note.txt", "--no-extract", cwd=tmp_path).returncode == 0
    assert (tmp_path / "tiewatch.db").is_file()
    assert run("ties", cwd=tmp_path).returncode == 0


def test_serve_on_a_busy_port_says_so_in_one_line_and_claims_nothing(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run("serve", "--port", str(port), "--db", f"sqlite:///{tmp_path / 'tw.db'}")
    assert done.stdout == ""
    line = one_line_error(done)
    assert f"port {port} on 127.0.0.1 is already in use" in line and "--port" in line


@pytest.mark.parametrize("args", [["export", "stix", "--out"], ["export", "csv", "--out"],
                                  ["brief", "--actor", "Hamas", "--out"], ["watch", "feed", "everything", "--out"]])
def test_out_in_a_folder_that_does_not_exist_is_refused_and_creates_nothing(tmp_path, args):
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    Store(db).close()
    assert run("watch", "add", "everything", "--db", db).returncode == 0
    target = tmp_path / "missing" / "deeper" / ("feed.atom" if "feed" in args else "brief.md" if "brief" in args else "out")
    line = one_line_error(run(*args, str(target), "--db", db))
    assert f"the folder {target.parent} does not exist" in line
    assert not (tmp_path / "missing").exists()


def test_a_folder_format_makes_its_own_folder_inside_an_existing_one(tmp_path):
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    Store(db).close()
    assert run("export", "csv", "--out", str(tmp_path / "ties"), "--db", db).returncode == 0
    assert (tmp_path / "ties" / "edges.csv").is_file()
    assert "it is a folder" in one_line_error(run("export", "stix", "--out", str(tmp_path), "--db", db))


@pytest.mark.parametrize("args", [["alerts", "retry", "9" * 20], ["actors", "undo", "9" * 20], ["show", "9" * 20],
                                  ["watch", "add", "w", "--min-sources", "9" * 20],
                                  ["path", "Hamas", "ISIS", "--max-hops", "9" * 20]])
def test_an_integer_past_what_the_store_holds_is_refused_without_a_traceback(tmp_path, args):
    db = f"sqlite:///{tmp_path / 'tw.db'}"
    Store(db).close()
    done = run(*args, "--db", db)
    assert done.returncode in (1, 2) and "Traceback" not in done.stderr, done.stderr
    assert "less than or equal to" in done.stderr or "no actor named" in done.stderr
