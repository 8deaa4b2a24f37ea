"""Criminal-case templates for generated, unrelated DOJ releases (civil ones: stories_doj_civil).

Every person, company and town here is invented. Each template returns a title, paragraphs
and the DOJ component and topics it would be filed under; generator.py adds the dateline,
the office's speaker, the url and the number. No template touches the Alliance's subject.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from random import Random

from spiders.doj.replica_names import (
    AGENCIES,
    DRUGS,
    EXPORTS,
    FIRMS,
    PRODUCTS,
    TOWNS,
    millions,
    person,
)


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: list[str]  # the first is the lead; generator.py puts the dateline before it
    component: str  # the Washington division; a US Attorney's office files under its own
    topics: list[str]


def _agencies(rng: Random) -> str:
    first, second = rng.sample(AGENCIES, 2)
    return f"{first} and {second}"


def price_fixing(rng: Random, speaker: str) -> Story:
    firm, product = rng.choice(FIRMS), rng.choice(PRODUCTS)
    fine, start = millions(rng, 5, 90), rng.randint(2003, 2009)
    return Story(
        f"{firm} Agrees to Plead Guilty and Pay {fine} Fine for Fixing Prices of {product.title()}",
        [(f"{firm} has agreed to plead guilty and to pay a {fine} criminal fine for its role in a "
         f"conspiracy to fix prices and rig bids for {product} sold in the United States."),
         (f"According to the one-count felony charge, the company and its co-conspirators met "
         f"from {start} until at least {start + 4} to agree on prices and to allocate customers."),
         (f"\"Companies that conspire to cheat their customers will be held accountable,\" said "
         f"{speaker}. \"Today's plea is one more step in an ongoing investigation.\""),
         ("A violation of the Sherman Act carries a maximum fine of $100 million for a "
         "corporation, which may be increased to twice the gain derived from the crime or twice "
         "the loss suffered by the purchasers.")],
        "Antitrust Division", ["Antitrust"])


def tax_preparer(rng: Random, speaker: str) -> Story:
    name, months, town = person(rng), rng.choice([18, 27, 36, 46, 63, 87]), rng.choice(TOWNS)
    returns, loss = rng.randint(90, 900), millions(rng, 1, 6)
    return Story(
        f"{town} Tax Return Preparer Sentenced to {months} Months for Filing False Returns",
        [(f"{name}, who owned a storefront tax preparation business in {town}, was "
         f"sentenced to {months} months in prison for preparing false federal income tax returns."),
         (f"According to court documents, {name.split()[1]} prepared more than {returns} returns "
         f"that claimed fictitious business expenses and inflated education credits, causing a tax "
         f"loss of approximately {loss}."),
         (f"\"Return preparers who betray their clients' trust and the tax system will be "
         f"prosecuted,\" said {speaker}."),
         "The court also ordered three years of supervised release and restitution to the IRS."],
        "Tax Division", ["Tax"])


def offshore_accounts(rng: Random, speaker: str) -> Story:
    name, amount = person(rng), millions(rng, 2, 40)
    return Story(
        f"{rng.choice(TOWNS)} Developer Pleads Guilty to Hiding {amount} in Undeclared Swiss "
        "Bank Accounts",
        [(f"{name}, a real estate developer, pleaded guilty to willfully failing to report "
         f"financial accounts held at two banks in Switzerland."),
         (f"Court filings state that {name.split()[1]} concealed more than {amount} in accounts "
         "opened in the names of shell foundations and did not report the income they earned."),
         (f"\"Secret offshore accounts are not a safe haven,\" said {speaker}. \"We will continue "
         "to follow the money wherever it goes.\""),
         ("Sentencing is scheduled for later this year. The defendant has agreed to pay a civil "
         "penalty equal to half of the highest balance of the accounts.")],
        "Tax Division", ["Tax"])


def health_fraud(rng: Random, speaker: str) -> Story:
    name, loss, months = person(rng), millions(rng, 2, 60), rng.randint(30, 150)
    return Story(
        f"Clinic Owner Sentenced to {months} Months for {loss} Medicare Fraud Scheme",
        [(f"{name}, the owner of a clinic in {rng.choice(TOWNS)}, was sentenced to {months} months "
         f"in prison for a scheme to bill Medicare for {loss} in services never provided."),
         ("Evidence at trial showed that patients were recruited with cash payments and that "
         "records were altered to support the fraudulent claims."),
         (f"\"Health care fraud drains money from programs that millions of Americans depend "
         f"on,\" said {speaker}."),
         (f"The case was investigated by {_agencies(rng)} and brought as part of the Medicare "
         "Fraud Strike Force.")],
        "Criminal Division", ["Health Care Fraud"])


def ponzi(rng: Random, speaker: str) -> Story:
    name, loss, investors = person(rng), millions(rng, 4, 95), rng.randint(60, 900)
    return Story(
        f"Investment Adviser Convicted of Running {loss} Ponzi Scheme",
        [(f"A federal jury convicted {name} of wire fraud and securities fraud for operating a "
         f"Ponzi scheme that took {loss} from more than {investors} investors."),
         (f"Prosecutors showed that {name.split()[1]} promised steady returns from a trading "
         "program that did not exist and paid earlier investors with new investors' money."),
         f"\"He sold a fiction and spent the savings of retirees,\" said {speaker}.",
         "Each count of wire fraud carries a maximum sentence of 20 years in prison."],
        "Criminal Division", ["Securities, Commodities, & Investment Fraud"])


def drug_ring(rng: Random, speaker: str) -> Story:
    drug, count, kilos = rng.choice(DRUGS), rng.randint(6, 31), rng.randint(20, 400)
    return Story(
        f"{count} Charged in Takedown of {drug.title()} Distribution Network",
        [(f"{count} people were charged in an indictment unsealed today with conspiring to "
         f"distribute {drug} across several states."),
         (f"Agents seized more than {kilos} kilograms of drugs, firearms and cash during searches "
         "at stash houses and vehicles."),
         f"\"This network moved poison into our neighborhoods for profit,\" said {speaker}.",
         (f"The investigation was led by {_agencies(rng)}. An indictment is merely an allegation, "
         "and all defendants are presumed innocent until proven guilty.")],
        "Criminal Division", ["Drug Trafficking"])


def extradition(rng: Random, speaker: str) -> Story:
    name, country = person(rng), rng.choice(["Colombia", "Panama", "the Dominican Republic"])
    return Story(
        f"Alleged Cocaine Trafficker {name} Extradited from {country.replace('the ', '')}",
        [(f"{name} was extradited from {country} to face charges of conspiring to import "
         "multi-ton quantities of cocaine into the United States."),
         ("The indictment alleges that the defendant arranged maritime shipments through "
         "Central America using go-fast boats and semi-submersible vessels."),
         f"\"Borders do not protect those who flood our streets with drugs,\" said {speaker}.",
         ("The extradition was coordinated by the Criminal Division's Office of International "
         "Affairs.")],
        "Criminal Division", ["Drug Trafficking", "Extradition"])


def export_control(rng: Random, speaker: str) -> Story:
    name, (goods, country) = person(rng), rng.choice(EXPORTS)
    return Story(
        f"{rng.choice(TOWNS)} Exporter Charged with Shipping {goods.title()} to {country}",
        [(f"{name}, who ran an export company, was charged with conspiring to ship {goods} to "
         f"{country} in violation of U.S. export controls and sanctions."),
         ("The complaint alleges that the shipments were routed through front companies in "
         "third countries to conceal their final destination."),
         f"\"Export controls keep sensitive technology out of the wrong hands,\" said {speaker}.",
         "The maximum penalty for each violation is 20 years in prison."],
        "National Security Division (NSD)", ["Export Control"])


def corruption(rng: Random, speaker: str) -> Story:
    name, town = person(rng), rng.choice(TOWNS)
    bribes = f"${rng.randint(40, 600)},000"
    post = rng.choice(["Public Works Director", "Zoning Administrator", "Housing Authority Chief",
                       "Port Commissioner", "Purchasing Manager"])
    return Story(
        f"Former {town} {post} Convicted of Taking {bribes} in Bribes",
        [(f"{name}, the former {post.lower()} of {town}, was convicted of accepting "
         f"{bribes} in bribes in exchange for steering paving contracts."),
         ("Witnesses testified that contractors delivered cash in envelopes and paid for home "
         "renovations in return for inside information on bids."),
         f"\"Public office is a public trust, not a private business,\" said {speaker}."],
        "Criminal Division", ["Public Corruption"])


def card_hacking(rng: Random, speaker: str) -> Story:
    name, cards, months = person(rng), rng.randint(40, 900) * 1000, rng.randint(36, 160)
    return Story(
        f"Hacker Sentenced to {months} Months for Stealing Payment Card Data from Retailers",
        [(f"{name} was sentenced to {months} months in prison for breaking into the computer "
         f"networks of retailers and stealing data from about {cards:,} payment cards."),
         ("The defendant installed malicious software on point-of-sale systems and sold the "
         "stolen numbers on criminal forums."),
         f"\"Cyber criminals who think they are anonymous should think again,\" said {speaker}.",
         f"The case was investigated by {_agencies(rng)}."],
        "Criminal Division", ["Cybercrime"])


def identity_refunds(rng: Random, speaker: str) -> Story:
    name, refunds = person(rng), millions(rng, 1, 9)
    return Story(
        f"{name} Pleads Guilty to Leading {refunds} Stolen Identity Tax Refund Scheme",
        [(f"{name} pleaded guilty to leading a scheme that filed thousands of fraudulent tax "
         f"returns using stolen identities, seeking {refunds} in refunds."),
         ("Refund checks and prepaid debit cards were sent to addresses controlled by the "
         "conspirators and cashed at check-cashing stores."),
         f"\"Identity thieves who target the Treasury will be found,\" said {speaker}."],
        "Tax Division", ["Identity Theft", "Tax"])


def firearms(rng: Random, speaker: str) -> Story:
    name, months = person(rng), rng.randint(30, 180)
    return Story(
        f"Convicted Felon Sentenced to {months} Months for Illegal Firearm Possession",
        [(f"{name} was sentenced to {months} months in federal prison for possessing a firearm "
         "after a felony conviction."),
         ("Officers found a loaded pistol and ammunition in the defendant's car during a traffic "
         "stop."),
         (f"\"Keeping guns out of the hands of convicted felons protects everyone,\" said "
         f"{speaker}."),
         "The case was prosecuted as part of Project Safe Neighborhoods."],
        "Criminal Division", ["Firearms Offenses", "Violent Crime"])


StoryTemplate = Callable[[Random, str], Story]
# Criminal cases; the ones a US Attorney's office may announce itself come first.
LOCAL_TEMPLATES: list[StoryTemplate] = [
    tax_preparer, health_fraud, ponzi, drug_ring, corruption, card_hacking, identity_refunds,
    firearms, export_control,
]
TEMPLATES: list[StoryTemplate] = [*LOCAL_TEMPLATES, price_fixing, offshore_accounts, extradition]
