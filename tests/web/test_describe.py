"""An analyst corrects a document's title, publisher, date and address in the UI; the ties' dates
follow, the change is in the review log, and undo restores it."""

from __future__ import annotations

from web.conftest import csrf_of, sign_in


def test_a_corrected_date_moves_the_tie_and_undo_moves_it_back(client, world):
    tie_id, doc_id = world.ids["supplies_weapons"], world.ids["first"]
    assert client.get(f"/api/ties/{tie_id}").json()["first_seen"].startswith("2024-03-01")
    sign_in(client, world, "analyst")
    page = client.get(f"/documents/{doc_id}").text
    assert "Correct title, publisher, date or address" in page
    answer = client.post(f"/documents/{doc_id}/describe", data={
        "title": "Rifles reach the brigade (corrected)", "publisher": "Sahel Monitor", "published": "2 February 2024",
        "url": "https://sahelmonitor.example/rifles", "csrf": csrf_of(page),
    })
    assert answer.status_code == 303
    page = client.get(f"/documents/{doc_id}").text
    assert "Rifles reach the brigade (corrected)" in page and "2024-02-02" in page and "as an analyst set it" in page
    assert 'href="https://sahelmonitor.example/rifles"' in page
    assert client.get(f"/api/ties/{tie_id}").json()["first_seen"].startswith("2024-02-02")
    log = client.get("/api/reviews").json()["items"]
    assert log[0]["action"] == "describe" and log[0]["before"]["published"] == "2024-03-01"
    review = client.get("/review").text
    assert f'href="/documents/{doc_id}"' in review

    undone = client.post(f"/review/{log[0]['id']}/undo", data={"csrf": csrf_of(review)})
    assert undone.status_code == 303
    assert client.get(f"/api/ties/{tie_id}").json()["first_seen"].startswith("2024-03-01")
    assert client.get(f"/api/documents/{doc_id}").json()["title"] == "Rifles reach the Black Banner Brigade"


def test_the_api_sets_only_the_fields_given_and_refuses_what_is_no_date(client, world):
    doc_id = world.ids["second"]
    answer = client.post(f"/api/documents/{doc_id}/describe", json={"publisher": "Desert Wire Agency"},
                         headers=world.auth("analyst"))
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["review"]["after"] == {"publisher": "Desert Wire Agency"}
    assert body["document"]["source"] == "Desert Wire Agency" and body["document"]["published"] == "2024-04-10"
    bad = client.post(f"/api/documents/{doc_id}/describe", json={"published": "soon"}, headers=world.auth("analyst"))
    assert bad.status_code == 400 and "is not a date" in bad.json()["error"]
    same = client.post(f"/api/documents/{doc_id}/describe", json={"publisher": "Desert Wire Agency"},
                       headers=world.auth("analyst"))
    assert same.status_code == 400 and "nothing changed" in same.json()["error"]
    viewer = client.post(f"/api/documents/{doc_id}/describe", json={"title": "x"}, headers=world.auth("viewer"))
    assert viewer.status_code == 403
