"""Answerability: the cited articles must be about the question's year and time, or the answer is a refusal
that says why (the trust issue, layer 5). Unit cases for the anchors, then the real model over the seed."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from conftest import assistant_over

from qa.answerability import (
    mentioned,
    missing_kind,
    missing_names,
    missing_years,
    missing_years_near,
    near,
    nominated_not_won,
    other_holder,
    unanchored,
)
from qa.text import question_names, question_years
from qa.types import Passage


def test_years_are_the_question_years_not_amounts():
    assert question_years("Who won the 2003 Super Bowl?") == ["2003"]
    assert question_years("Did the 1998 and 2003 finals both go to overtime, as in 1998?") == ["1998", "2003"]
    assert question_years("Was the deal worth $2,019 million or 2019.5 points?") == []
    assert question_years("How many people live in Lagos?") == []
    assert question_years("Which club won the 2025-26 Premier League?") == ["2025", "2026"]  # a season: both


def test_a_year_is_covered_by_mention_or_by_the_article_being_of_that_year():
    of_2022 = ("Norway won the most medals at these Games.", dt.date(2022, 2, 20))
    assert missing_years("Which country won the most medals at Beijing 2022?", [of_2022]) == []
    assert missing_years("Which country won the most medals in 2018?", [of_2022]) == ["2018"]
    recalls = ("Norway also topped the table in 2018, with 39 medals.", dt.date(2022, 2, 20))
    assert missing_years("Which country won the most medals in 2018?", [recalls]) == []
    # one covered year is enough: the others may only set the scene
    assert (
        missing_years("He won bobsled gold in 1932; in which sport did he win in 1920?", [("In 1920 ...", None)]) == []
    )
    assert missing_years("Who won in 2003?", [("the 20030 entries; 2003a", dt.date(2010, 1, 1))]) == ["2003"]
    assert missing_years("Who won the 2025-26 title?", [("Arsenal are champions.", dt.date(2026, 5, 21))]) == []
    # an undated text may be of any time unless it names only other years
    assert missing_years("Who ran Tesla in 2021?", [("Elon Musk is the chief executive of Tesla.", None)]) == []
    assert missing_years("Who ran Tesla in 2021?", [("In 2008 Elon Musk became chief executive.", None)]) == ["2021"]


def cite(doc_id: str, quote: str) -> SimpleNamespace:
    """What ``missing_years_near`` reads of a citation: its article and its quoted sentence."""
    return SimpleNamespace(doc_id=doc_id, quote=quote)


RECAP = "\n".join(
    [
        "Lisbon half marathon: a wet morning, a fast field",
        "Rain fell from the start on Sunday.",
        "The course was changed in 2017 to avoid the bridge.",
        "Organisers counted 14,000 finishers.",
        "Crowds lined the riverfront.",
        "Asefa Tola crossed the line first in 59:41.",
        "He thanked the pacers.",
    ]
)


def test_a_year_must_be_near_the_cited_sentence_of_an_article_of_another_year():
    question = "Who won the 2017 Lisbon half marathon?"
    winner = "Asefa Tola crossed the line first in 59:41."
    of_2024 = {"d": (RECAP, dt.date(2024, 3, 10))}
    assert missing_years(question, of_2024.values()) == []  # the article names 2017 ...
    assert missing_years_near(question, [cite("d", winner)], of_2024) == ["2017"]  # ... but not near its winner
    # near it (two sentences either side), in the title, or an article of that year: about it
    assert missing_years_near(question, [cite("d", "Organisers counted 14,000 finishers.")], of_2024) == []
    titled = {"d": (RECAP.replace("half marathon:", "half marathon 2017:"), dt.date(2024, 3, 10))}
    assert missing_years_near(question, [cite("d", winner)], titled) == []
    assert missing_years_near(question, [cite("d", winner)], {"d": (RECAP, dt.date(2017, 3, 12))}) == []
    # one cited sentence about the year is enough; a quote not found in its article leaves the article's verdict
    assert (
        missing_years_near(question, [cite("d", winner), cite("d", "Organisers counted 14,000 finishers.")], of_2024)
        == []
    )
    assert near(RECAP, "Tola won.") is None
    assert missing_years_near(question, [cite("d", "Tola won.")], of_2024) == []
    assert missing_years_near("Who won the Lisbon half marathon?", [cite("d", winner)], of_2024) == []


def test_a_year_named_by_the_article_own_date_counts():
    """A story of 2018 that says "last year" near the cited sentence is about 2017; written apart from the refusal
    sets."""
    question = "Who won the 2017 Lisbon half marathon?"
    winner = "Asefa Tola crossed the line first in 59:41."
    recalls = RECAP.replace("He thanked the pacers.", "He also won the race last year.")
    assert missing_years_near(question, [cite("d", winner)], {"d": (recalls, dt.date(2018, 3, 11))}) == []
    two_ago = RECAP.replace("Crowds lined the riverfront.", "Two years ago, crowds lined the riverfront.")
    assert missing_years_near(question, [cite("d", winner)], {"d": (two_ago, dt.date(2019, 3, 10))}) == []
    # the same words in a story of another year name another year
    assert missing_years_near(question, [cite("d", winner)], {"d": (recalls, dt.date(2020, 3, 8))}) == ["2017"]
    assert missing_years(question, [("The race moves next year.", dt.date(2016, 5, 1))]) == []
    assert missing_years(question, [("The race moved last year.", None)]) == []  # undated: any time, as before
    assert missing_years(question, [("The race moved last year, after 2012.", None)]) == ["2017"]


def test_nominees_do_not_answer_who_won():
    shortlist = ["The Booker shortlist includes novels by Mira Osei, Tom Hale and Ana Ruiz."]
    assert nominated_not_won("Who won the Booker Prize?", shortlist)
    assert nominated_not_won("Which novel took home this year's Booker?", shortlist)
    assert nominated_not_won("Which band received the Mercury Prize?", ["Four bands are up for the Mercury Prize."])
    # a win stated beside the nomination answers it; a question about nominees is not about a win
    assert not nominated_not_won("Who won the Booker Prize?", ["Ana Ruiz, a finalist in 2019, won on Tuesday."])
    assert not nominated_not_won("Who was shortlisted for the Booker?", shortlist)
    tally = ["Its film drew 9 nominations, a record for the studio."]
    assert not nominated_not_won("How many Bafta nominations did the film receive?", tally)
    assert not nominated_not_won("Who won the Booker Prize?", ["Ana Ruiz was named the winner."])


def test_the_names_are_those_of_the_question_own_clause():
    assert question_names("Who is Denmark's foreign minister?") == ["Denmark"]
    assert question_names("How many goals did the Toronto Maple Leafs score in the opener?") == ["Toronto Maple Leafs"]
    assert question_names("Where will the 'Golden Dome' interceptors be built?") == ["Golden Dome"]
    assert question_names("What did NASA announce about the Europa Clipper?") == ["NASA", "Europa Clipper"]
    # the question word's own phrase describes the answer, the preamble sets the scene: neither is asked about
    assert question_names("Which Ohio town flooded after the storm?") == []
    assert question_names("Which team from the Big Ten reached the final?") == []
    assert question_names("Which of the following Nobel laureates was born in Lagos?") == ["Lagos"]
    assert question_names("After a record year for Boeing, which airline ordered the most jets?") == []
    assert question_names("Quebec voted on Monday. Who won the most seats?") == []
    assert question_names("who won the election in ohio?") == []  # nothing written as a name: nothing to check
    # a month or weekday after a name sets the time and is not part of it; a title's own words stay
    assert question_names("Who won Chile's December 2021 runoff?") == ["Chile"]
    assert question_names("Where did Queen Elizabeth's Tuesday visit end?") == ["Queen Elizabeth"]
    assert question_names("When did Apollo I launch?") == ["Apollo I"]
    assert question_names("Who sang 'Only in May'?") == ["Only in May"]
    # dotted initials end no sentence and are read undotted, as articles are
    assert question_names("How many U.S. troops are in Syria?") == ["US", "Syria"]
    assert question_names("Who is the mayor of Rochester, N.Y.?") == ["Rochester", "NY"]
    assert question_names("Which novel did J.R.R. Tolkien publish in 1937?") == ["JRR Tolkien"]
    assert missing_names("Who is the mayor of Rochester, N.Y.?", [("ROCHESTER, N.Y. - Mayor Ana Lee said", None)]) == []
    # a name made a modifier ("Ohio-born", "Iran-backed") says what kind of thing, like "which Texas city"
    assert question_names("What did the Iran-backed Houthis attack?") == ["Houthis"]
    assert question_names("What did the Ohio-born astronaut say on landing?") == []
    assert question_names("How many Covid-19 cases did Jean-Luc Picard report?") == ["Covid-19", "Jean-Luc Picard"]


def test_a_name_is_mentioned_in_its_usual_forms():
    assert mentioned("Danish", "Copenhagen, Denmark - The ministry said") and mentioned("Denmark", "Danish officials")
    assert mentioned("American", "the U.S. Navy") and mentioned("US", "Americans abroad")
    assert not mentioned("US", "let us know") and not mentioned("UK", "Uk, a village")
    assert mentioned("World Health Organization", "the WHO said") and mentioned(
        "Boston Celtics", "Boston's Celtics won"
    )
    assert mentioned("Grammys", "a Grammy nomination") and mentioned("Chilean", "Chile's central bank")
    assert not mentioned("Peru", "Bolivia's president") and not mentioned("Vancouver Canucks", "the Vancouver mayor")


def test_a_name_of_several_words_needs_every_word_not_only_the_last():
    """Written apart from the near-miss sets the rule was replayed on."""
    assert not mentioned("Berlin Film Festival", "Cannes Film Festival jurors met on Monday")
    assert mentioned("Berlin Film Festival", "the festival in Berlin screened the film")
    assert not mentioned("Chicago Marathon", "the Boston Marathon drew 30,000 runners")
    assert not mentioned("Liverpool FC", "Chelsea FC won")
    # a possessive or a month inside the name, a country by its people, initials spelled out, an executive's title
    assert mentioned("Kenya's Faith Kipyegon", "Kenyan runner Faith Kipyegon won")
    assert mentioned("Pope Francis's January", "Pope Francis landed in Kinshasa")
    assert mentioned("UN Security Council", "the United Nations Security Council voted")
    assert not mentioned("UN Security Council", "the union's security council voted")
    assert mentioned("CFO of Boeing", "Boeing's chief financial officer said") and mentioned(
        "CEO of Boeing", "Boeing CEO"
    )
    assert not mentioned("CEO of Boeing", "Boeing shares rose")


def test_a_word_of_a_name_is_not_the_country_code_it_spells():
    """ "Cy", "Ken" or "Li" in a name is the word itself, not Cyprus's, Kenya's or Liechtenstein's code: read as a
    code, "Cy Young" was mentioned only by an article naming Cyprus. Written apart from the near-miss sets."""
    assert mentioned("American League Cy Young Award", "Skubal won the Cy Young Award again for the American League")
    assert mentioned("Texas Attorney General Ken Paxton", "Ken Paxton, the Texas attorney general, sued on Monday")
    assert mentioned("Chinese Premier Li Qiang", "Li Qiang, China's premier, arrived in Jakarta")
    assert not mentioned("Chinese Premier Li Qiang", "Liechtenstein's premier met China's envoy Qiang Wei")
    assert not mentioned("Ken Follett Prize", "Kenya's Follett Prize for fiction")
    # a word that is a country's form still counts in all of them
    assert mentioned("Kenyan Olympic Committee", "the Olympic Committee of Kenya met")


def test_a_name_no_cited_article_mentions_is_missing():
    bolivia = ("Bolivia's president Rodrigo Paz met lenders on Friday.", dt.date(2026, 3, 6))
    assert missing_names("Who is Peru's president?", [bolivia]) == ["Peru"]
    assert missing_names("Who is Bolivia's president?", [bolivia]) == []
    assert missing_names("Who is the Bolivian president?", [bolivia]) == []
    # one article mentioning the name is enough
    assert missing_names("Who is Peru's president?", [bolivia, ("Peru votes in April.", None)]) == []


def passage(doc_id: str, title: str, published: dt.date | None) -> Passage:
    return Passage(chunk_id=f"{doc_id}:0", doc_id=doc_id, title=title, text="", start=0, end=0, published=published)


def test_an_answer_without_the_figure_or_name_asked_for_answers_another_question():
    """Written apart from the recorded answers the rule was replayed on."""
    assert (
        missing_kind("In what year did the bridge open?", "The bridge opened to traffic in Oregon [2].") == "a figure"
    )
    assert missing_kind("How many moons does Saturn have?", "Saturn is a gas giant with rings [1].") == "a figure"
    assert missing_kind("How many people died in the 2019 fire?", "The 2019 fire burned for days [3].") == "a figure"
    assert missing_kind("What price did the painting fetch?", "The painting sold at Christie's [1].") == "a figure"
    assert missing_kind("Who succeeded Ana Ruiz as the club's coach?", "Ana Ruiz coached the club [2].") == "a name"
    assert missing_kind("In 2019, who founded the bakery?", "The bakery was founded by a local family [1].") == "a name"
    assert missing_kind("In what year did the bridge open?", "The bridge opened in 1937 [2].") is None
    assert missing_kind("How many moons does Saturn have?", "Saturn has 146 known moons [1].") is None
    assert missing_kind("How many people died in the fire?", "Twelve people died [3].") is None
    assert missing_kind("How many goals did the striker score?", "She scored none [4].") is None
    assert missing_kind("Who succeeded Ana Ruiz as the club's coach?", "Marta Lopez succeeded her [2].") is None
    assert missing_kind("Which city hosted the fair?", "The city of the fair hosted it [2].") is None  # neither kind


def test_a_question_no_retrieved_article_can_answer_is_refused_before_the_model():
    """When no retrieved article can be about the question's year, or none names a name of its own clause, any
    answer would be refused after the model: the reason is given before it, and says which anchor is missing."""
    texts = {
        "show21": "Wasabi, a Pekingese, took best in show at the Westminster dog show.",
        "review": "The year in review. Westminster's best in show went to Trumpet, a bloodhound.",
    }
    retrieved = [
        passage("show21", "Westminster dog show 2021", dt.date(2021, 6, 14)),
        passage("review", "2022 in review", dt.date(2022, 12, 30)),
    ]
    why = unanchored("Who won best in show at the 2019 Westminster show?", retrieved, texts.__getitem__)
    assert why and "2019" in why and "retrieved articles" in why
    why = unanchored("Who won best in show at Crufts?", retrieved, texts.__getitem__)
    assert why and "Crufts" in why
    # one article of the year is enough, and so is one naming the name; no year and no name: nothing to anchor
    assert unanchored("Which dog took best in show at the 2022 Westminster show?", retrieved, texts.__getitem__) is None
    assert unanchored("Which dog took best in show at the 2021 Westminster show?", retrieved, texts.__getitem__) is None
    assert unanchored("How many dogs entered?", retrieved, texts.__getitem__) is None


def test_a_year_no_cited_article_is_about_is_refused_and_its_twin_answered(assistant):
    """The seed article is of 2022-01-04 and names 2020 and 2022, never 2019."""
    wrong_year = assistant.ask("How many US troops were in Syria in 2019?")
    assert wrong_year.refused and "2019" in (wrong_year.refusal_reason or "")
    assert not wrong_year.raw_text, "no retrieved article can be about 2019: refused before the model"
    assert wrong_year.passages, "a refusal still shows the closest passages"
    right_year = assistant.ask("How many US troops were in Iraq in 2022?")
    assert not right_year.refused and "2,500" in right_year.text


def test_this_week_is_refused_from_old_articles_without_asking_the_model(assistant):
    late = assistant.ask("How many US troops are in Iraq this week?", as_of="2026-12-02")
    assert late.refused and "no article from" in (late.refusal_reason or "")
    assert "January 4, 2022" in late.refusal_reason and not late.raw_text  # the model was not asked
    assert late.passages
    timely = assistant.ask("How many US troops are in Iraq this week?", as_of="2022-01-06")
    assert not timely.refused and "2,500" in timely.text


def test_this_week_searches_the_week_when_older_articles_outrank_it(tmp_path, embedder, assistant):
    """The old, closely matching seed outranks a weaker story of the week asked about; with time words the
    week's story is searched for and found."""
    newer = (
        " date 2022-03-01 https://example.org/2022/03/01/deployments\n\nDeployments update\n\n"
        "Roughly 1,000 American personnel remain deployed at bases in the country's east, officials said.\n"
    )
    a = assistant_over(tmp_path, embedder, assistant.llm, {"newer.txt": newer})
    q = "How many US troops are in Syria?"
    assert a.retrieve(q, as_of="2022-03-04", k=1)[0].published == dt.date(2022, 1, 4)
    week = a.retrieve(q + " this week", as_of="2022-03-04", k=1)
    assert week[0].published == dt.date(2022, 3, 1)


