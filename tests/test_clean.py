from conftest import SEED

from qa.config import Settings
from qa.ingest.clean import clean_text, clean_title
from qa.ingest.pipeline import to_article
from qa.ingest.readers import read_file
from qa.text import sentence_spans


def seed_article():
    return to_article(next(read_file(SEED, 10**7)), Settings())


def test_seed_is_cleaned_without_glued_sentences_or_repeated_lead():
    a = seed_article()
    assert 'threat." According to Reuters' in a.text
    assert "largest. The coalition" in a.text
    assert "UK. The launches" in a.text
    assert "(PMF). Ahead" in a.text
    # the lead paragraph appears once, not twice
    assert a.text.count("Combined Joint Task Force - Operation Inherent Resolve") == 1
    # the outlet's footnote is boilerplate, not article text
    assert "banned in Russia" not in a.text
    assert a.title.startswith("Anti-Daesh Coalition Strikes")
    assert str(a.published) == "2022-01-04" and a.date_basis == "record"
    assert a.source == "sputniknews.com"


def test_sentence_offsets_map_back_exactly():
    a = seed_article()
    spans = sentence_spans(a.text)
    assert len(spans) >= 10
    for s, e in spans:
        piece = a.text[s:e]
        assert piece == piece.strip() and piece
    quote = "The roughly 900 US forces in eastern Syria"
    assert any(a.text[s:e].startswith(quote) for s, e in spans)


def test_cleaning_rules_are_general():
    raw = (
        "Title here\n\nAdvertisement\n\nThe mayor spoke on Monday.She said 3.5 percent was enough.\n\n"
        "The mayor spoke on Monday.She said 3.5 percent was enough. More followed.\n\n"
        "Sign up for our daily newsletter\n\nThe U.S. Army left."
    )
    out = clean_text(raw, "Title here")
    assert out.count("The mayor spoke on Monday. She said 3.5 percent") == 1
    assert "Advertisement" not in out and "newsletter" not in out
    assert "U.S. Army" in out and "Title here" not in out
    assert clean_title("  Trump plans ...") == "Trump plans"


def test_markdown_bullets_survive():
    assert "* first point" in clean_text("* first point\n\n* second point")


def test_sentence_offsets_agree_with_blingfires_own_wrapper():
    """The fast path through blingfire's C call gives the offsets its Python wrapper gives, on ASCII and on text
    whose characters take 2 to 4 bytes (accents, curly quotes, CJK, emoji, combining marks, zero-width)."""
    import random

    import blingfire

    from qa.text import _sentence_offsets

    cases = [
        "The roughly 900 US forces are in Syria. Dr. Smith said so on Jan. 4! Why? Nobody knows.",
        "L’armée française a dit « non ». Él habló — y se fue… 日本語の文です。次の文。",
        "Emoji 😀 end. Next one 👍🏽 here. Café\u0301 and zero\u200bwidth. Last",
        "One sentence without a stop",
    ]
    rng = random.Random(7)
    alphabet = "ab c.É é’“”—😀\u200b\u0301 Dr. U.S. 1.5 ?!日本。"
    cases += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120))) for _ in range(300)]
    for text in cases:
        if text.strip():
            assert _sentence_offsets(text) == [tuple(x) for x in blingfire.text_to_sentences_and_offsets(text)[1]]
