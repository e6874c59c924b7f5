"""Run-time checks on the real thesis chapter in ../shared/seeds (skipped when absent)."""
import re

import pytest

import motives

CITATION = re.compile(r"\b(?:Hal|hal|Hlm|hlm)\.\s?\d|\bIbid\b|\bOp\.\s?Cit\b|Publishing\b|Prentice Hall|LP3ES|Graha Ilmu")
BROKEN_WORD = re.compile(r"[a-z]{2,}- [a-z]{2,}")
HEADING = re.compile(r"^(?:BAB\s+[IVX]+(?:\s+[A-Z ]+)?$|[A-H]\.\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,4}$)")


@pytest.fixture(scope="module")
def seed_passages(request):
    shared = request.getfixturevalue("shared")
    files = sorted((shared / "seeds").glob("*.txt"))
    if not files:
        pytest.skip("no seed documents")
    return {f.name: motives.segment(f) for f in files}


def test_no_furniture_in_passages(seed_passages):
    for name, passages in seed_passages.items():
        assert len(passages) >= 20, name
        for p in passages:
            assert not CITATION.search(p.text), (name, p.index, p.text[:120])
            assert not re.fullmatch(r"\s*\d{1,4}\s*", p.text), (name, p.index)
            assert not HEADING.match(p.text), (name, p.index, p.text[:80])
            assert not BROKEN_WORD.search(p.text), (name, p.index, BROKEN_WORD.search(p.text).group(0))


def test_sections_and_languages(seed_passages):
    for name, passages in seed_passages.items():
        sections = {p.section for p in passages}
        assert len(sections) >= 5, name
        assert sum(p.lang == "id" for p in passages) >= 0.9 * len(passages), name
        print(f"{name}: {len(passages)} passages in {len(sections)} sections")