def test_a_name_the_cited_article_never_mentions_is_refused_and_its_twins_answered(assistant):
    """The seed article names the US, the UK, Iraq, Iran and Syria, never Turkey: Turkish troops are someone
    else's, refused with the name; the US troops, however the question writes them, keep their 2,500."""
    other = assistant.ask("How many Turkish troops are in Iraq?")
    reason = other.refusal_reason or ""
    assert other.refused and "2,500" not in other.text, reason
    assert "Turkish" in reason or "do not state the answer" in reason or "found no answer" in reason, reason
    for q in ("How many U.S. troops are in Iraq?", "How many American troops are in Iraq?"):
        twin = assistant.ask(q)
        assert not twin.refused and "2,500" in twin.text, (q, twin.refusal_reason)


def test_the_judge_refuses_a_question_about_someone_else_and_answers_its_twin(assistant):
    """No year to anchor on: the seed says 900 *US* forces, so "French troops" must be refused with its reason (the
    seed never names France; the judge, or the model itself when the evidence it is shown makes the gap plain, would
    refuse it too); the twin questions about the US forces still get the 900."""
    near = assistant.ask("How many French troops are in Syria?")
    reason = near.refusal_reason or ""
    assert near.refused and any(w in reason for w in ("French", "do not state the answer", "found no answer")), reason
    assert "900" not in near.text
    for q in ("How many US troops are in Syria?", "How many American troops are in Syria?"):
        twin = assistant.ask(q)
        assert not twin.refused and "900" in twin.text, (q, twin.refusal_reason)


