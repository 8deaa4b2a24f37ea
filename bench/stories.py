"""Relevant releases for the benchmark corpus: the share of both sources that concerns the sexual
abuse of children online. Invented people and places; wording written for the benchmark.

Each template takes a Random and returns (title, paragraphs); the corpus puts them in a page or a
Press Corner document. The phrasing is varied enough that relevance, members and goals all get
tags, without aiming at any one codebook rule.
"""

from __future__ import annotations

from random import Random

from spiders.doj.replica_names import TOWNS, person

# Alliance members that both press offices name often (country names are facts, not text).
COUNTRIES = ["Germany", "France", "the Netherlands", "Romania", "the Philippines", "Thailand",
             "Cambodia", "the United Kingdom", "Spain", "Italy", "Poland", "Ghana", "Japan",
             "Australia", "New Zealand", "Sweden", "Denmark", "Ukraine", "Nigeria", "Croatia"]
AGENCIES = ["Homeland Security Investigations", "the FBI", "the U.S. Postal Inspection Service",
            "the Internet Crimes Against Children Task Force"]


def _countries(rng: Random, count: int) -> str:
    chosen = rng.sample(COUNTRIES, count)
    return ", ".join(chosen[:-1]) + f" and {chosen[-1]}"


def doj_sentencing(rng: Random) -> tuple[str, list[str]]:
    name, town, years = person(rng), rng.choice(TOWNS), rng.randint(7, 35)
    return (f"{town} Man Sentenced to {years} Years for Distributing Child Sexual Abuse Material", [
        (f"{name}, {rng.randint(24, 61)}, of {town}, was sentenced today to {years} years in federal "
         "prison for distributing and possessing images of the sexual abuse of children."),
        (f"According to court records, investigators from {rng.choice(AGENCIES)} traced files shared "
         f"over a peer-to-peer network to a computer in {name.split()[1]}'s home. A search warrant "
         f"recovered more than {rng.randint(300, 9000)} images and videos."),
        (f"Analysts identified {rng.randint(2, 14)} of the children depicted, and victim specialists "
         "are providing support to them and their families."),
        ("The case was brought as part of Project Safe Childhood, a nationwide initiative launched in "
         "2006 to combat the growing epidemic of child sexual exploitation and abuse."),
    ])


def doj_operation(rng: Random) -> tuple[str, list[str]]:
    arrests = rng.randint(20, 340)
    return (f"International Operation Leads to {arrests} Arrests of Online Child Predators", [
        (f"Law enforcement partners in {_countries(rng, 3)} arrested {arrests} people in a "
         "coordinated operation against a network that traded abuse images of children."),
        (f"Investigators rescued {rng.randint(3, 60)} children who had been sexually abused by "
         "members of the network, and the servers hosting its message board were taken down."),
        ("Europol coordinated the exchange of evidence, and the case relied on mutual legal "
         "assistance between the participating countries."),
        "\"Borders do not protect those who exploit children online,\" said the Attorney General.",
    ])


def doj_outreach(rng: Random) -> tuple[str, list[str]]:
    schools = rng.randint(8, 70)
    return ("U.S. Attorney's Office Brings Internet Safety Presentations to Local Schools", [
        (f"Prosecutors and agents gave internet safety presentations at {schools} schools in "
         f"{rng.choice(TOWNS)} and neighbouring counties this spring."),
        ("The sessions warn students and parents about online predators, sextortion and the "
         "sharing of explicit images, and explain how to report abuse to the CyberTipline."),
        (f"\"Awareness is the first defence of children online,\" said {person(rng)}, the office's "
         "Project Safe Childhood coordinator."),
    ])


def doj_alliance(rng: Random) -> tuple[str, list[str]]:
    return ("Justice Department Joins Partners in Global Alliance Against Child Sexual Abuse Online", [
        ("The Attorney General met ministers from the European Union and partner countries to review "
         "the Global Alliance against Child Sexual Abuse Online."),
        (f"Delegations from {_countries(rng, 4)} reported on steps taken to identify victims, to "
         "prosecute offenders and to reduce the availability of abuse material on the internet."),
        ("The United States committed to increase the number of victims identified in the "
         "International Child Sexual Exploitation database by 10 percent a year."),
    ])


def eu_alliance(rng: Random) -> tuple[str, list[str]]:
    return ("Global Alliance against Child Sexual Abuse Online: Commission reports on progress", [
        ("The European Commission today published a report on how members of the Global Alliance "
         "against Child Sexual Abuse Online are meeting their commitments."),
        (f"{_countries(rng, 3)} have increased the number of child victims identified and the "
         "support offered to them."),
        ("Member states agreed to raise awareness among children and parents of the risks online "
         "and to remove child sexual abuse material hosted on their territory faster."),
        "The Commission will host the next ministerial meeting to take stock of these pledges.",
    ])


def eu_directive(rng: Random) -> tuple[str, list[str]]:
    late = _countries(rng, 2)
    return ("Child sexual abuse: Commission calls on member states to transpose the Directive", [
        ("The Commission has asked member states to complete the transposition of Directive "
         "2011/93/EU on combating the sexual abuse and sexual exploitation of children."),
        (f"{late} have not yet notified full transposition; the Commission may refer them to the "
         "Court of Justice."),
        ("The Directive makes grooming a criminal offence and requires the prompt removal of web "
         "pages containing child sexual abuse material."),
    ])


def eu_safer_internet(rng: Random) -> tuple[str, list[str]]:
    return ("Safer Internet Day: helping children stay safe online", [
        (f"Events in {_countries(rng, 3)} mark Safer Internet Day with awareness campaigns for "
         "children, parents and teachers."),
        ("The Safer Internet Centres run helplines and hotlines where illegal content such as child "
         "sexual abuse images can be reported; the INHOPE network passes reports to the police."),
        f"Last year the hotlines received {rng.randint(20, 90)},000 reports of abuse material.",
    ])


DOJ_TEMPLATES = [doj_sentencing, doj_sentencing, doj_operation, doj_outreach, doj_alliance]
EU_TEMPLATES = [eu_alliance, eu_directive, eu_safer_internet]
