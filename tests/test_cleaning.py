import pytest

from newsgraph.ingest.cleaning import (
    clean_line,
    clean_text,
    is_boilerplate,
    join_broken_paragraphs,
    normalize_characters,
    repair_encoding,
    repair_lost_curly_quotes,
    repair_lost_entities,
    repair_mojibake,
    unescape_entities,
    unwrap_markdown,
)

# Words with "quot" in them, none a lost '&quot;': English, and French, Italian and German ones
# (the input is in many languages).
QUOT_WORDS = [
    "quota", "quotas", "quotable", "quotability", "quotation", "quotations", "quotational", "quotative", "quote",
    "quoted", "quoter", "quoters", "quotes", "quoting", "quotient", "quotients", "quotidian", "quotum", "quoth",
    "quotha", "aliquot", "aliquots", "unquote", "misquoted", "quoteworthy", "Pequot",
    "quotidien", "quotidienne", "quotidiano", "quotazione", "Arbeitslosenquote",
]  # fmt: skip


class TestEntities:
    def test_lost_quot_entities_become_quotes(self) -> None:
        assert (
            repair_lost_entities("Kim Jong Un quotStable and far sighted relations with Russiaquot")
            == 'Kim Jong Un "Stable and far sighted relations with Russia"'
        )

    def test_quot_before_punctuation_and_digits(self) -> None:
        assert repair_lost_entities("he said quot2025 is lostquot, then left") == 'he said "2025 is lost", then left'

    def test_real_words_with_quot_are_kept(self) -> None:
        text = "The quota was quoted in a quotation; an aliquot of the quotient."
        assert repair_lost_entities(text) == text

    @pytest.mark.parametrize("word", QUOT_WORDS)
    def test_every_word_with_quot_is_kept(self, word: str) -> None:
        for text in (word, f"The {word} is set.", f"They said {word}.", f"the {word}, then", f"({word})"):
            assert repair_lost_entities(text) == text
            assert repair_lost_entities(text.replace(word, word.capitalize())) == text.replace(word, word.capitalize())

    @pytest.mark.parametrize("word", QUOT_WORDS)
    def test_words_with_quot_beside_lost_entities(self, word: str) -> None:
        assert (
            repair_lost_entities(f"quotWe met the {word} today,quot he said.") == f'"We met the {word} today," he said.'
        )
        assert repair_lost_entities(f"He said quotStablequot about the {word}") == f'He said "Stable" about the {word}'
        assert repair_lost_entities(f"The {word}: quot2025 is lostquot, then") == f'The {word}: "2025 is lost", then'
        assert repair_lost_entities(f"quot;Yes,quot; said the {word} man") == f'"Yes," said the {word} man'

    @pytest.mark.parametrize("word", QUOT_WORDS)
    def test_words_with_quot_beside_quotation_marks(self, word: str) -> None:
        for text in (
            f'"The {word} is set," he said.',
            f'"We took the {word}',  # a quotation that goes on in the next paragraph
            f'the {word} "is set"',
            f"the {word} “is set” now",
            f'"is set" by the {word}',
        ):
            assert repair_lost_entities(text) == text

    def test_pequot_and_aliquot_end_a_word_as_a_lost_quot_does(self) -> None:
        assert repair_lost_entities("the Mashantucket Pequot tribe") == "the Mashantucket Pequot tribe"
        assert repair_lost_entities("quotWe met the Pequot,quot he said") == '"We met the Pequot," he said'
        assert repair_lost_entities("quotWe flew to Maliquot, he said") == '"We flew to Mali", he said'

    def test_sure_lost_quots(self) -> None:
        assert repair_lost_entities("quot;fair pay") == '"fair pay'  # 'quot;' at a word's start
        assert repair_lost_entities("on Mondayquot;") == "on Mondayquot;"  # a maybe alone stays
        assert repair_lost_entities("it was lost.quot He left") == 'it was lost." He left'
        assert repair_lost_entities("in 2025quot he said") == 'in 2025" he said'  # after a digit
        assert repair_lost_entities("quot(sic)") == '"(sic)'
        assert repair_lost_entities("Lavrov quot Lavrov") == 'Lavrov " Lavrov'  # standing alone
        assert repair_lost_entities("quot quot") == '" "'

    def test_maybes_pair_with_each_other_only_on_a_line_of_their_own(self) -> None:
        assert repair_lost_entities("quotfair payquot, said quotJohn") == 'quotfair payquot, said "John'
        assert repair_lost_entities('He said quotfair payquot and "no"') == 'He said quotfair payquot and "no"'

    def test_lowercase_opening(self) -> None:
        assert repair_lost_entities("banners reading quotfair payquot.") == 'banners reading "fair pay".'

    def test_lost_curly_entities(self) -> None:
        assert repair_lost_entities("ldquoHellordquo from Russiarsquos capital") == "“Hello” from Russia’s capital"

    def test_lost_ldquo(self) -> None:
        assert repair_lost_curly_quotes("he said ldquoHello") == "he said “Hello"
        assert repair_lost_curly_quotes("worldquo") == "worldquo"  # inside a word

    def test_lost_rdquo(self) -> None:
        assert repair_lost_curly_quotes("it ends here.rdquo Then") == "it ends here.” Then"
        assert repair_lost_curly_quotes("Hellordquo, he said") == "Hello”, he said"

    def test_lost_rsquo(self) -> None:
        assert repair_lost_curly_quotes("Russiarsquos and donrsquot, wersquore") == "Russia’s and don’t, we’re"
        assert repair_lost_curly_quotes("a rsquo alone") == "a rsquo alone"


