"""Generated, unrelated Commission documents: the everyday business of the Press Corner.

Invented wording and figures about ordinary policy fields (competition, trade, energy, research,
transport, agriculture...). generator.py dates them and gives them references.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

COMPANIES = ["Nordhavn Shipping", "Aurelia Chemicals", "Castelbranco Energia", "Vistula Steel",
             "Helvetia Freight", "Rhône Agro", "Baltica Telecom", "Iberlux Logistics"]
REGIONS = ["Andalusia", "Bavaria", "Lower Silesia", "Brittany", "Puglia", "North Brabant",
           "Upper Austria", "Central Macedonia"]


@dataclass(frozen=True)
class Release:
    kind: str  # IP, MEMO, SPEECH or STATEMENT
    title: str
    lead: str
    paragraphs: list[str]


def state_aid(rng: Random) -> Release:
    region, amount = rng.choice(REGIONS), rng.randint(20, 400)
    return Release(
        "IP", f"State aid: Commission approves €{amount} million support for rail freight in {region}",
        f"The European Commission has found a €{amount} million scheme supporting rail freight in "
        f"{region} to be in line with EU state aid rules.",
        [("The scheme will compensate operators for part of the infrastructure charges, helping to "
         "shift goods from road to rail."),
         ("The Commission concluded that the aid is necessary and proportionate, and that it will "
         "reduce emissions and congestion without unduly distorting competition."),
         ("The non-confidential version of the decision will be made available in the State Aid "
         "Register once confidentiality issues have been resolved.")])


def cartel_fine(rng: Random) -> Release:
    firms, fine = rng.sample(COMPANIES, 3), rng.randint(30, 900)
    return Release(
        "IP", f"Antitrust: Commission fines producers €{fine} million for price cartel",
        f"The Commission has fined {', '.join(firms)} a total of €{fine} million for "
        "coordinating prices in breach of EU antitrust rules.",
        [("The companies exchanged sensitive information and agreed on price increases over "
         "several years, to the detriment of customers across the single market."),
         (f"{firms[0]} received full immunity for revealing the cartel under the Commission's "
         "leniency programme."),
         ("Any person or firm affected by anti-competitive behaviour may bring the matter before "
         "the courts of the Member States and seek damages.")])


def research_calls(rng: Random) -> Release:
    amount = rng.choice([1.2, 2.5, 3.1, 4.8, 6.6])
    return Release(
        "IP", f"Commission invests €{amount} billion in research and innovation calls",
        f"The European Commission has opened calls for proposals worth €{amount} billion for "
        "research and innovation projects.",
        ["The calls cover clean energy, smart transport, health research and food security.",
         ("Small and medium-sized enterprises are encouraged to apply, alone or in consortia, "
         "through the Participant Portal."),
         "Evaluations by independent experts will take place in the months after the deadlines."])


def roaming(rng: Random) -> Release:
    cut = rng.randint(20, 60)
    return Release(
        "MEMO", "Roaming charges: what changes for travellers this summer",
        f"Caps on roaming charges fall by up to {cut}% this summer; this memo answers common "
        "questions.",
        [("Operators must inform customers by text message of the charges that apply when they "
         "cross a border."),
         "A data cut-off at €50 by default protects consumers from bill shocks.",
         "National regulators enforce the rules and handle complaints."])


def anti_dumping(rng: Random) -> Release:
    product = rng.choice(["solar glass", "ceramic tableware", "steel wire rod", "bicycles"])
    rate = rng.randint(12, 70)
    return Release(
        "IP", f"Trade: Commission imposes anti-dumping duties on imports of {product}",
        f"The Commission has imposed definitive anti-dumping duties of up to {rate}% on imports "
        f"of {product}.",
        [("The investigation found that the imports were sold below their normal value and "
         "caused material injury to EU producers."),
         "The duties will apply for five years."])


def fisheries(rng: Random) -> Release:
    stocks = rng.randint(20, 45)
    return Release(
        "IP", "Commission proposes fishing opportunities for the Atlantic and North Sea",
        f"The Commission has proposed catch limits for {stocks} fish stocks for next year.",
        [("The proposal follows scientific advice and aims to bring stocks to sustainable "
         "levels."),
         "Ministers will discuss the proposal at the December Fisheries Council."])


def energy_speech(rng: Random) -> Release:
    city = rng.choice(["Vienna", "Lisbon", "Tallinn", "Bratislava"])
    return Release(
        "SPEECH", f"Speech on the internal energy market at the {city} Energy Forum",
        "Completing the internal energy market will lower prices and strengthen security of "
        "supply.",
        ["Ladies and gentlemen, it is a pleasure to be here.",
         ("Interconnectors are the backbone of a market where electricity flows to where it is "
         "needed."),
         "We must also make sure that consumers can switch supplier easily and read their bills."])


def humanitarian(rng: Random) -> Release:
    amount = rng.randint(5, 60)
    country = rng.choice(["the Sahel region", "South Sudan", "Yemen", "Haiti"])
    return Release(
        "IP", f"EU announces €{amount} million in humanitarian aid for {country}",
        f"The European Union is providing €{amount} million in humanitarian assistance to people "
        f"affected by crisis in {country}.",
        ["The funding will provide food, clean water, shelter and health care.",
         "All EU humanitarian funding is channelled through partner organisations."])


def transport_safety(rng: Random) -> Release:
    fall = rng.randint(3, 12)
    return Release(
        "STATEMENT", "Statement on road safety figures",
        f"Road deaths in the EU fell by {fall}% last year, according to preliminary figures.",
        [("Progress is uneven across Member States, and more must be done to protect cyclists "
         "and pedestrians."),
         "The Commission will continue to support national road safety campaigns."])


TEMPLATES = [state_aid, cartel_fine, research_calls, roaming, anti_dumping, fisheries,
             energy_speech, humanitarian, transport_safety]
