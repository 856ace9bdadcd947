"""Telegram Desktop exports: one document per message, structure kept in metadata."""

import json

import pytest

from tests.conftest import shared_path
from tiewatch.ingest import Item, read_item
from tiewatch.model import IngestError

CHANNEL = {
    "name": "Front Media", "type": "public_channel", "id": 555,
    "messages": [
        {"id": 1, "type": "service", "date": "2024-01-01T00:00:00", "actor": "Front Media",
         "action": "create_channel", "text": "", "text_entities": []},
        {"id": 2, "type": "message", "date": "2024-01-02T10:00:00", "from": "Front Media", "from_id": "channel555",
         "text": [{"type": "bold", "text": "Statement"}, "\nThe front denies any tie to ",
                  {"type": "mention", "text": "@brigade_news"}, ". ", {"type": "hashtag", "text": "#Gao"}],
         "text_entities": [{"type": "bold", "text": "Statement"}, {"type": "plain", "text": "\nThe front denies any tie to "},
                           {"type": "mention", "text": "@brigade_news"}, {"type": "plain", "text": ". "},
                           {"type": "hashtag", "text": "#Gao"}]},
        {"id": 3, "type": "message", "date": "2024-01-03T11:00:00", "from": "Front Media", "from_id": "channel555",
         "forwarded_from": "Gao Relay", "forwarded_from_id": "channel777",
         "text": "The militia attacked the market. Details: https://t.me/gaorelay/9",
         "text_entities": [{"type": "plain", "text": "The militia attacked the market. Details: "},
                           {"type": "link", "text": "https://t.me/gaorelay/9"}]},
        {"id": 4, "type": "message", "date": "2024-01-03T12:00:00", "from": "Front Media", "from_id": "channel555",
         "reply_to_message_id": 3,
         "text": ["Lies. ", {"type": "text_link", "text": "Our answer", "href": "https://front.example/answer"}]},
        {"id": 5, "type": "message", "date": "2024-01-04T12:00:00", "from": "Front Media", "from_id": "channel555",
         "photo": "(File not included. Change data exporting settings to download.)", "text": "", "text_entities": []},
    ],
}


def write(tmp_path, data, name="result.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_one_document_per_message_service_and_media_only_skipped(tmp_path):
    docs = read_item(Item(str(write(tmp_path, CHANNEL)), direct=True))
    assert [d.metadata["message_id"] for d in docs] == [2, 3, 4]
    assert all(d.kind == "telegram" and d.source.name == "Front Media" and d.source.kind == "channel" for d in docs)


def test_text_flattened_with_links_mentions_hashtags_in_metadata(tmp_path):
    statement, forward, reply = read_item(Item(str(write(tmp_path, CHANNEL)), direct=True))
    assert statement.text == "Statement\nThe front denies any tie to @brigade_news. #Gao"
    assert statement.metadata["mentions"] == ["@brigade_news"] and statement.metadata["hashtags"] == ["#Gao"]
    assert statement.published == "2024-01-02T10:00:00Z" and statement.metadata["channel_id"] == "channel555"
    assert forward.metadata["forwarded_from"] == "Gao Relay" and forward.metadata["forwarded_from_id"] == "channel777"
    assert forward.metadata["links"] == ["https://t.me/gaorelay/9"]
    assert reply.text == "Lies. Our answer" and reply.metadata["reply_to_message_id"] == 3
    assert reply.metadata["links"] == ["https://front.example/answer"]


def test_whole_account_export_reads_every_chat(tmp_path):
    other = {"name": "Gao Relay", "type": "public_channel", "id": 777, "messages": [
        {"id": 9, "type": "message", "date": "2024-01-03T10:00:00", "from": "Gao Relay", "text": "The militia attacked the market."}]}
    account = {"about": "export", "personal_information": {"first_name": "Analyst"},
               "chats": {"about": "chats", "list": [CHANNEL, other]}, "left_chats": {"about": "left", "list": []}}
    docs = read_item(Item(str(write(tmp_path, account, "account.json")), direct=True))
    assert {d.metadata["channel"] for d in docs} == {"Front Media", "Gao Relay"} and len(docs) == 4


def test_invalid_json_says_where(tmp_path):
    path = tmp_path / "result.json"
    path.write_text('{"name": "Front Media", "messages": [\n  {"id": 1,, }\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"invalid JSON \(.* at line 2"):
        read_item(Item(str(path), direct=True))


def test_other_json_is_not_taken_for_an_export(tmp_path):
    path = write(tmp_path, {"rows": [1, 2, 3]}, "table.json")
    with pytest.raises(IngestError, match="not a Telegram Desktop export"):
        read_item(Item(str(path), direct=True))


def test_shared_fixture_channel():
    path = shared_path("corpora", "telegram", "pd_fixture_treasury_channel_result.json")
    docs = read_item(Item(str(path), direct=True))
    raw = json.loads(path.read_text(encoding="utf-8"))
    with_text = [m for m in raw["messages"] if m["type"] == "message" and (m.get("text_entities") or m.get("text"))]
    assert len(docs) == len(with_text)
    assert all("type" not in d.text[:20] and "{" not in d.text[:1] for d in docs)
    assert any(d.metadata["reply_to_message_id"] for d in docs)


def test_json_lines_data_file_is_named_as_such(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_text('{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"JSON lines \(a data file\), not a Telegram Desktop export"):
        read_item(Item(str(path), direct=True))


@pytest.mark.parametrize("shape", ["arrays", "inside-a-message", "with-nan"])
def test_json_nested_past_the_depth_budget_is_refused_in_one_line(tmp_path, shape):
    """A small file of thousands of nested arrays (ijson's prefixes once made it take gigabytes) is
    refused with the limit it passed, whether it is streamed or, holding NaN, parsed whole."""
    deep = "[" * 5000 + "]" * 5000
    body = {"arrays": f'{{"name": "d", "messages": {deep}}}',
            "inside-a-message": f'{{"name": "d", "messages": [{{"id": 1, "type": "message", "text": {deep}}}]}}',
            "with-nan": f'{{"name": "d", "id": NaN, "messages": {deep}}}'}[shape]
    path = tmp_path / "result.json"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(IngestError, match=r"nested more than 512 deep \(see --max-depth\)"):
        read_item(Item(str(path), direct=True))


def test_messages_are_found_at_every_place_an_export_puts_them(tmp_path):
    """Streamed without ijson's prefixes: a single chat, a whole account, and nested values inside
    messages (text arrays) read as before."""
    account = {"chats": {"list": [CHANNEL]}, "left_chats": {"list": [{**CHANNEL, "name": "Old", "id": 9}]}}
    docs = read_item(Item(str(write(tmp_path, account, "account.json")), direct=True))
    assert [(d.metadata["channel"], d.metadata["message_id"]) for d in docs] == [
        ("Front Media", 2), ("Front Media", 3), ("Front Media", 4), ("Old", 2), ("Old", 3), ("Old", 4)]
    assert docs[0].text == "Statement\nThe front denies any tie to @brigade_news. #Gao"