def test_an_answer_without_the_figure_asked_for_is_refused_with_its_reason(assistant):
    """The check step on the seed: the sentence it cites gives 900, the answer does not."""
    from qa.answerability import verify
    from qa.compose import cited_articles

    q = "How many US troops are in Syria?"
    shown = assistant.ask(q)
    ev, passages = shown.evidence, shown.passages
    n = next(e.n for e in ev if "900" in e.quote)

    def articles(citations):
        return cited_articles(citations, passages, assistant.retriever.article)

    vague = verify(f"US troops are stationed in eastern Syria [{n}].", ev, q, passages, None, articles, None, 0.0)
    assert vague.refusal == "the question asks for a figure, and the answer gives none beyond the question's own"
    plain = verify(f"About 900 US troops are in Syria [{n}].", ev, q, passages, None, articles, None, 0.0)
    assert plain.refusal is None and [c.n for c in plain.checked.citations] == [n]


def test_an_answer_citing_another_countrys_president_is_refused_with_its_reason(assistant):
    """The check step on the seed, which names Iraq and cites "Syrian President Bashar al-Assad": that sentence
    answers who Syria's president is, not Iraq's."""
    from qa.answerability import verify
    from qa.compose import cited_articles

    for q, refusal in (
        (
            "Who is Iraq's president?",
            "the question asks about Iraq's president, and the cited sentence gives it to Syrian",
        ),
        ("Who is Syria's president?", None),
    ):
        shown = assistant.ask(q)
        ev, passages = shown.evidence, shown.passages
        n = next(e.n for e in ev if "Assad" in e.quote)

        def articles(citations, passages=passages):
            return cited_articles(citations, passages, assistant.retriever.article)

        verdict = verify(f"Bashar al-Assad is the president [{n}].", ev, q, passages, None, articles, None, 0.0)
        assert verdict.refusal == refusal, (q, verdict.refusal)


