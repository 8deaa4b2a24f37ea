"""Agency names → member countries: the reference file, the matcher, and refusing bad data."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from pipelines.reference_files import ROSTER_CSV
from pipelines.tagging import CodebookError
from pipelines.tagging.agencies import AGENCIES_YAML, AgencyMatcher, AgencyTable
from pipelines.tagging.roster import Roster


@pytest.fixture(scope="module")
def matcher() -> AgencyMatcher:
    return AgencyMatcher.from_reference()


def found(matcher: AgencyMatcher, text: str, source: str | None = None) -> list[tuple]:
    return [(m.code, m.name, text[m.start : m.end]) for m in matcher.find(text, source)]


def test_reference_file_has_a_version_and_covers_every_member(matcher):
    roster = set(Roster.from_csv(ROSTER_CSV).codes())
    data = yaml.safe_load(AGENCIES_YAML.read_text(encoding="utf-8"))
    assert matcher.table.version == data["version"]
    assert len(roster) == 55 and "XK" in roster
    assert {a.code for a in matcher.table.agencies if a.code} == roster
    assert set(matcher.table.before.values()) == roster  # every member can qualify a name
    assert all(a.source for a in matcher.table.agencies)


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        # The brief's three examples; the bare Bundeskriminalamt is DE or AT (Vienna has one).
        (
            "the Bundeskriminalamt arrested him",
            None,
            [(None, "Bundeskriminalamt", "Bundeskriminalamt")],
        ),
        (
            "the German Bundeskriminalamt arrested him",
            None,
            [("DE", "Bundeskriminalamt", "German Bundeskriminalamt")],
        ),
        ("the BKA Wiesbaden", None, [("DE", "Bundeskriminalamt (Germany)", "BKA Wiesbaden")]),
        ("the Austrian BKA", None, [("AT", "Bundeskriminalamt", "Austrian BKA")]),
        ("HSI agents searched", "doj", [("US", "Homeland Security Investigations", "HSI")]),
        (
            "with assistance from the Australian Federal Police",
            None,
            [("AU", "Australian Federal Police", "Australian Federal Police")],
        ),
        # NBI: PH, FI or HU.
        ("the NBI raided", None, [(None, "National Bureau of Investigation", "NBI")]),
        (
            "Philippine NBI agents",
            None,
            [("PH", "National Bureau of Investigation (Philippines)", "Philippine NBI")],
        ),
        (
            "the Finnish NBI",
            None,
            [("FI", "National Bureau of Investigation (Finland)", "Finnish NBI")],
        ),
        (
            "Hungary's National Bureau of Investigation",
            None,
            [
                (
                    "HU",
                    "National Bureau of Investigation",
                    "Hungary's National Bureau of Investigation",
                )
            ],
        ),
        # Federal / National / State Police.
        ("the Federal Police said", "eu", [(None, "Federal Police", "Federal Police")]),
        (
            "the Belgian Federal Police",
            None,
            [("BE", "Belgian Federal Police", "Belgian Federal Police")],
        ),
        (
            "the Swiss Federal Police",
            None,
            [("CH", "Federal Office of Police (fedpol)", "Swiss Federal Police")],
        ),
        ("the National Police said", None, [(None, "National Police", "National Police")]),
        ("Spanish National Police", None, [("ES", "Policía Nacional", "Spanish National Police")]),
        (
            "the National Police of Spain",
            None,
            [("ES", "Policía Nacional", "National Police of Spain")],
        ),
        ("the Dutch National Police", None, [("NL", "Nationale Politie", "Dutch National Police")]),
        (
            "the National Police of Ukraine",
            None,
            [("UA", "National Police of Ukraine", "National Police of Ukraine")],
        ),
        (
            "the Latvian State Police",
            None,
            [("LV", "State Police (Latvia)", "Latvian State Police")],
        ),
        ("the State Police", None, [(None, "State Police", "State Police")]),
        (
            "the Michigan State Police",
            None,
            [("US", "US state police and investigation bureaus", "Michigan State Police")],
        ),
        (
            "New Mexico State Police",
            None,
            [("US", "US state police and investigation bureaus", "New Mexico State Police")],
        ),
        (
            "the Georgia Bureau of Investigation",
            "eu",
            [
                (
                    "US",
                    "US state police and investigation bureaus",
                    "Georgia Bureau of Investigation",
                )
            ],
        ),
        (
            "the Victoria Police",
            None,
            [("AU", "Australian state and territory police", "Victoria Police")],
        ),
        (
            "the Victoria Police Department",
            None,
            [("CA", "Canadian municipal police", "Victoria Police Department")],
        ),
        # DOJ, Attorney General, Home Office, DPP, Crown: settled by the source.
        (
            "the Department of Justice announced",
            "doj",
            [("US", "Department of Justice", "Department of Justice")],
        ),
        (
            "the Department of Justice announced",
            "eu",
            [(None, "Department of Justice", "Department of Justice")],
        ),
        (
            "the Department of Justice Canada",
            "doj",
            [("CA", "Department of Justice Canada", "Department of Justice Canada")],
        ),
        (
            "the Philippine Department of Justice",
            "doj",
            [("PH", "Department of Justice (Philippines)", "Philippine Department of Justice")],
        ),
        ("the Attorney General said", "doj", [("US", "Attorney General", "Attorney General")]),
        ("the Attorney General said", "govuk", [("GB", "Attorney General", "Attorney General")]),
        ("the Attorney General said", None, [(None, "Attorney General", "Attorney General")]),
        (
            "the Attorney General of Cyprus",
            "doj",
            [("CY", "Attorney General", "Attorney General of Cyprus")],
        ),
        ("the Home Office", None, [("GB", "Home Office", "Home Office")]),
        (
            "the Director of Public Prosecutions",
            "govuk",
            [("GB", "Director of Public Prosecutions", "Director of Public Prosecutions")],
        ),
        ("the DPP", "doj", [(None, "Director of Public Prosecutions", "DPP")]),
        (
            "the Crown Prosecution Service",
            "govuk",
            [("GB", "Crown Prosecution Service", "Crown Prosecution Service")],
        ),
        ("the CPS charged him", "govuk", [("GB", "CPS", "CPS")]),
        ("the CPS charged him", None, [(None, "CPS", "CPS")]),
        ("Border Force officers", "govuk", [("GB", "Border Force", "Border Force")]),
        (
            "the Australian Border Force",
            "govuk",
            [("AU", "Australian Border Force", "Australian Border Force")],
        ),
        # NCA: the UK agency in every named source; SK and GH use other names.
        ("the NCA arrested", "govuk", [("GB", "National Crime Agency (NCA)", "NCA")]),
        ("the NCA arrested", None, [(None, "National Crime Agency (NCA)", "NCA")]),
        (
            "the National Criminal Agency",
            None,
            [("SK", "National Criminal Agency (NAKA)", "National Criminal Agency")],
        ),
        (
            "the National Communications Authority",
            None,
            [
                (
                    "GH",
                    "National Communications Authority (Ghana)",
                    "National Communications Authority",
                )
            ],
        ),
        # ICE, CID, ICAC, Georgia.
        ("ICE agents", "doj", [("US", "ICE", "ICE")]),
        ("ICE agents", None, [(None, "ICE", "ICE")]),
        ("the BC ICE unit", "doj", [("CA", "Integrated Child Exploitation units", "BC ICE unit")]),
        ("Army CID agents", None, [("US", "U.S. Army Criminal Investigation Command", "Army CID")]),
        ("CID officers", "govuk", [("GB", "CID", "CID")]),
        (
            "the TICAC",
            None,
            [("TH", "Thailand Internet Crimes Against Children Task Force", "TICAC")],
        ),
        (
            "the Supreme Court of Georgia",
            None,
            [(None, "Supreme Court of Georgia", "Supreme Court of Georgia")],
        ),
        (
            "Georgian police",
            None,
            [("GE", "Ministry of Internal Affairs of Georgia", "Georgian police")],
        ),
        # Longest match, and written forms over generic patterns.
        ("the Dutch National Police", "eu", [("NL", "Nationale Politie", "Dutch National Police")]),
        (
            "National Police Chiefs' Council",
            None,
            [("GB", "National Police Chiefs' Council", "National Police Chiefs' Council")],
        ),
        (
            "the Tokyo Metropolitan Police Department",
            None,
            [("JP", "Japanese prefectural police", "Tokyo Metropolitan Police Department")],
        ),
        (
            "the Helsinki Police Department",
            None,
            [("FI", "Finnish Police", "Helsinki Police Department")],
        ),
        (
            "Ukraine's Cyber Police Department",
            None,
            [("UA", "Cyber Police Department (Ukraine)", "Cyber Police Department")],
        ),
        # Case-sensitive forms.
        ("afp and ice and nca", "doj", []),
        ("AFP officers", None, [("AU", "Australian Federal Police", "AFP")]),
        ("Kripos and KRIPOS", None, [("NO", "Kripos", "Kripos"), ("NO", "Kripos", "KRIPOS")]),
        (
            "the Garda and the Gardaí",
            None,
            [("IE", "An Garda Síochána", "Garda"), ("IE", "An Garda Síochána", "Gardaí")],
        ),
        (
            "Polizia Postale",
            None,
            [("IT", "Polizia Postale e delle Comunicazioni", "Polizia Postale")],
        ),
        ("the Carabinieri", None, [(None, "Carabinieri", "Carabinieri")]),
        ("the Italian Carabinieri", None, [("IT", "Arma dei Carabinieri", "Italian Carabinieri")]),
        ("the KNPA", None, [("KR", "Korean National Police Agency", "KNPA")]),
        ("the PNP", None, [("PH", "Philippine National Police", "PNP")]),
        ("the Politie", None, [("NL", "Nationale Politie", "Politie")]),
        ("Polisen", None, [("SE", "Swedish Police Authority", "Polisen")]),
        # Renamed bodies keep their member.
        (
            "SOCA and CEOP",
            None,
            [
                ("GB", "Serious Organised Crime Agency", "SOCA"),
                ("GB", "CEOP Command of the NCA", "CEOP"),
            ],
        ),
        ("the KLPD", None, [("NL", "KLPD", "KLPD")]),
        ("the ACMA hotline", None, [("AU", "ACMA hotline", "ACMA hotline")]),
        (
            "the eSafety Commissioner",
            None,
            [("AU", "eSafety Commissioner", "eSafety Commissioner")],
        ),
        ("the Militsiya", None, [("UA", "Militsiya", "Militsiya")]),
        ("the PGR", None, [(None, "PGR", "PGR")]),
        ("the FGR", None, [("MX", "Fiscalía General de la República", "FGR")]),
        # US generic families (and the curly apostrophe of press releases).
        (
            "the Cook County Sheriff’s Office",
            None,
            [("US", "US county sheriffs", "Cook County Sheriff’s Office")],
        ),
        (
            "the St. Louis County Sheriff's Department",
            None,
            [("US", "US county sheriffs", "St. Louis County Sheriff's Department")],
        ),
        (
            "the McAllen Police Department",
            None,
            [("US", "US city and county police departments", "McAllen Police Department")],
        ),
        (
            "the Oklahoma County District Attorney's Office",
            None,
            [("US", "US district attorneys", "Oklahoma County District Attorney's Office")],
        ),
        (
            "the Texas Internet Crimes Against Children (ICAC) Task Force",
            None,
            [
                (
                    "US",
                    "Internet Crimes Against Children task forces",
                    "Texas Internet Crimes Against Children (ICAC) Task Force",
                )
            ],
        ),
        ("the U.S. District Court", None, [("US", "U.S. federal courts", "U.S. District Court")]),
        (
            "the District of New Mexico",
            None,
            [("US", "U.S. federal courts", "District of New Mexico")],
        ),
        # Other members' sub-national forces.
        ("LKA Bayern", None, [("DE", "Landeskriminalämter and Land police", "LKA Bayern")]),
        ("the LKA said", None, [(None, "Landeskriminalamt", "LKA")]),
        (
            "Kantonspolizei Zürich",
            None,
            [("CH", "Swiss cantonal and city police", "Kantonspolizei Zürich")],
        ),
        (
            "Thames Valley Police",
            None,
            [("GB", "Territorial police forces of England and Wales", "Thames Valley Police")],
        ),
        (
            "the Antwerp police zone",
            None,
            [("BE", "Belgian local police zones", "Antwerp police zone")],
        ),
        (
            "the Mossos d'Esquadra",
            None,
            [("ES", "Spanish regional and local police", "Mossos d'Esquadra")],
        ),
        (
            "the Ontario Provincial Police",
            None,
            [("CA", "Canadian provincial police", "Ontario Provincial Police")],
        ),
        (
            "the Queensland Police Service",
            None,
            [("AU", "Australian state and territory police", "Queensland Police Service")],
        ),
        (
            "the Sarajevo Canton Ministry of Interior",
            None,
            [
                (
                    "BA",
                    "Cantonal ministries of interior (FBiH)",
                    "Sarajevo Canton Ministry of Interior",
                )
            ],
        ),
        # Generic words count only when a member's qualifier settles them.
        ("police arrested a man", None, []),
        ("Dutch police arrested a man", None, [("NL", "Police", "Dutch police")]),
        (
            "the Ministry of Justice of Georgia",
            None,
            [("GE", "Ministry of Justice", "Ministry of Justice of Georgia")],
        ),
        (
            "the Ministry of Justice",
            "govuk",
            [("GB", "Ministry of Justice", "Ministry of Justice")],
        ),
        ("the Ministry of Justice", "eu", []),
        ("New Mexico police", None, [("US", "Police", "New Mexico police")]),
        ("Northern Irish police", None, [("GB", "Police", "Northern Irish police")]),
    ],
)
def test_sentences(matcher, text, source, expected):
    assert found(matcher, text, source) == expected


@pytest.mark.parametrize(
    "text",
    ["Europol", "NCMEC", "the IWF", "EC3", "INTERPOL", "the Lithuanian Presidency", "Child Focus"],
)
def test_named_bodies_that_are_not_members(matcher, text):
    [mention] = matcher.find(text)
    assert (mention.member, mention.code, mention.candidates) == (False, None, ())


def test_a_national_bureau_of_interpol_is_its_country(matcher):
    assert [m.code for m in matcher.find("INTERPOL Washington and INTERPOL")] == ["US", None]


def test_candidates_and_order_of_mentions(matcher):
    text = "Europol, the NBI and HSI worked with the Spanish National Police."
    mentions = matcher.find(text, "eu")
    assert [text[m.start : m.end] for m in mentions] == [
        "Europol",
        "NBI",
        "HSI",
        "Spanish National Police",
    ]
    assert mentions[1].candidates == ("PH", "FI", "HU") and mentions[1].code is None
    assert mentions[2].candidates == ("US",) and mentions[2].kind == "police"


def test_the_issuers_default_keeps_the_candidates_a_qualifier_narrows_them(matcher):
    [by_issuer] = matcher.find("the NCA", "govuk")
    [qualified] = matcher.find("the Slovak NCA", "govuk")
    assert (by_issuer.code, by_issuer.candidates) == ("GB", ("GB", "SK", "GH"))
    assert (qualified.code, qualified.candidates) == ("SK", ("SK",))


def test_a_default_follows_the_sources_issuer_not_its_name(matcher):
    """The Attorney General is the US one in a DOJ release, the UK one on GOV.UK (the registry's
    issuers), and settles nothing where no member speaks (the Commission) or the source is unknown."""
    codes = {source: matcher.find("the Attorney General said", source)[0].code
             for source in ("doj", "govuk", "eu", None)}
    assert codes == {"doj": "US", "govuk": "GB", "eu": None, None: None}


def test_spaces_in_a_form_match_any_white_space(matcher):
    assert found(matcher, "the Australian\nFederal  Police") == [
        ("AU", "Australian Federal Police", "Australian\nFederal  Police")
    ]


def test_renamed_bodies_carry_their_dates(matcher):
    by_name = {a.name: a for a in matcher.table.agencies}
    assert by_name["Serious Organised Crime Agency"].until == "2013-10-07"
    assert by_name["National Crime Agency"].since == "2013-10-07"
    assert by_name["KLPD"].until == by_name["Nationale Politie"].since == "2013-01-01"
    assert by_name["eSafety Commissioner"].since == "2015-07"


# --- malformed files -------------------------------------------------------------------------

ROSTER = ["AU", "GB", "NO", "US"]
GOOD = {
    "version": "1",
    "words": {"state": ["Ohio", "Texas"], "name_word": "[A-Z][a-z]+"},
    "qualifiers": {"AU": {"before": ["Australian"]}, "GB": {"before": ["British"]}},
    "members": {
        "AU": [{"name": "AFP", "kind": "police", "forms": ["AFP"], "source": "s"}],
        "US": [
            {
                "name": "FBI",
                "kind": "police",
                "forms": ["FBI", "{state} State Police"],
                "patterns": ["{name_word} County Sheriff's Office"],
                "source": "s",
            }
        ],
    },
    "ambiguous": [
        {
            "name": "Federal Police",
            "kind": "police",
            "forms": ["Federal Police"],
            "candidates": ["AU", "GB"],
            "default_by_issuer": {"GB": "GB"},
            "source": "s",
        }
    ],
    "not_members": [{"name": "Europol", "kind": "police", "forms": ["Europol"], "source": "s"}],
}


def refused(tmp_path: Path, data) -> str:
    path = tmp_path / "agencies.yaml"
    text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as err:
        AgencyTable.from_yaml(path, ROSTER)
    message = str(err.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


def changed(edit) -> dict:
    data = copy.deepcopy(GOOD)
    edit(data)
    return data


def test_the_small_file_loads(tmp_path):
    path = tmp_path / "agencies.yaml"
    path.write_text(yaml.safe_dump(GOOD), encoding="utf-8")
    matcher = AgencyMatcher(AgencyTable.from_yaml(path, ROSTER))
    text = "Ohio State Police, the Lake County Sheriff's Office, the British Federal Police"
    assert [m.code for m in matcher.find(text)] == ["US", "US", "GB"]


@pytest.mark.parametrize(
    ("data", "place", "what"),
    [
        ("version: [unclosed\n", "invalid YAML at line", ""),
        ("- a list\n", "top level", "expected a mapping"),
        (changed(lambda d: d.pop("version")), "version", "is missing"),
        (changed(lambda d: d.update(extra=1)), "top level", "unknown keys ['extra']"),
        (changed(lambda d: d["members"].update(XX=[])), "members.XX", "not a member code"),
        ('version: "1"\nmembers:\n  NO: []\n', "members[False]", "quote NO"),
        (
            changed(lambda d: d["members"]["AU"][0].update(kind="army")),
            "members.AU[0].kind",
            "expected one of",
        ),
        (
            changed(lambda d: d["members"]["AU"][0].pop("source")),
            "members.AU[0].source",
            "is missing",
        ),
        (
            changed(lambda d: d["members"]["AU"][0].update(form=["x"])),
            "members.AU[0]",
            "unknown keys ['form']",
        ),
        (
            changed(lambda d: d["members"]["AU"][0].update(forms=[])),
            "members.AU[0]",
            "needs `forms` or `patterns`",
        ),
        (
            changed(lambda d: d["members"]["AU"][0].update(forms=["FBI"])),
            "members.US[0].forms[0]",
            "'FBI' is already a form of 'AFP' (AU)",
        ),
        (
            changed(lambda d: d["not_members"][0].update(forms=["AFP"])),
            "not_members[0].forms[0]",
            "already a form of 'AFP' (AU)",
        ),
        (
            changed(lambda d: d["members"]["AU"][0].update(until="2013-13")),
            "members.AU[0].until",
            "expected YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        (
            changed(lambda d: d["members"]["AU"][0].update({"from": "2015", "until": "2013"})),
            "members.AU[0].until",
            "is before",
        ),
        (
            changed(lambda d: d["members"]["US"][0].update(patterns=["{name_word} Coun(ty"])),
            "members.US[0].patterns[0]",
            "invalid regex",
        ),
        (
            changed(lambda d: d["members"]["US"][0].update(patterns=["{nobody} Sheriff"])),
            "members.US[0].patterns[0]",
            "unknown placeholder {nobody}",
        ),
        (
            changed(lambda d: d["members"]["US"][0].update(patterns=["{name_word}(?: PD)"])),
            "members.US[0].patterns[0]",
            "needs a literal",
        ),
        (
            changed(lambda d: d["members"]["US"][0].update(patterns=["Sheriff|Marshal"])),
            "members.US[0].patterns[0]",
            "inside a group",
        ),
        (
            changed(lambda d: d["members"]["US"][0].update(forms=["{name_word} Police"])),
            "members.US[0].forms[0]",
            "not a word list",
        ),
        (
            changed(lambda d: d["words"].update(name_word="[A-Z")),
            "words.name_word",
            "invalid regex",
        ),
        (
            changed(lambda d: d["ambiguous"][0].update(candidates=["AU"])),
            "ambiguous[0].candidates",
            "two or more candidates",
        ),
        (
            changed(lambda d: d["ambiguous"][0].update(candidates=["AU", "FR"])),
            "ambiguous[0].candidates[1]",
            "'FR' is not a member code",
        ),
        (
            changed(lambda d: d["ambiguous"][0].update(default_by_issuer={"bbc": "GB"})),
            "ambiguous[0].default_by_issuer",
            "'bbc' is neither a member code nor 'none'",
        ),
        (
            changed(lambda d: d["ambiguous"][0].update(default_by_issuer={"US": "US"})),
            "ambiguous[0].default_by_issuer.US",
            "not one of the candidates",
        ),
        (
            changed(lambda d: d["ambiguous"][0].update(bare="no")),
            "ambiguous[0].bare",
            "true or false",
        ),
        (
            changed(lambda d: d["qualifiers"]["GB"].update(before=["Australian"])),
            "qualifiers.GB.before",
            "'Australian' already qualifies AU",
        ),
        (
            changed(lambda d: d["not_members"][0].update(forms=["(Europol)"])),
            "not_members[0].forms[0]",
            "must start with a letter or digit",
        ),
    ],
)
def test_malformed_files_are_refused_in_one_line(tmp_path, data, place, what):
    message = refused(tmp_path, data)
    assert place in message and what in message
