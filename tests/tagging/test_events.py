"""Implementation events: who did or pledged what, attributed from the sentence, on the conventions
of ../shared/domain/events.md (tests/gold/EVENTS.md), each case written here in our own words."""

from datetime import date

import pytest

from pipelines.tagging import TagInput


def events(tagger, text, *, source="eu", title="Child sexual abuse online"):
    result = tagger.tag(TagInput("doc", source, title, text, date(2014, 3, 3)))
    assert result.relevant, "each case is about child sexual abuse: the tagger must see that"
    return {(e.member, e.goal, e.mode): e.role for e in result.events}


PROSECUTION_CASE = ("A 41-year-old man pleaded guilty today to distributing child sexual abuse material, "
                    "announced the U.S. Attorney for the District of Oregon. ")


@pytest.mark.parametrize("sentence, absent", [
    ("The defendant, a British national, lived in Canada before moving to Portland.", {"GB", "CA"}),
    ("The abuse took place in Cambodia during trips he made in 2011 and 2012.", {"KH"}),
    ("The images were stored on a server in the Netherlands.", {"NL"}),
    ("Information about a second suspect was passed to the German police.", {"DE"}),
])
def test_a_country_only_named_gets_no_event(tagger, sentence, absent):
    found = events(tagger, PROSECUTION_CASE + sentence, source="doj")
    assert {m for m, _, _ in found} & absent == set()
    assert ("US", "prosecution", "action") in found  # the case is the DOJ's own


def test_a_doj_case_is_us_prosecution_whether_or_not_the_text_names_the_united_states(tagger):
    found = events(tagger, "A Portland man was sentenced to 12 years in prison for producing child "
                           "pornography. HSI agents identified two of the victims.", source="doj")
    assert found == {("US", "prosecution", "action"): "actor", ("US", "victims", "action"): "actor"}


def test_the_police_that_then_acted_get_the_event(tagger):
    found = events(tagger, PROSECUTION_CASE + "The tip was passed to Spanish police, who arrested a "
                                              "second suspect in Valencia.", source="doj")
    assert found.get(("ES", "prosecution", "action")) == "actor"


def test_a_foreign_force_that_arrested_and_rescued_acts_on_both_goals(tagger):
    found = events(tagger, "The Philippine National Police arrested two suspects in Cebu and rescued "
                           "six children from a house used for live-streamed sexual abuse.")
    assert found == {("PH", "prosecution", "action"): "actor", ("PH", "victims", "action"): "actor"}


def test_assistance_makes_a_partner(tagger):
    found = events(tagger, PROSECUTION_CASE + "The FBI investigated the case with assistance from the "
                                              "Australian Federal Police.", source="doj")
    assert found.get(("AU", "prosecution", "action")) == "partner"
    assert found.get(("US", "prosecution", "action")) == "actor"


def test_an_extradition_is_an_act_of_both_countries(tagger):
    found = events(tagger, "The man, charged with producing child pornography, was extradited from the "
                           "Republic of Korea to face the charges in Seattle.", source="doj")
    assert {("KR", "prosecution", "action"), ("US", "prosecution", "action")} <= set(found)


def test_what_a_member_has_set_up_is_an_action_and_what_it_has_not_done_is_nothing(tagger):
    found = events(tagger, "Sweden has set up a specialised victim-identification unit within its police. "
                           "Italy has not yet notified its measures to remove child sexual abuse images.")
    assert found == {("SE", "victims", "action"): "actor"}


def test_signatories_commit_to_each_target_the_text_states(tagger):
    found = events(tagger, "Ministers from Ghana, Norway and Japan signed the declaration today. By "
                           "signing, they commit to identify more victims and to reduce the availability "
                           "of child sexual abuse material online.")
    expected = {(m, g, "commitment"): "signatory" for m in ("GH", "NO", "JP")
                for g in ("victims", "availability")}
    assert found == expected


def test_joining_hosting_and_attending_are_no_goal_events(tagger):
    found = events(tagger, "Canada joined the Global Alliance against Child Sexual Abuse Online in June. "
                           "Norway hosted the meeting on victim identification and Japan attended it.")
    assert found == {}


def test_what_companies_and_eu_bodies_do_is_no_member_event(tagger):
    found = events(tagger, "A hosting company removed the child abuse images on its own. Europol "
                           "coordinated the operation and the Commission will fund new hotlines.")
    assert found == {}


def test_program_boilerplate_shows_no_goal_of_this_case(tagger):
    found = events(tagger, PROSECUTION_CASE + "Project Safe Childhood is a nationwide initiative launched "
                   "in May 2006 by the Department of Justice to combat the growing epidemic of child sexual "
                   "exploitation and abuse, and to identify and rescue victims.", source="doj")
    assert ("US", "victims", "action") not in found and ("US", "victims", "commitment") not in found


def test_general_resolve_is_no_commitment_but_a_specific_pledge_is(tagger):
    resolve = events(tagger, PROSECUTION_CASE + '"We will prosecute anyone who exploits children online," '
                                                "the U.S. Attorney said.", source="doj")
    assert ("US", "prosecution", "commitment") not in resolve
    pledge = events(tagger, "The United Kingdom will fund a national awareness campaign for parents on the "
                            "risks of online grooming in 2015.")
    assert pledge == {("GB", "awareness", "commitment"): "actor"}


def test_they_carries_the_actor_of_the_sentence_before(tagger):
    found = events(tagger, "Dutch police arrested the administrator of the forum. They also identified "
                           "three children shown in the abuse images.")
    assert found == {("NL", "prosecution", "action"): "actor", ("NL", "victims", "action"): "actor"}


def test_one_event_per_member_goal_and_mode_with_its_sentence(tagger):
    text = ("German police arrested a suspect in Munich. German police arrested a second suspect in "
            "Berlin a week later.")
    result = tagger.tag(TagInput("doc", "eu", "Arrests for child sexual abuse material", text))
    assert [(e.member, e.goal, e.mode) for e in result.events] == [("DE", "prosecution", "action")]
    event = result.events[0]
    assert text[event.evidence.start:event.evidence.end] == event.evidence.sentence
    assert event.evidence.field == "text" and 0 < event.confidence <= 1
    # the words that name the member and the goal, for a reader to see highlighted
    assert text[slice(*event.member_words)] == "German police"
    assert text[slice(*event.goal_words)] == "arrested"