def test_a_sentence_giving_the_asked_role_to_another_holder_answers_someone_else():
    """Written apart from the recorded answers the rule was replayed on: the role in the question's words, in the
    sentence's own ("CEO" for chief executive), the holder before or after the role."""
    assert other_holder("Who was Volvo's chief executive in 2019?", ["Saab CEO Anna Berg quit on Monday."]) == (
        "Volvo",
        "chief executive",
        "Saab",
    )
    assert other_holder("Who is the president of Peru?", ["Chilean President Gabriel Boric met Lula."]) is not None
    assert other_holder(
        "Who is the head coach of the Denver Nuggets?", ["Michael Malone, head coach of the Sacramento Kings, said."]
    ) == ("Denver Nuggets", "head coach", "Sacramento Kings")
    assert other_holder("Which admiral leads Spain's navy?", ["Italy's navy is led by Admiral Enrico Credendino."])
    # a name that shares words with the question's is still another holder ("Southern", "Convention")
    assert other_holder(
        "Who is the president of the Southern Baptist Convention?",
        ["The president of the Southern Methodist Convention is Ruth Allen."],
    ) == ("Southern Baptist Convention", "president", "Southern Methodist Convention")
    # the question's own holder in any of its forms, no holder named, or a word that describes the holder: no conflict
    assert other_holder("Who is Peru's president?", ["Peruvian President José Jerí spoke in Lima."]) is None
    assert other_holder("Who is the CEO of Volvo?", ["The company's chief executive, Anna Berg, said."]) is None
    assert other_holder("Who is the CEO of Volvo?", ["Former CEO Anna Berg was named on Monday."]) is None
    assert other_holder("Who is the CEO of Volvo?", ["Volvo Cars CEO Anna Berg said."]) is None
    assert other_holder("Who won the 2019 Tour de France?", ["Egan Bernal of Colombia won the race."]) is None
    # a part of the question's own name: "Seattle head coach" may be the Kraken's
    assert (
        other_holder("Who is the head coach of the Seattle Kraken?", ["Seattle head coach Lane Lambert said."]) is None
    )


def test_the_judge_reads_likelihoods_and_an_unreachable_endpoint_never_refuses(assistant):
    from langchain_openai import ChatOpenAI

    from qa.answerability import judge

    sentence = [("2022-01-04", "The roughly 900 US forces in eastern Syria are not present with permission.")]
    matched = judge(assistant.llm, "How many US forces are in eastern Syria?", sentence)
    other = judge(assistant.llm, "How many French troops are in Mali?", sentence)
    assert matched is not None and other is not None and 0.0 < other < matched < 1.0
    dead = ChatOpenAI(base_url="http://127.0.0.1:9/v1", api_key="x", model="x", max_retries=0, timeout=2)
    assert judge(dead, "How many US forces are in eastern Syria?", sentence) is None
