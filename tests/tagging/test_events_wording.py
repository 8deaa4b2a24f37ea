"""Goal wording that names no stock phrase: targets stated in plain words, pledges to train or to
set up units. Each case is written here in our own words."""

from datetime import date

import pytest
from test_events import events  # the tagger fixture is tests/tagging/conftest.py's

from pipelines.tagging import TagInput


def test_signatories_commit_to_targets_stated_in_plain_words(tagger):
    found = events(tagger, "The joint statement we adopted this morning commits those who sign it to two "
                           "things: to bring the men who abuse children online to justice, and to take "
                           "the pictures of that abuse off the internet. Norway and Mexico signed it "
                           "before lunch.")
    expected = {(m, g, "commitment"): "signatory" for m in ("NO", "MX")
                for g in ("prosecution", "availability")}
    assert expected.items() <= found.items()


def test_a_pledge_to_help_set_up_police_units_is_a_prosecution_commitment(tagger):
    found = events(tagger, "Sweden will pay for advisers to help five countries set up police units for "
                           "sexual offences against children.")
    assert found.get(("SE", "prosecution", "commitment")) == "actor"


def test_a_pledge_to_train_investigators_is_a_prosecution_commitment(tagger):
    found = events(tagger, "Next year the Australian Federal Police will train investigators in Pacific "
                           "island states to examine seized phones in child sexual abuse cases.")
    assert found.get(("AU", "prosecution", "commitment")) == "actor"


def test_officers_described_as_trained_do_not_make_a_prosecution_event(tagger):
    found = events(tagger, "In the autumn Denmark will send specially trained police officers into schools "
                           "to talk to pupils about the risks of sharing intimate pictures online.")
    assert ("DK", "prosecution", "commitment") not in found


def test_a_single_officer_of_a_country_acts_for_it(tagger):
    found = events(tagger, "Last year a police officer in Norway arrested a man who ran a forum for "
                           "sharing child sexual abuse images.")
    assert found.get(("NO", "prosecution", "action")) == "actor"


def test_officers_given_tools_by_someone_else_get_no_event(tagger):
    found = events(tagger, "Europol's centre will open in the spring, and it will give investigators such "
                           "as the detectives in Portugal better tools to identify child victims.")
    assert {m for m, _, _ in found} == set()


def test_a_body_that_hosted_a_summit_in_a_city_gets_no_event(tagger):
    found = events(tagger, "The Commission welcomes the pledges made at the summit on child sexual abuse "
                           "online, hosted in Rome by the Italian Ministry of the Interior and attended by "
                           "internet companies that block and remove abuse images.")
    assert {m for m, _, _ in found} == set()


def test_those_gathered_at_a_meeting_show_no_goal(tagger):
    found = events(tagger, "The conference on child sexual abuse online, opened by the Home Secretary, "
                           "brought together police chiefs, internet service providers and charities.",
                   source="govuk")
    assert found == {}


def test_a_gathering_whose_members_then_act_still_gives_the_event(tagger):
    found = events(tagger, "The operation brought together police from Spain and Italy, who then arrested "
                           "eleven men for sharing child sexual abuse images.")
    assert found.get(("ES", "prosecution", "action")) is not None


def test_experts_listed_among_the_participants_of_an_operation_are_partners(tagger):
    found = events(tagger, "Interpol ran a week-long workshop in Lyon to find the children shown in "
                           "unsolved abuse image series. Among the participants were specialists from "
                           "Belgium, Croatia and Ireland.",
                   title="Specialists meet to identify child victims of sexual abuse")
    expected = {(m, "victims", "action"): "partner" for m in ("BE", "HR", "IE")}
    assert found == expected


@pytest.mark.parametrize("sentence", [
    "This year we have asked more of the hosting companies.",
    "The Government has urged internet companies to remove abuse images within a day of a report.",
])
def test_asking_companies_to_act_is_no_act_of_the_government(tagger, sentence):
    found = events(tagger, "Images of child sexual abuse are shared every day. " + sentence,
                   source="govuk")
    assert ("GB", "availability", "action") not in found


def test_what_companies_named_by_the_goal_words_will_do_is_not_the_issuers_pledge(tagger):
    found = events(tagger, "Abuse images of children circulate widely. Before Christmas, the big internet "
                           "service providers will offer every household new filters.", source="govuk")
    assert ("GB", "availability", "commitment") not in found


def test_pictures_found_and_removed_is_an_availability_act(tagger):
    found = events(tagger, "Sexual abuse of children leaves pictures behind. Since March the National "
                           "Crime Agency has shared fingerprints of what it seized, so that the same "
                           "pictures can be found and removed automatically.", source="govuk")
    assert found.get(("GB", "availability", "action")) == "actor"


def test_guidance_for_schools_is_awareness(tagger):
    found = events(tagger, "Online grooming of children is rising. Next spring the Department will "
                           "publish guidance for schools on spotting the signs.", source="doj")
    assert found.get(("US", "awareness", "commitment")) == "actor"


