"""Every reference of a built-in rule links to the publisher of the guidance it names.

`medlint rule ID` and SARIF's ``helpUri`` show these links to writers as the authority behind a
finding, so a summary on a law firm's blog, a news aggregator or a copy on someone else's site
is not good enough: the link goes to the regulator, the journal (or PubMed, PMC, a DOI) or the
professional body. A new host must be reviewed and added below, with whose it is.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from medlint.linter import Linter

# host (without "www.") -> the publisher whose guidance it holds
PUBLISHERS = {
    "fda.gov": "US Food and Drug Administration",
    "ftc.gov": "US Federal Trade Commission",
    "cancer.gov": "US National Cancer Institute (PDQ)",
    "nccih.nih.gov": "US National Center for Complementary and Integrative Health",
    "nhmrc.gov.au": "Australia's National Health and Medical Research Council",
    "pmc.ncbi.nlm.nih.gov": "PubMed Central (US National Library of Medicine)",
    "pubmed.ncbi.nlm.nih.gov": "PubMed (US National Library of Medicine)",
    "doi.org": "the DOI resolver, to the journal's own page",
    "n.neurology.org": "Neurology, the journal of the American Academy of Neurology",
    "thelancet.com": "The Lancet journals",
    "cell.com": "Cell Press journals (Stem Cell Reports)",
    "closerlookatstemcells.org": "International Society for Stem Cell Research (ISSCR)",
    "healthnewsreview.org": "HealthNewsReview.org, publisher of its review criteria",
    "hon.ch": "Health On the Net Foundation, publisher of the HONcode",
    "ndph.ox.ac.uk": "University of Oxford, publisher of the DISCERN instrument",
    "en.wikipedia.org": "Wikipedia, publisher of its Manual of Style",
}


def _host(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def test_every_reference_links_to_a_reviewed_publisher() -> None:
    rules = Linter().all_rules
    references = [(rule.id, ref.url) for rule in rules for ref in rule.references]
    assert len(references) > len(rules)  # the built-in rules do cite their guidance
    unknown = sorted(
        f"{rule_id}: {url}" for rule_id, url in references if _host(url) not in PUBLISHERS
    )
    assert unknown == []


def test_every_reviewed_publisher_is_still_cited() -> None:
    """The list stays short: a host no rule cites any more leaves it."""
    hosts = {_host(ref.url) for rule in Linter().all_rules for ref in rule.references}
    assert sorted(set(PUBLISHERS) - hosts) == []


def test_the_hosts_that_were_third_parties_are_gone() -> None:
    """The hosts the new-user review found (issue 19, item 6) are not publishers."""
    hosts = {_host(ref.url) for rule in Linter().all_rules for ref in rule.references}
    third_parties = {
        "emergencymessagesystem.com",
        "behindmlm.com",
        "jesse.tg",
        "manatt.com",
        "venable.com",
        "mondaq.com",
        "newhope.com",
        "webmd.com",
        "medicalxpress.com",
        "simple.m.wikipedia.org",
        "cybercemetery.unt.edu",
    }
    assert hosts & third_parties == set()
    assert third_parties & set(PUBLISHERS) == set()
