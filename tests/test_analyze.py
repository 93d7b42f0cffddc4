from newsgraph import Article, analyze


def test_analyze_is_pure_and_offsets_point_into_the_text() -> None:
    en = Article(id="en", text="Sergei Lavrov met Kim Jong Un in Pyongyang on Thursday. They talked.", language="en")
    it = Article(id="it", text="Lavrov ha incontrato Kim a Pyongyang. Hanno parlato a lungo.", language="it")
    results = analyze([en, it])
    assert [r.article_id for r in results] == ["en", "it"]
    en_result, it_result = results
    assert [en.text[s.start : s.end] for s in en_result.sentences] == [
        "Sergei Lavrov met Kim Jong Un in Pyongyang on Thursday.",
        "They talked.",
    ]
    assert {(m.text, m.label) for m in en_result.mentions} >= {("Sergei Lavrov", "PERSON"), ("Pyongyang", "GPE")}
    assert all(en.text[m.start : m.end] == m.text for m in en_result.mentions)
    assert "core_web_sm" in en_result.model
    # no English model reads Italian: sentences only
    assert len(it_result.sentences) == 2 and it_result.mentions == []


def test_language_detection() -> None:
    from newsgraph.ingest import detect_language

    assert detect_language("Kim Jong Un ha detto di volere relazioni stabili con la Russia.") == "it"
    assert detect_language("North Korean leader Kim Jong Un said he wants ties with Russia.") == "en"
    assert detect_language("12 34") is None
