"""Invented names and figures for the generated releases (any likeness is coincidental)."""

from __future__ import annotations

from random import Random

FIRST = ["Dana", "Marcus", "Elena", "Roy", "Priya", "Gordon", "Teresa", "Walter", "Nadia",
         "Curtis", "Helen", "Victor", "Lorraine", "Omar", "Judith", "Franklin", "Irene", "Desmond",
         "Celia", "Harold", "Monique", "Stanley", "Yolanda", "Bernard", "Rosa", "Clifford"]
LAST = ["Whitlock", "Hale", "Okafor", "Brandt", "Castellano", "Pruitt", "Lindqvist", "Marsh",
        "Delacroix", "Kowalczyk", "Thibodeaux", "Ashby", "Reyes", "Faulkner", "Nakamura",
        "Osei", "Gallagher", "Vance", "Ruiz", "Sutter", "Abernathy", "Quintero", "Holloway"]
FIRMS = ["Cardinal Freight Lines", "Bluewater Components", "Meridian Polymers", "Tri-County Paving",
         "Northgate Capital Partners", "Halvorsen Marine Supply", "Sierra Ridge Energy",
         "Keystone Valve Works", "Pioneer Home Health", "Granite Peak Mining", "Lakeshore Dairy Co-op",
         "Atlas Avionics", "Redwood Diagnostics", "Copperline Cable", "Summit Auto Glass"]
TOWNS = ["Eastbrook", "Millford", "Cedar Hollow", "Port Ainsley", "Ravensdale", "Westmoor",
         "Harlan Falls", "Bellcreek", "Stonebridge", "Larkspur Heights"]
PRODUCTS = ["automotive wire harnesses", "ocean shipping services", "capacitors",
            "liquid crystal display panels", "ready-mix concrete", "packaged ice",
            "freight forwarding services", "air cargo services", "aluminum extrusions"]
DRUGS = ["methamphetamine", "heroin", "cocaine", "fentanyl", "oxycodone pills"]
EXPORTS = [("carbon fiber", "Iran"), ("military-grade night vision scopes", "Venezuela"),
           ("aircraft parts", "Iran"), ("specialized lathes", "Syria"),
           ("radiation-hardened microchips", "North Korea")]
AGENCIES = ["the FBI", "the IRS Criminal Investigation", "the Drug Enforcement Administration",
            "Homeland Security Investigations", "the U.S. Postal Inspection Service",
            "the Department of Health and Human Services Office of Inspector General",
            "the Bureau of Alcohol, Tobacco, Firearms and Explosives", "the U.S. Secret Service"]


def person(rng: Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def millions(rng: Random, low: int, high: int) -> str:
    return f"${rng.randint(low, high)}.{rng.randint(1, 9)} million"
