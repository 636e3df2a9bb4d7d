"""Legal facts in raio's catalogs, checked against what the law fixes.

Each test holds one fact a regulatory-affairs review verified against the regulation's text, so a
later edit of the catalog cannot silently undo it.
"""

from __future__ import annotations

import datetime as dt

from raio_cli.catalog import compliance_catalog, regulatory_dates


def _dates() -> dict[str, dict]:
    return {e["id"]: e for e in regulatory_dates()}


def test_mdr_date_of_application_cites_the_amendment_that_set_it():
    """MDR Art 123(2) as published in 2017 says 26 May 2020; Regulation (EU) 2020/561 moved it
    to 26 May 2021. The catalog's date is the amended one, so its source must name the amendment
    (a reader who opens the 2017 text alone finds the other date)."""
    entry = _dates()["mdr-date-of-application"]
    assert entry["date"] == dt.date(2021, 5, 26)
    assert "Art 123(2)" in entry["source"]
    assert "2020/561" in entry["source"] and "2020/561" in entry["article"]
    assert entry["source_url"].endswith("CELEX:32020R0561")


def test_moved_dates_link_to_the_act_that_moved_them():
    """An entry that replaces a date cites the amending act, not the act whose date it replaces:
    Regulation 2024/1689 as published says 2 Aug 2026 (Annex III) and 2 Aug 2027 (Annex I), so a
    link to it cannot be the source of 2 Dec 2027 or 2 Aug 2028."""
    entries = _dates()
    moved = [e for e in entries.values() if e.get("replaces")]
    assert moved
    for entry in moved:
        old = entries[entry["replaces"]]
        assert entry["source_url"] != old["source_url"], entry["id"]
        assert "Regulation (EU) 2026/1744" in entry["source"] and "2025/0359(COD)" in entry["source"], entry["id"]
        assert entry["source_url"] == "https://eur-lex.europa.eu/eli/reg/2026/1744/oj", entry["id"]
        assert entry["source"].startswith("Digital Omnibus on AI (2026):"), entry["id"]
        assert entry["pending_publication"] is False, entry["id"]


def test_ai_literacy_says_what_art_4_asks_since_the_omnibus():
    """Regulation (EU) 2026/1744 reworded AI Act Art 4: providers and deployers take measures
    that support their staff's AI literacy, where the 2024 text asked them to ensure a sufficient
    level. The date (2 February 2025) did not move. The checklist item asks for a record of the
    measures, which both wordings are met by."""
    entry = _dates()["ai-act-ai-literacy"]
    assert entry["date"] == dt.date(2025, 2, 2) and entry["status"] == "applicable"
    assert "2026/1744" in entry["article"] and "2026/1744" in entry["source"]
    note = " ".join(entry["note"].split())
    assert "taking measures that support it" in note and "did not move the date" in note
    item = compliance_catalog()["ai-literacy"]
    assert item["source"].endswith("Art 4, as amended by Regulation (EU) 2026/1744")
    assert "measures taken" in " ".join(item["description_en"].split())


def test_log_retention_says_what_art_26_6_says():
    """AI Act Art 26(6): logs are kept 'for a period appropriate to the intended purpose ... of
    at least six months, unless provided otherwise in applicable Union or national law, in
    particular in Union law on the protection of personal data'. Other law can set another
    period either way, not only a longer one."""
    item = compliance_catalog()["log-retention"]
    assert item["source"].endswith("Art 26(6)")
    text = " ".join(item["description_en"].split())
    assert "at least six months" in text and "appropriate to the intended purpose" in text
    assert "unless Union or national law" in text and "longer where" not in text
    assert item["retention_after_use_months"] == 6


def test_bsn_rule_cites_the_law_on_identification_numbers():
    """A BSN is not a special category of data in itself: GDPR Art 87 leaves the national
    identification number to the Member States, and the Uitvoeringswet AVG Art 46 limits its use
    to the law that prescribes it. `raio rule PRV001` must cite those, not Art 9 alone."""
    from raio_cli.rules import load_all

    doc = " ".join(load_all()["PRV001"].doc().split())
    assert "Art 87" in doc and "Uitvoeringswet AVG (Art 46" in doc
    assert "a personal-data breach (GDPR Art 9" not in doc


