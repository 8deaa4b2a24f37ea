"""Civil, regulatory and programme templates for generated, unrelated DOJ releases.

Same contract as stories_doj: invented names, a Story per call, no Alliance subject matter.
"""

from __future__ import annotations

from random import Random

from spiders.doj.replica_names import FIRMS, TOWNS, millions, person
from spiders.doj.replica_stories import Story, StoryTemplate


def merger(rng: Random, speaker: str) -> Story:
    buyer, target = rng.sample(FIRMS, 2)
    plants = rng.randint(2, 9)
    return Story(
        f"Justice Department Requires Divestitures in {buyer}'s Acquisition of {target}",
        [(f"The Department of Justice announced that {buyer} must sell {plants} facilities in "
         f"order to proceed with its proposed acquisition of {target}."),
         ("The department filed a civil antitrust lawsuit together with a proposed settlement "
         "that, if approved by the court, would resolve the competitive concerns."),
         (f"\"Without the divestitures, customers in several regional markets would have faced "
         f"higher prices and fewer choices,\" said {speaker}."),
         ("The proposed settlement will be published in the Federal Register; any person may "
         "submit written comments during a 60-day comment period.")],
        "Antitrust Division", ["Antitrust"])


def clean_air(rng: Random, speaker: str) -> Story:
    firm, penalty, plants = rng.choice(FIRMS), millions(rng, 1, 20), rng.randint(2, 7)
    return Story(
        f"{firm} to Pay {penalty} Civil Penalty and Cut Air Pollution at {plants} Plants",
        [(f"{firm} has agreed to pay a {penalty} civil penalty and to install pollution controls "
         f"at {plants} plants to resolve violations of the Clean Air Act, the Justice Department "
         "and the Environmental Protection Agency announced."),
         ("The settlement is expected to reduce emissions of sulfur dioxide and nitrogen oxides by "
         "thousands of tons each year, improving air quality for nearby communities."),
         (f"\"This agreement brings cleaner air to neighborhoods that have carried too much of the "
         f"burden of industrial pollution,\" said {speaker}."),
         ("The consent decree is subject to a 30-day public comment period and final court "
         "approval.")],
        "Environment and Natural Resources Division", ["Environment"])


def wildlife(rng: Random, speaker: str) -> Story:
    name, months = person(rng), rng.randint(12, 70)
    item = rng.choice(["rhinoceros horn", "elephant ivory", "protected sea turtle shells",
                       "endangered orchids"])
    return Story(
        f"Antiques Dealer Sentenced to {months} Months for Smuggling {item.title()}",
        [(f"{name}, an antiques dealer, was sentenced to {months} months in prison for smuggling "
         f"{item} out of the United States in violation of the Lacey Act."),
         ("Investigators found that the items were hidden in shipments falsely declared as "
         "porcelain and handicrafts, with forged export documents."),
         (f"\"Wildlife trafficking pushes species toward extinction and feeds organized crime,\" "
         f"said {speaker}."),
         "The case was investigated by the U.S. Fish and Wildlife Service."],
        "Environment and Natural Resources Division", ["Environment", "Wildlife"])


def fair_housing(rng: Random, speaker: str) -> Story:
    town, amount = rng.choice(TOWNS), f"${rng.randint(90, 950)},000"
    return Story(
        f"{town} Landlords to Pay {amount} to Settle Housing Discrimination Lawsuit",
        [(f"The owners and managers of apartment complexes in {town} will pay {amount} to settle "
         "a lawsuit alleging that they refused to rent to families and to tenants with "
         "disabilities."),
         ("The lawsuit alleged violations of the Fair Housing Act, including discriminatory "
         "statements in advertisements and the refusal of reasonable accommodations."),
         f"\"Everyone deserves an equal opportunity to find a home,\" said {speaker}.",
         ("Under the consent order, the defendants will train their staff and adopt "
         "nondiscrimination policies.")],
        "Civil Rights Division", ["Civil Rights", "Fair Housing"])


def voting_access(rng: Random, speaker: str) -> Story:
    town, places = rng.choice(TOWNS), rng.randint(12, 140)
    return Story(
        f"{town} County Agrees to Make {places} Polling Places Accessible to Voters with "
        "Disabilities",
        [(f"The Justice Department reached an agreement with {town} County to ensure that its "
         f"{places} polling places are accessible to voters with disabilities, under the "
         "Americans with Disabilities Act."),
         ("A survey found barriers such as steep ramps, missing handrails and inaccessible "
         "parking at a majority of the county's polling places."),
         f"\"Casting a ballot must be possible for every eligible voter,\" said {speaker}."],
        "Civil Rights Division", ["Civil Rights", "Disability Rights"])


def false_claims(rng: Random, speaker: str) -> Story:
    firm, amount = rng.choice(FIRMS), millions(rng, 1, 80)
    return Story(
        f"{firm} Pays {amount} to Resolve False Claims Act Allegations",
        [(f"{firm} has agreed to pay {amount} to resolve allegations that it overbilled federal "
         "agencies under government contracts."),
         ("The settlement resolves a lawsuit filed by a former employee under the "
         "whistleblower provisions of the False Claims Act."),
         f"\"Contractors must deal honestly with the government,\" said {speaker}.",
         ("The claims resolved by the settlement are allegations only; there has been no "
         "determination of liability.")],
        "Civil Division", ["False Claims Act"])


def grants(rng: Random, speaker: str) -> Story:
    amount, sites = millions(rng, 10, 120), rng.randint(12, 60)
    field = rng.choice(["community policing", "reentry programs for returning citizens",
                        "drug courts", "body-worn cameras for police officers"])
    return Story(
        f"Justice Department Awards {amount} to Support {field.title()}",
        [(f"The Department of Justice announced {amount} in grants to {sites} jurisdictions to "
         f"support {field}."),
         ("Applicants were selected on the strength of their plans to measure results and to "
         "work with local partners."),
         (f"\"These awards invest in approaches that make communities safer and fairer,\" said "
         f"{speaker}.")],
        "Office of Justice Programs", ["Grants"])


# Civil cases a US Attorney's office may announce itself.
LOCAL_TEMPLATES: list[StoryTemplate] = [wildlife, false_claims]
TEMPLATES: list[StoryTemplate] = [
    *LOCAL_TEMPLATES, merger, clean_air, fair_housing, voting_access, grants,
]
