"""Member countries found in texts: names, variants, demonyms, and the traps of the facts file."""

from __future__ import annotations

import pytest

from pipelines.tagging import Tagger, TagInput


def mentioned(tagger: Tagger, text: str, *, source: str = "eu", title: str = "") -> list[str]:
    return tagger.tag(TagInput(id="t", source=source, title=title, text=text)).mentioned_codes()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Officials of the Czech Republic attended.", "CZ"),
        ("Czechia signed the declaration.", "CZ"),
        ("Police in Viet Nam cooperated.", "VN"),
        ("The Vietnamese police cooperated.", "VN"),
        ("Türkiye joined the effort.", "TR"),
        ("Turkiye joined the effort.", "TR"),
        ("A Turkish prosecutor spoke.", "TR"),
        ("Bosnia-Herzegovina and BiH are the same country.", "BA"),
        ("Kosovo* is listed with an asterisk.", "XK"),
        ("A Kosovar official spoke.", "XK"),
        ("He moved to Holland last year.", "NL"),
        ("Dutch police seized the server.", "NL"),
        ("The U.K. hotline took part.", "GB"),
        ("British officers made the arrest.", "GB"),
        ("Great Britain hosted the summit.", "GB"),
        ("A Filipino boy was rescued.", "PH"),
        ("The Philippine National Police helped.", "PH"),
        ("The Republic of Moldova signed.", "MD"),
        ("Korea hosted the meeting.", "KR"),
        ("The South Korean delegation agreed.", "KR"),
        ("The Hellenic Republic sent a delegate.", "GR"),  # an official name, from pycountry
        ("The Swiss Confederation sent a delegate.", "CH"),
        ("American investigators helped.", "US"),
        ("The USA and Canada agreed.", "US"),
        ("Delegates from New Zealand came.", "NZ"),
        ("Nigerian police arrested him.", "NG"),
        ("A Georgian national was extradited.", "GE"),
        ("The Romanian police cooperated.", "RO"),
        ("Polish police arrested the suspect.", "PL"),
    ],
)
def test_names_variants_and_demonyms_are_found(tagger, text, code):
    assert code in mentioned(tagger, text)


def test_a_name_split_over_lines_is_found(tagger):
    assert mentioned(tagger, "x", title="Delegates of Bosnia and\nHerzegovina met") == ["BA"]


def test_georgia_the_us_state_is_not_the_country(tagger):
    for source in ("doj", "eu"):
        text = (
            "The U.S. Attorney for the Northern District of Georgia said a man from Atlanta, Georgia, "
            "was arrested by the Georgia Bureau of Investigation in Fulton County, Georgia. "
            "He had lived in Alabama, Georgia and Florida."
        )
        assert "GE" not in mentioned(tagger, text, source=source)
    assert "GE" not in mentioned(tagger, "A Georgia man was sentenced.", source="doj")


def test_a_bare_georgia_follows_the_prior_of_the_sources_issuer(tagger):
    """Where no member's government speaks (the Commission, Europol) Georgia is the country; a US
    issuer means the state; a UK one has no prior and needs the context."""
    found = {source: "GE" in mentioned(tagger, "Officers from Georgia took part.", source=source)
             for source in ("eu", "europol", "doj", "govuk")}
    assert found == {"eu": True, "europol": True, "doj": False, "govuk": False}


def test_georgia_the_country_is_found_from_its_context(tagger):
    assert "GE" in mentioned(
        tagger, "He was arrested in Tbilisi and returned from Georgia.", source="doj"
    )
    assert "GE" in mentioned(tagger, "He was born in the Republic of Georgia.", source="doj")
    assert "GE" in mentioned(
        tagger, "Officials from Armenia, Georgia and Ukraine met.", source="doj"
    )
    assert "GE" in mentioned(
        tagger, "Georgian authorities asked for his return to Georgia.", source="doj"
    )
    assert "GE" in mentioned(tagger, "Envoys of Armenia, Azerbaijan and Georgia met.", source="doj")
    # The Commission writes of the country only.
    assert "GE" in mentioned(tagger, "Georgia signed the declaration.", source="eu")


def test_new_mexico_and_the_gulf_are_not_mexico(tagger):
    text = "A New Mexico man was charged in the District of New Mexico over a boat in the Gulf of Mexico."
    assert "MX" not in mentioned(tagger, text)
    assert "MX" in mentioned(tagger, "He fled from New Mexico to Mexico.")


def test_niger_and_papua_new_guinea_are_not_members(tagger):
    assert mentioned(tagger, "Envoys of Niger and Papua New Guinea attended.") == []
    assert mentioned(tagger, "Envoys of Niger and Nigeria attended.") == ["NG"]


