"""A live server (uvicorn in a thread, on a free port) over the web tests' corpus, and a real
headless Chromium driven by Playwright. Screenshots go to test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiewatch.store import ROLES, Store
from tiewatch.web import create_app
from web import corpus
from web.conftest import serving

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]


@pytest.fixture
def live(sqlite_url, tmp_path, monkeypatch):
    """The app served on 127.0.0.1 (anonymous reading allowed): base URL, store, ids and tokens."""
    monkeypatch.setenv("TIEWATCH_KEY_FILE", str(tmp_path / "secret.key"))
    store = Store(sqlite_url)
    ids = corpus.build(store)
    tokens = {role: store.add_user(f"{role}-one", role)[1] for role in ROLES}
    with serving(create_app(store)) as url:
        yield {"url": url, "store": store, "ids": ids, "tokens": tokens}
    store.close()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is absent: `apt-get install chromium` (scripts/test.sh does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh page that records dialogs and console errors; the test asserts on them."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    tab = context.new_page()
    tab.dialogs, tab.errors = [], []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    context.close()


def shoot(tab, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def sign_in(tab, live, role: str) -> None:
    tab.goto(live["url"] + "/login")
    tab.fill("input[name=name]", f"{role}-one")
    tab.fill("input[name=token]", live["tokens"][role])
    tab.click("button[type=submit]")
    tab.wait_for_url(live["url"] + "/")
