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
