"""Structural edges between channels come from post metadata and stay apart from claimed ties."""

from tiewatch.graph import refresh
from tiewatch.resolve.watchlist import from_records

NONE = from_records([])


def post(corpus, channel, message_id, text, **meta):
    metadata = {"channel": channel, "message_id": message_id, "message_link": f"https://t.me/{channel.lower()}/{message_id}",
                "from": channel, **meta}
    return corpus.add(text, source=channel, kind="telegram", metadata=metadata, published=f"2024-03-{message_id:02d}")


def edges(store):
    return sorted((e["kind"], e["from_channel"], e["to_channel"], e["resolved"]) for e in store.list_structural_edges())


def test_forwards_links_mentions_and_replies_become_channel_edges(store, corpus):
    post(corpus, "WadiVoice", 3, "Katibat al-Furqan declared them apostates.", forwarded_from="KoraNewsRelay",
         forwarded_from_id="channel1771")
    post(corpus, "WadiVoice", 5, "Lies spread by @koramonitor, see t.me/sahelledger/12",
         mentions=["@koramonitor"], links=["https://t.me/sahelledger/12", "https://t.me/wadivoice/4"])
    post(corpus, "WadiVoice", 6, "A reply from a supporter.", reply_to_message_id=3, **{"from": "Abu Hamza"})
    report = refresh(store, NONE)
    assert report.channel_edges == 4
    assert edges(store) == [
        ("forward", "WadiVoice", "KoraNewsRelay", 1),
        ("link", "WadiVoice", "sahelledger", 1),
        ("mention", "WadiVoice", "koramonitor", 1),
        ("reply", "Abu Hamza", "WadiVoice", 1),
    ]
    forward = store.list_structural_edges("KoraNewsRelay")[0]
    assert forward["message_link"] == "https://t.me/wadivoice/3" and forward["original_id"] == "channel1771"
    assert store.list_ties() == []


def test_an_unknown_forward_origin_is_kept_as_an_id_and_resolved_when_that_channel_arrives(store, corpus):
    post(corpus, "WadiVoice", 7, "Forwarded without a name.", forwarded_from_id="channel1771234501")
    refresh(store, NONE)
    assert edges(store) == [("forward", "WadiVoice", "channel1771234501", 0)]
    post(corpus, "Sawt al-Wadi", 1, "Our first post.", channel_id=1771234501)
    refresh(store, NONE)
    assert edges(store) == [("forward", "WadiVoice", "Sawt al-Wadi", 1)]
    assert not refresh(store, NONE).changed


def test_a_reply_to_a_group_post_not_yet_stored_is_resolved_when_it_arrives(store, corpus):
    post(corpus, "Wadi Chat", 9, "Agreed, brother.", reply_to_message_id=8, **{"from": "Abu Musa"})
    refresh(store, NONE)
    assert edges(store) == [("reply", "Abu Musa", "Wadi Chat#8", 0)]
    post(corpus, "Wadi Chat", 8, "Who will go to Tera?", **{"from": "Abu Hamza"})
    refresh(store, NONE)
    assert edges(store) == [("reply", "Abu Musa", "Abu Hamza", 1)]
