from newsgraph.ingest.cleaning import (
    clean_line,
    clean_text,
    is_boilerplate,
    join_broken_paragraphs,
    normalize_characters,
    repair_entities,
    unwrap_markdown,
)


class TestEntities:
    def test_lost_quot_entities_become_quotes(self) -> None:
        assert (
            repair_entities("Kim Jong Un quotStable and far sighted relations with Russiaquot")
            == 'Kim Jong Un "Stable and far sighted relations with Russia"'
        )

    def test_quot_before_punctuation_and_digits(self) -> None:
        assert repair_entities("he said quot2025 is lostquot, then left") == 'he said "2025 is lost", then left'

    def test_real_words_with_quot_are_kept(self) -> None:
        text = "The quota was quoted in a quotation; an aliquot of the quotient."
        assert repair_entities(text) == text

    def test_lowercase_opening(self) -> None:
        assert repair_entities("banners reading quotfair payquot.") == 'banners reading "fair pay".'

    def test_html_entities(self) -> None:
        assert repair_entities("&quot;Yes&quot; &amp; no &#8212; maybe") == '"Yes" & no — maybe'

    def test_lost_curly_entities(self) -> None:
        assert repair_entities("ldquoHellordquo from Russiarsquos capital") == "“Hello” from Russia’s capital"


class TestMojibake:
    def test_utf8_read_as_cp1252_is_repaired(self) -> None:
        from newsgraph.ingest.cleaning import repair_mojibake

        assert repair_mojibake("Trump met PeÃ±a Nieto") == "Trump met Peña Nieto"
        assert repair_mojibake("itâ€™s a â€œtestâ€\x9d") == "it’s a “test”"
        assert (
            repair_mojibake("Café in São Paulo, Ångström, â and Ã alone")
            == "Café in São Paulo, Ångström, â and Ã alone"
        )


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


def test_join_broken_paragraphs() -> None:
    paras = ["the KCNA", "news agency said.", "New paragraph", "Another one."]
    assert join_broken_paragraphs(paras) == ["the KCNA news agency said.", "New paragraph", "Another one."]


def test_clean_line_combines_rules() -> None:
    assert clean_line("  **quotHiquot**  said  [AFP](#) ") == '"Hi" said AFP'


def test_clean_text_keeps_every_sentence() -> None:
    raw = "First sentence here.\n\nADVERTISING\n\nSecond [one](#) is\n\nbroken mid-way.\nThird."
    assert clean_text(raw) == "First sentence here.\n\nSecond one is broken mid-way.\n\nThird."