class TestEncoding:
    """Mojibake and whole HTML entities, by ftfy with the settings of cleaning._FTFY."""

    def test_html_entities(self) -> None:
        assert repair_encoding("&quot;Yes&quot; &amp; no &#8212; maybe") == '"Yes" & no — maybe'
        assert repair_encoding("&amp;quot;twice&amp;quot;") == '"twice"'
        assert repair_encoding("5 &lt; 6, see <https://example.org>") == "5 < 6, see <https://example.org>"
        assert repair_encoding("&notanentity; AT&T &not that") == "&notanentity; AT&T &not that"

    def test_utf8_read_as_cp1252_is_repaired(self) -> None:
        assert repair_encoding("Trump met PeÃ±a Nieto") == "Trump met Peña Nieto"
        assert repair_encoding("itâ€™s a â€œtestâ€\x9d") == "it’s a “test”"
        assert repair_encoding("Ã‰cole, naÃ¯ve â€” and cafÃ©") == "École, naïve — and café"
        assert repair_encoding("PeÃ±a met the café owner") == "Peña met the café owner"  # beside real accents
        assert repair_encoding("KaczyÅ„ski and ZieliÅ„ski, ÐœÐ¾Ñ\x81ÐºÐ²Ð°") == "Kaczyński and Zieliński, Москва"

    def test_real_text_that_looks_like_mojibake_stays(self) -> None:
        for text in (
            "Café in São Paulo, Ångström, â and Ã alone",
            "Ã la carte",  # 'à' whose no-break space was folded: not guessed
            "â€?",  # a lost byte: not replaced by '�'
            "Curly “quotes” and ‘single’ ones, it’s",  # not uncurled
            "ﬁne ＬＯＵＤ 10³ H₂O",  # ligatures, full-width letters and NFKC left alone
        ):
            assert repair_encoding(text) == text

    def test_a_grave_whose_no_break_space_was_folded_only_beside_other_mojibake(self) -> None:
        assert repair_mojibake("Ã la carte") == "Ã la carte"
        assert repair_mojibake("cafÃ© Ã la carte") == "café à la carte"

    def test_mojibake_and_entities_are_two_steps(self) -> None:
        assert repair_mojibake("PeÃ±a &amp; co") == "Peña &amp; co"
        assert unescape_entities("PeÃ±a &amp; co") == "PeÃ±a & co"
        assert repair_encoding("&Atilde;&plusmn; &amp; co") == "ñ & co"  # entities first: they may spell mojibake

    def test_entity_of_a_combining_mark_gives_nfc(self) -> None:
        assert repair_encoding("Jose&#x301;") == "José"


class TestMarkdown:
    def test_links_keep_their_words(self) -> None:
        assert unwrap_markdown("By [AFP](#)") == "By AFP"
        assert unwrap_markdown("see [the report](https://x.org/a_(b)) now") == "see the report now"

    def test_emphasis(self) -> None:
        assert unwrap_markdown("**Russian Foreign Ministry Press Service**") == "Russian Foreign Ministry Press Service"
        assert unwrap_markdown("the *Warnstreik* began") == "the Warnstreik began"
        assert unwrap_markdown("a _quiet_ day") == "a quiet day"

    def test_snake_case_and_arithmetic_are_not_emphasis(self) -> None:
        assert unwrap_markdown("file_name_here and 2 * 3 * 4") == "file_name_here and 2 * 3 * 4"

    def test_images_headings_rules(self) -> None:
        assert unwrap_markdown("![photo](x.jpg)") == ""
        assert unwrap_markdown("## Weapons transfers") == "Weapons transfers"
        assert unwrap_markdown("---") == ""


class TestBoilerplate:
    def test_known_lines(self) -> None:
        for line in [
            "ADVERTISING",
            "Advertisement",
            "Share this article",
            "Read more:",
            "Related article: Russian Ships Seen Unloading N. Korean Cargo",
            "Skip to content",
        ]:
            assert is_boilerplate(line), line

    def test_article_sentences_are_not_boilerplate(self) -> None:
        for line in [
            "Related talks are expected next week.",
            "Read the statement, he said.",
            "Advertising revenue fell by 4% in the quarter.",
        ]:
            assert not is_boilerplate(line), line


def test_normalize_characters() -> None:
    assert normalize_characters("a\u00a0b\u200bc\r\nd  e") == "a bc\nd e"


def test_mojibake_is_repaired_before_its_c1_bytes_are_dropped() -> None:
    # '”' in UTF-8 is E2 80 9D; read as Windows-1252 by a browser, 9D is the C1 control U+009D
    assert normalize_characters("itâ€™s a â€œtestâ€\x9d\nnext\x9b line") == "it’s a “test”\nnext line"
    assert clean_text("itâ€™s a â€œtestâ€\x9d") == "it’s a “test”"


def test_join_broken_paragraphs() -> None:
    paras = ["the KCNA", "news agency said.", "New paragraph", "Another one."]
    assert join_broken_paragraphs(paras) == ["the KCNA news agency said.", "New paragraph", "Another one."]


def test_clean_line_combines_rules() -> None:
    assert clean_line("  **quotHiquot**  said  [AFP](#) ") == '"Hi" said AFP'


def test_clean_text_keeps_every_sentence() -> None:
    raw = "First sentence here.\n\nADVERTISING\n\nSecond [one](#) is\n\nbroken mid-way.\nThird."
    assert clean_text(raw) == "First sentence here.\n\nSecond one is broken mid-way.\n\nThird."