def test_checklist_cites_every_article_the_domain_notes_list():
    """The domain notes list, as checklist items with their articles: MDR Art 19, 20, 27 (UDI),
    29 and 33 (registration, EUDAMED), Annex VIII Rule 11; GDPR Art 6 and 9(2)(h) (lawful basis),
    Art 28, Art 30 (records of processing), Art 35 (DPIA), Art 22 (automated decisions); AI Act
    Art 4, 26(1), (2), (4), (5), (6), (7), (9), 27. Each must be cited by an item's source."""
    items = compliance_catalog()
    ce = items["ce-certificate"]["source"]
    for article in ("Art 19", "Art 20", "Art 27", "Art 29", "Art 33", "Rule 11"):
        assert article in ce, article
    dpia = " ".join(items["dpia"]["source"].split())
    for article in ("Art 35(1)", "Art 6(1)", "Art 9(2)(h)", "Art 30", "Art 22", "Art 26(9)"):
        assert article in dpia, article
    assert dpia.startswith("GDPR")
    assert "Art 28" in items["processor-agreement"]["source"]
    assert "Regulation 2024/1689) Art 4" in items["ai-literacy"]["source"]
    for item_id, article in (("instructions-for-use", "Art 26(1)"), ("human-oversight", "Art 26(2)"),
                             ("input-data", "Art 26(4)"), ("monitoring-incident-route", "Art 26(5)"),
                             ("log-retention", "Art 26(6)"), ("works-council", "Art 26(7)"),
                             ("fria", "Art 27")):
        assert article in items[item_id]["source"], item_id


def test_ai_act_dates_cite_the_article_that_sets_them():
    """AI Act Art 113: in force on the twentieth day after publication (1 Aug 2024); applies from
    2 Aug 2026; Chapters I and II (Art 4 literacy, Art 5 prohibitions) from 2 Feb 2025 (point
    (a)); Art 6(1) and its obligations from 2 Aug 2027 (point (c))."""
    entries = _dates()
    expected = {
        "ai-act-entry-into-force": (dt.date(2024, 8, 1), "Art 113"),
        "ai-act-ai-literacy": (dt.date(2025, 2, 2), "Art 113(a)"),
        "ai-act-prohibitions": (dt.date(2025, 2, 2), "Art 113(a)"),
        "ai-act-general-application": (dt.date(2026, 8, 2), "Art 113"),
        "ai-act-annex-iii-high-risk-2026": (dt.date(2026, 8, 2), "Art 113"),
        "ai-act-annex-i-high-risk-2027": (dt.date(2027, 8, 2), "Art 113(c)"),
    }
    for entry_id, (day, article) in expected.items():
        entry = entries[entry_id]
        assert entry["date"] == day, entry_id
        assert article in entry["article"] and article in entry["source"], entry_id
        assert entry["source_url"].endswith("CELEX:32024R1689"), entry_id
    assert "Art 4" in entries["ai-act-ai-literacy"]["article"]
    assert "Art 5" in entries["ai-act-prohibitions"]["article"]
    assert "Art 6(1)" in entries["ai-act-annex-i-high-risk-2027"]["article"]
    assert "Annex III" in entries["ai-act-annex-iii-high-risk-2026"]["article"]


