"""XSS in real Chromium: script payloads in every field the UI renders, on every page that shows
them, signed in as an admin whose own name is a payload. The page's CSP is bypassed, so escaping
alone must hold; a payload that ran would set `window.__xss` or open a dialog."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tiewatch.graph import refresh
from tiewatch.store import Store, User
from tiewatch.store.watch import WatchRule
from tiewatch.web import create_app, reviewing
from web.conftest import serving
from web.corpus import add, claim, document

pytestmark = pytest.mark.browser

SUBJECT = "Red<img src=x onerror=window.__xss=1;alert(1)>Hand"
OBJECT = 'Front"><svg onload=window.__xss=2;alert(2)>'
ALIAS = "Red<script>window.__xss=3;alert(3)</script>Hand"
CLAIMANT = "<iframe srcdoc='<script>parent.__xss=4</script>'></iframe>"
TITLE = "</title><script>window.__xss=5</script>"
SOURCE = "<details open ontoggle=window.__xss=6>"
RULE = "rule<img src=x onerror=window.__xss=7>"
USER = "<b onmouseover=window.__xss=8>admin</b>'-alert(8)-'"
ORIGIN = "javascript:window.__xss=9"
SEARCH = "<img src=x onerror=window.__xss=10>"


def _hostile_store(url: str) -> tuple[Store, dict]:
    store = Store(url)
    quote_ = f"{SUBJECT} funds the {OBJECT} <script>window.__xss=11</script>."
    second = f"{ALIAS} funds the {OBJECT}."
    text = f"{quote_} {second}"
    doc = document(text, TITLE, SOURCE, "2024-05-02", origin=ORIGIN, author=CLAIMANT,
                   metadata={"message_link": ORIGIN, SEARCH: CLAIMANT})
    doc_id = add(store, doc, [
        claim(text, quote_, SUBJECT, "funds", OBJECT, claimant=CLAIMANT),
        claim(text, second, ALIAS, "funds", OBJECT, polarity="denied", claimant=USER),
    ])
    notes = (f"# {TITLE}\n\n{SUBJECT} [here]({ORIGIN}) ![p]({ORIGIN}) <{ORIGIN}>\n\n"
             f"<div onmouseover=window.__xss=12>{ALIAS}</div>\n\n[ref]: {ORIGIN}\n")
    markdown_id = add(store, document(notes, "Markdown notes", SOURCE, "2024-05-03", kind="text", origin="notes.md",
                                      metadata={"format": "markdown"}), [])
    refresh(store)
    store.add_watch_rule(WatchRule(name=RULE))
    token = store.add_user(USER, "admin")[1]
    actors = {a.name: a.id for a in store.list_actors()}
    reviewing.merge_actors(store, User(USER, "admin"), actors[SUBJECT], ALIAS)
    return store, {"doc": doc_id, "markdown": markdown_id, "subject": actors[SUBJECT], "object": actors[OBJECT], "token": token}


@pytest.fixture
def hostile(sqlite_url, tmp_path, monkeypatch):
    monkeypatch.setenv("TIEWATCH_KEY_FILE", str(tmp_path / "secret.key"))
    store, ids = _hostile_store(sqlite_url)
    with serving(create_app(store)) as url:
        yield {"url": url, "store": store, **ids}
    store.close()


def _pages(hostile) -> list[str]:
    store = hostile["store"]
    tie = store.list_ties()[0]
    claims = store.claims_for_tie(tie.id)
    return [
        "/", "/actors", f"/actors/{hostile['subject']}", f"/actors/{hostile['object']}", f"/ties/{tie.id}",
        f"/actors/{hostile['subject']}/brief",
        *[f"/claims/{c.id}" for c in claims], "/documents", f"/documents/{hostile['doc']}",
        f"/documents/{hostile['markdown']}",
        "/search?q=" + quote(SEARCH), "/search?q=Red", "/sources", "/review", "/users", "/channels",
        f"/feeds/{quote(RULE, safe='')}.atom", "/login?next=" + quote(SEARCH), "/nowhere" + quote(SEARCH),
        "/graph", f"/graph?actor={hostile['subject']}", "/docs",
    ]


def test_no_payload_runs_anywhere(browser, hostile):
    context = browser.new_context(bypass_csp=True)
    tab = context.new_page()
    dialogs = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    tab.goto(hostile["url"] + "/login")
    tab.fill("input[name=name]", USER)
    tab.fill("input[name=token]", hostile["token"])
    tab.click("button[type=submit]")
    tab.wait_for_url(hostile["url"] + "/")
    seen = {}
    for page in _pages(hostile):
        answer = tab.goto(hostile["url"] + page)
        tab.wait_for_load_state("load")
        if page.startswith("/graph"):
            tab.wait_for_selector("#graph[data-ready=true]", timeout=20000)
        for element in tab.locator("button, a, details, b, img, svg").all()[:60]:
            if element.is_visible():
                element.hover(timeout=2000)
        seen[page] = (answer.status, tab.evaluate("() => window.__xss ?? null"), tab.inner_text("body"))
    context.close()
    assert dialogs == []
    assert {page: flag for page, (_status, flag, _html) in seen.items() if flag is not None} == {}
    shown = "\n".join(text for _status, _flag, text in seen.values())
    missing = [p for p in (SUBJECT, OBJECT, ALIAS, CLAIMANT, TITLE, SOURCE, USER, ORIGIN, SEARCH) if p not in shown]
    assert missing == [], "every payload is shown as text somewhere"
    assert "tiewatch: rule&lt;img" in seen[f"/feeds/{quote(RULE, safe='')}.atom"][2]
    assert seen[f"/documents/{hostile['doc']}"][0] == 200 and seen["/users"][0] == 200