def test_north_korea_is_not_the_republic_of_korea(tagger):
    text = "North Korea and the DPRK, the Democratic People's Republic of Korea, and North Korean hackers."
    assert "KR" not in mentioned(tagger, text)
    assert "KR" in mentioned(tagger, "North Korea is not South Korea.")


def test_northern_ireland_is_the_united_kingdom_not_ireland(tagger):
    assert mentioned(tagger, "Police in Northern Ireland made the arrest.") == ["GB"]
    assert mentioned(tagger, "Police in Northern Ireland and Ireland worked together.") == [
        "GB",
        "IE",
    ]


def test_people_named_jordan_chad_or_israel_are_not_countries(tagger):
    assert mentioned(tagger, "Jordan Smith and Chad Brown were charged.") == []
    assert "IL" not in mentioned(
        tagger, "The defendant, Israel Gomez, 34, was charged with Mr. Israel."
    )
    assert "IL" not in mentioned(tagger, "Israel A. Gomez pleaded guilty.")
    assert "IL" in mentioned(tagger, "He was extradited to Israel on Monday.")
    assert "IL" in mentioned(tagger, "The Israel Police helped.")
    assert "IL" in mentioned(tagger, "x", title="Fugitive Extradited From Israel To Face Charges")


def test_polish_the_verb_is_not_poland(tagger):
    assert "PL" not in mentioned(
        tagger, "He helped polish the report. Polish the silver before dinner."
    )


def test_turkey_the_bird_and_turks_and_caicos_are_not_turkey(tagger):
    text = "They ate turkey at a Thanksgiving Turkey dinner, then flew to the Turks and Caicos Islands."
    assert "TR" not in mentioned(tagger, text)
    assert "TR" in mentioned(tagger, "Then they flew to Turkey.")


def test_roma_and_romani_are_not_romania(tagger):
    assert "RO" not in mentioned(tagger, "Roma children and the Romani language were discussed.")


def test_us_as_a_pronoun_in_a_capitals_headline_is_not_the_united_states(tagger):
    assert "US" not in mentioned(tagger, "HELP US FIND THIS CHILD", title="PLEASE JOIN US TODAY")
    assert "US" not in mentioned(tagger, "Help US find him: call the FBI.")
    assert "US" in mentioned(tagger, "HELP US FIND THIS CHILD. The U.S. Marshals are searching.")
    assert "US" in mentioned(tagger, "He was handed over to US authorities.")


def test_a_country_name_in_capitals_is_still_found(tagger):
    assert mentioned(tagger, "x", title="MAN EXTRADITED TO FRANCE FOR ABUSE") == ["FR"]


def test_new_jersey_and_other_look_alikes_name_no_member(tagger):
    text = (
        "A New Jersey man from New England drove to the Holland Tunnel, then to Holland, Mich., "
        "and flew to British Columbia. He is a Vietnam veteran."
    )
    assert mentioned(tagger, text) == []
    assert "MX" not in mentioned(
        tagger, "He is a Mexican-American teacher."
    )  # of descent, not of Mexico


def test_languages_and_companies_are_not_countries(tagger):
    text = "He spoke Spanish. A Spanish-speaking agent and a German interpreter flew British Airways and Air France."
    assert mentioned(tagger, text) == []
    assert mentioned(tagger, "The Spanish police arrested him.") == ["ES"]


def test_only_roster_countries_are_reported(tagger):
    # India and Brazil are countries, not Alliance members.
    assert mentioned(tagger, "Police in India, Brazil and Japan cooperated.") == ["JP"]


def test_more_look_alikes_of_turkey_polish_and_america(tagger):
    assert "TR" not in mentioned(
        tagger, "x", title="Police Hold Annual Turkey Giveaway for Families"
    )
    assert "PL" not in mentioned(tagger, "x", title="Agency Seeks to Polish Image After Audit")
    assert "PL" not in mentioned(tagger, "She bought Nail Polish Remover.")
    assert "PL" in mentioned(tagger, "He was handed over to Polish authorities.")
    text = "An African American officer and a Native American tribe banked at Bank of America."
    assert "US" not in mentioned(tagger, text)
    assert "US" in mentioned(tagger, "American and Canadian police worked together.")


def test_a_list_of_languages_is_not_a_list_of_countries(tagger):
    assert (
        mentioned(tagger, "Leaflets are available in English, Spanish, Portuguese and French.")
        == []
    )
    assert mentioned(tagger, "The French version and the Japanese text were published.") == []
