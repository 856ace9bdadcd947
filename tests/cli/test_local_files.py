"""No local file leaves its place: a symbolic link in a collected folder, a link named on the
command line, or a fetched "feed" whose body is a local path never brings a file into the store."""

from __future__ import annotations

import os
from urllib.parse import quote

from typer.testing import CliRunner

from tests.ingest.webserver import serve
from tiewatch.cli.app import app
from tiewatch.store import Store

runner = CliRunner()
SECRET = "root:x:0:0:the secret line\n"
STORY = "The Kora Liberation Front clashed with the army near Dakoro, residents said.\n"


def run(*args: str):
    result = runner.invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def texts(url: str) -> list[str]:
    return [doc.text for doc in Store(url).iter_documents()]


def _tree(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "passwd.txt").write_text(SECRET, encoding="utf-8")
    folder = tmp_path / "collected"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    return outside, folder


def test_link_in_a_folder_to_an_outside_file_is_skipped_with_its_reason(sqlite_url, tmp_path):
    outside, folder = _tree(tmp_path)
    os.symlink(outside / "passwd.txt", folder / "x.txt")
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract")
    assert result.exit_code == 0, result.output
    assert "1 new, 0 already known, 1 skipped" in result.output
    assert "x.txt: a link to a file outside the folder" in result.output and "--follow-links" in result.output
    assert not any("secret" in t for t in texts(sqlite_url))


def test_link_to_an_outside_folder_is_not_walked(sqlite_url, tmp_path):
    outside, folder = _tree(tmp_path)
    os.symlink(outside, folder / "etc")
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract")
    assert result.exit_code == 0 and "etc: a link to a folder" in result.output
    assert not any("secret" in t for t in texts(sqlite_url))


def test_link_inside_the_folder_is_stored_once(sqlite_url, tmp_path):
    _outside, folder = _tree(tmp_path)
    os.symlink(folder / "story.txt", folder / "same-story.txt")
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract")
    assert "1 new, 1 already known, 0 skipped" in result.output


def test_link_named_on_the_command_line_needs_follow_links(sqlite_url, tmp_path):
    outside, _folder = _tree(tmp_path)
    os.symlink(outside, tmp_path / "etc")
    refused = run("ingest", str(tmp_path / "etc"), "--db", sqlite_url, "--no-extract")
    assert refused.exit_code == 2 and "a symbolic link" in refused.output and "--follow-links" in refused.output
    assert texts(sqlite_url) == []
    allowed = run("ingest", str(tmp_path / "etc"), "--db", sqlite_url, "--no-extract", "--follow-links")
    assert allowed.exit_code == 0 and texts(sqlite_url) == [SECRET.strip()]


def test_a_loop_of_links_is_reported_once_and_the_folder_goes_on(sqlite_url, tmp_path):
    _outside, folder = _tree(tmp_path)
    os.symlink(folder / "loop-b", folder / "loop-a")
    os.symlink(folder / "loop-a", folder / "loop-b")
    os.symlink(folder, folder / "back")
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract")
    assert result.exit_code == 0, result.output
    assert result.output.count("loop-a") == 1 and "1 new" in result.output


def test_extract_skips_an_outside_link_found_in_a_folder(tmp_path):
    outside, folder = _tree(tmp_path)
    os.symlink(outside / "passwd.txt", folder / "x.txt")
    result = run("extract", str(folder), "--extractor", "cooccurrence")
    assert result.exit_code == 0 and "secret" not in result.output


def test_feed_body_naming_a_local_file_is_never_opened(sqlite_url, tmp_path):
    outside, _folder = _tree(tmp_path)
    with serve() as base:
        url = f"{base}/feed-body/{quote(str(outside / 'passwd.txt'), safe='')}"
        result = run("ingest", url, "--db", sqlite_url, "--no-extract", "--allow-private")
    assert result.exit_code == 2 and "no readable items" in result.output
    assert texts(sqlite_url) == []


def test_feed_body_naming_a_url_is_not_fetched(sqlite_url):
    with serve() as base:
        url = f"{base}/feed-body/{quote(base + '/latest', safe='')}"
        result = run("ingest", url, "--db", sqlite_url, "--no-extract", "--allow-private")
    assert result.exit_code == 2 and texts(sqlite_url) == []


def test_a_named_pipe_in_a_folder_is_skipped_without_waiting(sqlite_url, tmp_path):
    _outside, folder = _tree(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    result = run("ingest", str(folder), "--db", sqlite_url, "--no-extract")
    assert result.exit_code == 0 and "pipe.txt: not a regular file" in result.output


def test_a_folder_swapped_for_a_link_after_the_check_is_refused_at_open(tmp_path):
    from pathlib import Path

    import pytest

    from tiewatch.ingest.inputs import Item, _read_capped
    from tiewatch.model import IngestError

    outside, folder = _tree(tmp_path)
    (folder / "sub").mkdir()
    item = Item(str(folder / "sub" / "passwd.txt"), direct=False, within=os.path.realpath(folder))
    (folder / "sub").rmdir()
    os.symlink(outside, folder / "sub")  # what a racing attacker does between the check and the open
    with pytest.raises(IngestError, match="outside the folder"):
        _read_capped(Path(item.origin), 1000, item)