def test_the_programme_name_is_read_in_any_capitalisation(tagger):
    found = events(tagger, "Sexual abuse of children online starts with grooming. CEOP's Thinkuknow "
                           "programme reached two million pupils last year.", source="govuk")
    assert found.get(("GB", "awareness", "action")) == "actor"


def test_signatures_put_to_a_statement_sign_it(tagger):
    found = events(tagger, "The ministers agreed one target for 2016: each country should train specialists "
                           "to identify the children shown in abuse images. Greece and Portugal put their "
                           "signatures to the statement.")
    assert {("GR", "victims", "commitment"), ("PT", "victims", "commitment")} <= set(found)


def test_lessons_on_the_risks_are_awareness(tagger):
    found = events(tagger, "Child sexual abuse often begins with a message from a stranger. Slovenia "
                           "has given every pupil lessons on the risks of sharing intimate images "
                           "since September.")
    assert found.get(("SI", "awareness", "action")) == "actor"


def test_the_sides_that_sign_commit_to_the_list_and_a_presidency_signs_for_the_eu(tagger):
    found = events(tagger, "A joint declaration on child sexual abuse online was signed for Japan by its "
                           "justice minister, and for the Union by Austria's interior minister on behalf "
                           "of the Council Presidency. In it, the two sides commit to:\n"
                           "- identifying more child victims;\n"
                           "- prosecuting more offenders.")
    assert found == {("JP", "victims", "commitment"): "signatory",
                     ("JP", "prosecution", "commitment"): "signatory"}


@pytest.mark.parametrize("sentence", [
    "The minister added that in Croatia the police have blocked access to known abuse websites since 2010.",
    ("Her deputy added that in Croatia itself the national police and the phone companies have since "
     "2010 blocked access to known abuse websites."),
    "In Croatia itself, the police have blocked access to known abuse websites since 2010.",
])
def test_the_police_of_the_country_a_clause_opens_with_act_for_it(tagger, sentence):
    found = events(tagger, "Child sexual abuse images are shared on many sites. " + sentence)
    assert found.get(("HR", "availability", "action")) == "actor"


def test_finding_more_of_the_children_is_victims(tagger):
    found = events(tagger, "Images of child sexual abuse keep circulating. The Norwegian police will "
                           "devote a new team to finding more of the children in those images.")
    assert found.get(("NO", "victims", "commitment")) == "actor"


def test_a_unit_they_worked_alongside_is_not_what_they_did(tagger):
    found = events(tagger, "Experts searched abuse image series for clues to where the children were. "
                           "Belgium and Ireland lent analysts to the search. They sat alongside "
                           "analysts of Europol's cybercrime unit.",
                   title="Specialists trace child victims of sexual abuse")
    assert {("BE", "prosecution", "action"), ("IE", "prosecution", "action")} & set(found) == set()
    assert found.get(("BE", "victims", "action")) == "partner"


def test_a_country_together_with_the_signatories_signs_too(tagger):
    found = events(tagger, "Chile and Peru, together with Mexico, today endorsed a declaration that commits "
                           "them to identify more child victims of sexual abuse online.")
    assert found.get(("MX", "victims", "commitment")) == "signatory"


def test_a_country_reported_as_the_subject_of_a_that_clause_pledges(tagger):
    found = events(tagger, "At the forum on child sexual abuse online, the deputy minister said that "
                           "Montenegro would adopt new criminal offences of grooming by the end of 2016.")
    assert found.get(("ME", "prosecution", "commitment")) == "actor"


def test_joining_an_investigation_is_taking_part_but_joining_the_alliance_is_not(tagger):
    found = events(tagger, "Italian police led the inquiry into a network sharing child sexual abuse "
                           "images. Austria and Hungary joined the operation through liaison officers. "
                           "Slovakia joined the Global Alliance in 2013.")
    assert found.get(("AT", "prosecution", "action")) == "partner"
    assert found.get(("HU", "prosecution", "action")) == "partner"
    assert not any(m == "SK" for m, _, _ in found)


def test_a_government_that_funds_a_charity_to_act_gets_the_goal(tagger):
    found = events(tagger, "Child sexual abuse images must come down faster. The Home Office will:\n"
                           "• fund the Internet Watch Foundation to take down twice as many images "
                           "next year;\n"
                           "• publish new guidance for teachers.", source="govuk")
    assert found.get(("GB", "availability", "commitment")) == "actor"


def test_a_member_endorsing_listed_targets_pledges_them_and_does_none_of_them(tagger):
    result = tagger.tag(TagInput(
        "doc", "eu", "Portugal joins the alliance against child sexual abuse online",
        "In joining, the Government of Portugal endorses the alliance's targets: finding more child "
        "victims and making sure they are helped; investigating and prosecuting more offenders; and "
        "reducing the abuse material that can be found on the Internet.", date(2013, 3, 4)))
    portugal = {(e.goal, e.mode, e.role) for e in result.events if e.member == "PT"}
    assert portugal, "the endorsement is the member's pledge"
    assert all((mode, role) == ("commitment", "signatory") for _, mode, role in portugal)
