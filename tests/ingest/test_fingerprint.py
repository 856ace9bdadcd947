"""Two copies of one text are recognised as the same document; the language is detected."""

import pytest

from tiewatch.ingest import detect_language, fingerprint


def test_same_text_differently_spaced_or_composed_has_one_fingerprint():
    a = "The front denied\n\nany link  to the brigade. Café"
    b = " The front denied any link to the brigade.\tCafe\u0301 "
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint("The front admitted a link to the brigade. Café")


@pytest.mark.parametrize(
    "text, code",
    [
        ("The brigade denied receiving weapons from the smugglers.", "en"),
        ("La brigade a nié avoir reçu des armes des contrebandiers.", "fr"),
        ("نفت الكتيبة تلقي أسلحة من المهربين", "ar"),
        ("Бригада отрицает получение оружия от контрабандистов.", "ru"),
        ("Tugay, kaçakçılardan silah aldığını reddetti.", "tr"),
        ("Die Brigade bestritt, Waffen von den Schmugglern erhalten zu haben.", "de"),
        ("La brigada negó haber recibido armas de los contrabandistas.", "es"),
    ],
)
def test_language_of_a_sentence(text, code):
    assert detect_language(text) == code


def test_no_language_for_text_without_words():
    assert detect_language("2024-03-14 12:00 +33 1 23 45") is None


def test_an_export_of_mixed_messages_gets_each_message_its_own_language(tmp_path):
    import json

    from tiewatch.ingest import Item, read_item

    texts = ["The brigade denied receiving weapons.", "نفت الكتيبة تلقي أسلحة من المهربين", "2024-03-14 12:00",
             "La brigade a nié avoir reçu des armes."] * 300  # more than one detection batch
    messages = [{"id": n, "type": "message", "date": "2024-03-14T12:00:00", "text": f"{text} {n}"}
                for n, text in enumerate(texts)]
    path = tmp_path / "result.json"
    path.write_text(json.dumps({"name": "Mixed", "type": "public_channel", "id": 5, "messages": messages}))
    docs = read_item(Item(str(path), True))
    assert [doc.language for doc in docs] == [detect_language(f"{text} {n}") for n, text in enumerate(texts)]
    assert [doc.language for doc in docs[:4]] == ["en", "ar", None, "fr"]
