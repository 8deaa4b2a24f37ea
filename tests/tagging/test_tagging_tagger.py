"""Relevance, goals with their mode, member tags, evidence offsets and the output line."""

from __future__ import annotations

from datetime import date

import pytest

from pipelines.tagging import Tagger, TagInput, TagResult


def tag(
    tagger: Tagger, text: str, *, title: str = "", source: str = "eu", published=None
) -> TagResult:
    return tagger.tag(
        TagInput(id="doc", source=source, title=title, text=text, published=published)
    )


@pytest.mark.parametrize(
    "text",
    [
        "He was charged with possessing child pornography.",
        "The server held thousands of child sexual abuse images.",
        "He was convicted of the sexual abuse of a minor.",
        "He sexually abused two young girls over several years.",
        "He used a chat app to entice a 13-year-old to meet him.",
        "The sextortion scheme targeted teenage boys.",
        "She ran a child sex trafficking ring.",
        "He travelled to Cambodia to engage in illicit sexual conduct with minors.",
        "He paid to watch live-streamed sexual abuse of children in the Philippines.",
        "The Global Alliance against Child Sexual Abuse Online was launched today.",
        "Ministers met at the WePROTECT summit in London.",
        "The man groomed a 12-year-old girl online and then raped her.",
        "He sent sexual messages to a 13-year-old he met in a game.",
        "Officers found photos of naked children on his laptop.",
    ],
)
def test_relevant_documents(tagger, text):
    result = tag(tagger, text)
    assert result.relevant
    assert result.relevance_evidence


@pytest.mark.parametrize(
    "text",
    [
        "He was convicted of the sexual assault of a 25-year-old woman.",
        "A registered sex offender who failed to register was arrested in Ohio after fleeing the state.",
        "The child tax credit and child support payments were at issue in the fraud.",
        "The landlord sexually harassed female tenants.",
        "Pollution harms children and the elderly.",
        "A federal judge was charged with aggravated sexual abuse of a court employee.",
        "The Global Alliance for Vaccines met in Geneva.",
        "Sites must verify ages to keep minors away from pornography and other sexually explicit content.",
        "We protect our customers' data, the bank said after the fraud.",
        "He played a minor role in a scheme that ran brothels for adult women forced into prostitution.",
    ],
)
def test_irrelevant_documents(tagger, text):
    result = tag(tagger, text)
    assert not result.relevant
    assert result.relevance_evidence == []
    assert result.goals == [] and result.goal_evidence == []


def test_goals_are_only_tagged_on_relevant_documents(tagger):
    result = tag(
        tagger,
        "The bank robber was sentenced to 10 years in prison and the money was removed from the site.",
    )
    assert not result.relevant and result.goals == []


def goals_of(result: TagResult) -> set[tuple[str, str]]:
    return {(g.goal, g.mode) for g in result.goals}


@pytest.mark.parametrize(
    ("sentence", "goal", "mode"),
    [
        (
            "John Doe was sentenced to 10 years in prison for producing child pornography.",
            "prosecution",
            "action",
        ),
        (
            "Investigators identified and rescued 12 children seen in the abuse images.",
            "victims",
            "action",
        ),
        (
            (
                "The members of the Global Alliance against Child Sexual Abuse Online commit to increase the number "
                "of identified victims by at least 10% a year."
            ),
            "victims",
            "commitment",
        ),
        (
            (
                "The Commission calls on Member States to speed up the removal of child sexual abuse material "
                "from web pages hosted in their territory."
            ),
            "availability",
            "commitment",
        ),
        (
            "Last year the hotline removed 5,000 images of child sexual abuse from websites.",
            "availability",
            "action",
        ),
        (
            "Police launched an awareness campaign for parents and teachers about online grooming of children.",
            "awareness",
            "action",
        ),
        (
            (
                "Countries will raise awareness among children of the risks of self-generated sexual images online "
                "and of online grooming."
            ),
            "awareness",
            "commitment",
        ),
        (
            "The Alliance pledges to strengthen criminal law so that online grooming of children is a crime.",
            "prosecution",
            "commitment",
        ),
    ],
)
def test_goal_and_mode_of_a_sentence(tagger, sentence, goal, mode):
    result = tag(tagger, sentence)
    assert result.relevant
    assert (goal, mode) in goals_of(result)
    other = "commitment" if mode == "action" else "action"
    assert (goal, other) not in goals_of(result)


def test_each_sentence_of_a_long_text_keeps_the_mode_it_has_alone(tagger):
    """A sentence's mode comes from the cues of that sentence only, wherever it stands in a long text:
    a sentence without a cue keeps the default mode beside one full of them."""
    no_cue = "The hotline's figures on child sexual abuse material online are in the annex."
    pledge = ("The members of the Global Alliance against Child Sexual Abuse Online commit to increase the "
              "number of identified victims by at least 10% a year.")
    done = "Investigators identified and rescued 12 children seen in the abuse images."

    def goals(text):
        return {(g.goal, g.mode, g.confidence, g.evidence.sentence) for g in tag(tagger, text).goal_evidence}

    alone = [goals(sentence) for sentence in (no_cue, pledge, done)]
    assert {mode for tags in alone for _, mode, _, _ in tags} == {"action", "commitment"}
    long_text = " ".join([no_cue, pledge, done] * 100)   # some 30,000 characters
    assert goals(long_text) == set().union(*alone)


def test_a_court_date_is_not_a_pledge(tagger):
    result = tag(
        tagger,
        "Smith pleaded guilty to possessing child pornography and will be sentenced on June 1.",
    )
    assert goals_of(result) == {("prosecution", "action")}