def test_art_4_is_quoted_as_worded_on_the_day_asked():
    """The Digital Omnibus on AI (Regulation (EU) 2026/1744) entered into force on 27 July 2026
    (as this catalog records it); before that day Art 4 read as published in 2024. The catalog
    says which wording applies from which date, and the checklist item's basis follows the same
    dates, so no day before the amendment is quoted with it."""
    omnibus = _dates()["ai-act-annex-i-high-risk"]["adoption"]["in_force"]
    omnibus = omnibus if isinstance(omnibus, dt.date) else dt.date.fromisoformat(str(omnibus))
    assert omnibus == dt.date(2026, 7, 27)
    before, after = omnibus - dt.timedelta(days=1), omnibus
    for day, amended in ((dt.date(2025, 12, 15), False), (before, False), (after, True)):
        entry = {e["id"]: e for e in regulatory_dates(on=day)}["ai-act-ai-literacy"]
        assert entry["date"] == dt.date(2025, 2, 2)
        assert ("2026/1744" in entry["article"]) is amended and ("2026/1744" in entry["source"]) is amended
        assert "Art 4" in entry["article"] and "Art 113(a)" in entry["article"]
    from raio_cli.catalog import worded_on

    item = compliance_catalog()["ai-literacy"]
    assert [w["from"] for w in item["wordings"]] == [dt.date(2025, 2, 2), omnibus]
    assert worded_on(item, before)["source"] == "EU AI Act (Regulation 2024/1689) Art 4"
    assert worded_on(item, after)["source"].endswith("Art 4, as amended by Regulation (EU) 2026/1744")


def test_expired_certificate_rule_knows_certificates_under_the_former_directive():
    """MDR Art 120(2) as amended by Regulation (EU) 2023/607 (OJ L 80, 20.3.2023): a certificate
    issued under Directive 93/42/EEC (MDD) that was valid on 26 May 2021 stays valid by law after
    the date printed on it, until the end dates of Art 120(3a), where the manufacturer meets the
    conditions of Art 120(3c). Much radiology software is still on the market on such a
    certificate: `raio rule DAT007` must not tell the board that a passed printed date means the
    device may no longer be put into service, and the checklist item must cite Art 120."""
    from raio_cli.rules import load_all

    doc = " ".join(load_all()["DAT007"].doc().split())
    assert "Art 120" in doc and "2023/607" in doc and "93/42/EEC" in doc
    ce = " ".join(compliance_catalog()["ce-certificate"]["source"].split())
    assert "Art 120" in ce and "2023/607" in ce
    assert "Art 120" in " ".join(compliance_catalog()["ce-certificate"]["description_en"].split())


def test_high_risk_date_rules_name_the_transitional_rule_for_systems_already_in_use():
    """AI Act Art 111(2): the Regulation applies to operators (deployers included) of high-risk
    systems placed on the market or put into service before the date of application of
    Chapter III only if those systems are then significantly changed in their design; deployers
    of systems intended to be used by public authorities comply by 2 August 2030. DAT011 and
    DAT012 say the deployer duties apply by law from the high-risk dates, so they must name the
    exception, and how a dossier that relies on it records that."""
    from raio_cli.rules import load_all

    rules = load_all()
    for code in ("DAT011", "DAT012"):
        doc = " ".join(rules[code].doc().split())
        assert "Art 111(2)" in doc, code
        assert "significant" in doc and "public authorities" in doc, code


def test_an_amendment_is_said_to_bind_from_its_entry_into_force():
    """An amending regulation binds from its entry into force, which its own text fixes after
    publication in the Official Journal (Regulation (EU) 2026/1744: published 24 July 2026, in
    force 27 July 2026), not from the publication itself."""
    from raio_cli.rules import load_all

    doc = " ".join(load_all()["DAT011"].doc().split())
    assert "binds only once published" not in doc
    assert "entry into force" in doc


def test_example_portfolio_cites_the_current_edition_of_nen_7510():
    """The Besluit elektronische gegevensverwerking door zorgaanbieders (Stb. 2017, 446) Art 1
    and 3 require NEN 7510 without an edition year, so the edition in force applies: NEN
    7510:2024 replaced NEN 7510-1:2017+A1:2020 and NEN 7510-2:2017. The example portfolio that
    `raio demo` shows a board cited the replaced edition as the basis of its vendor check."""
    from pathlib import Path

    import yaml

    raio_yaml = Path(__file__).resolve().parent.parent / "examples" / "portfolio" / "raio.yaml"
    extra = {i["id"]: i for i in yaml.safe_load(raio_yaml.read_text(encoding="utf-8"))["policy"]["checklist_extra"]}
    source = extra["vendor-nen7510"]["source"]
    assert source.startswith("NEN 7510:2024") and "2017" not in source.split("(")[0]