def test_one_tag_per_goal_and_mode_with_every_sentence_kept(tagger):
    text = (
        "Smith was sentenced for child pornography offences. "
        "Jones was convicted of child pornography offences. "
        "Brown pleaded guilty to child pornography offences."
    )
    result = tag(tagger, text)
    assert [(g.goal, g.mode) for g in result.goals] == [("prosecution", "action")]
    assert len([g for g in result.goal_evidence if g.goal == "prosecution"]) == 3
    best = result.goals[0]
    assert best.confidence == max(g.confidence for g in result.goal_evidence)


def test_confidences_lie_between_zero_and_one(tagger):
    text = (
        "Investigators identified 40 victims of child sexual abuse and referred them to victim support services. "
        "The hotline removed the images and the offender was sentenced."
    )
    result = tag(tagger, text)
    assert result.goal_evidence
    assert all(0.0 <= g.confidence <= 1.0 for g in result.goal_evidence)


def test_every_evidence_slices_its_sentence_out_of_its_field(tagger):
    title = "U.S. Man Sentenced\nfor Child Pornography"
    text = (
        "WASHINGTON - A man from Dec. Springs was sentenced today by U.S. District Judge A. B. Smith.\n\n"
        "Sen. Jones said the U.S. and France will work to identify victims of child sexual abuse. "
        "He had traded images with men in Germany."
    )
    result = tag(tagger, text, title=title, source="doj")
    fields = {"title": title, "text": text}
    evidence = [*result.relevance_evidence, *(g.evidence for g in result.goal_evidence)]
    evidence += [m.evidence for m in result.members if m.evidence is not None]
    assert len(evidence) > 5
    for ev in evidence:
        assert fields[ev.field][ev.start : ev.end] == ev.sentence
    for item in result.to_output()["evidence"]:
        if item["field"] is not None:
            assert fields[item["field"]][item["start"] : item["end"]] == item["sentence"]


def test_doj_releases_are_issued_by_the_united_states(tagger):
    result = tag(tagger, "A man from Ohio was charged.", source="doj", published=date(2013, 1, 1))
    assert [(m.code, m.how, m.member_on_date, m.evidence) for m in result.members] == [
        ("US", "issuer", True, None)
    ]
    assert result.to_output()["members"] == []  # the text does not name the United States


def test_commission_releases_have_no_issuer_country(tagger):
    result = tag(tagger, "The Commission met the United States.", source="eu")
    assert [(m.code, m.how) for m in result.members] == [("US", "mentioned")]


def test_a_named_issuer_is_tagged_both_ways(tagger):
    result = tag(tagger, "The U.S. Marshals found him in Italy.", source="doj")
    assert sorted((m.code, m.how) for m in result.members) == [
        ("IT", "mentioned"),
        ("US", "issuer"),
        ("US", "mentioned"),
    ]
    assert result.to_output()["members"] == ["IT", "US"]


def test_one_member_tag_per_country_with_its_first_sentence(tagger):
    result = tag(tagger, "Nothing here. French police helped. France agreed.", title="")
    (fr,) = [m for m in result.members if m.code == "FR"]
    assert fr.evidence.sentence == "French police helped."


def test_output_line_shape(tagger):
    result = tag(
        tagger,
        "Police in Spain rescued a child from sexual abuse.",
        source="doj",
        published=date(2014, 1, 1),
    )
    out = result.to_output()
    assert set(out) == {"id", "relevant", "members", "goals", "evidence", "codebook_version", "events"}
    assert out["id"] == "doc" and out["relevant"] is True
    assert out["members"] == ["ES"]
    assert out["goals"] == sorted(out["goals"]) and "victims" in out["goals"]
    assert out["codebook_version"] == tagger.codebook_version == result.codebook_version
    kinds = {item["kind"] for item in out["evidence"]}
    assert kinds == {"relevance", "member", "goal"}
    for item in out["evidence"]:
        assert {"kind", "code", "field", "start", "end", "sentence"} <= set(item)
        if item["kind"] == "goal":
            assert item["mode"] in ("action", "commitment") and 0 <= item["confidence"] <= 1
        if item["kind"] == "member":
            assert item["how"] in ("issuer", "mentioned")
    # Spain's police acted: an event with its sentence at its offsets
    assert [(e["member"], e["goal"], e["mode"], e["role"]) for e in out["events"]] == [
        ("ES", "victims", "action", "actor")]
    event = out["events"][0]
    assert set(event) == {"member", "goal", "mode", "role", "confidence", "field", "start", "end", "sentence"}
    assert event["sentence"] == "Police in Spain rescued a child from sexual abuse."[event["start"]:event["end"]]
    assert 0 < event["confidence"] <= 1


SPEECH_TEXT = ("Ministers, ladies and gentlemen, thank you for coming. Every year police officers in our "
               "countries spend thousands of hours going through pictures, looking for anything that can "
               "tell them where a child might be. We commit to identifying more of them.")


def test_a_speech_is_judged_by_its_subtitle_as_well_as_its_title_and_text(tagger):
    def speech(subtitle: str) -> TagResult:
        return tagger.tag(TagInput(id="doc", source="eu", title="Joining forces to protect children online",
                                   text=SPEECH_TEXT, published=date(2012, 12, 5), subtitle=subtitle))

    occasion = "Commissioner, European Commission \u2013 Launch of the Global Alliance against Child Sexual Abuse Online"
    assert not speech("").relevant
    assert not speech("Commissioner, European Commission \u2013 Annual conference on road safety").relevant
    judged = speech(occasion)
    assert judged.relevant and judged.alliance_framed
    assert judged.relevance_evidence[0].field == "subtitle"
    assert judged.relevance_evidence[0].sentence == occasion[occasion.index("Commissioner"):]
    # Goals and events are read from the title and the text only: the subtitle says what the speech is about.
    assert all(tag.evidence.field != "subtitle" for tag in judged.goal_evidence)
