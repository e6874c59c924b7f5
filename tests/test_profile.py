"""Document profiles: shares of passages per motive, intervals, quotes, the command."""
import json
from pathlib import Path

import numpy as np
import pytest

import motives
from motives.cli import main

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "examples" / "sister_city_report.md"
SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "004_67b5215d621cb94e.txt"


def test_profile_counts_passages_and_quotes_the_surest():
    passages = ["Pemprov ingin menarik investor Korea ke kawasan industri dan membuka pasar ekspor.",
                "Rapat dimulai pukul 09.00 di ruang Biro Pemerintahan.",
                "Festival tari memperkenalkan budaya Aceh kepada warga Turki.",
                "Kerja sama ini membuka pasar ekspor kopi Gayo ke Korea."]
    result = motives.profile(passages, bootstrap=300)
    labels = [r.labels for r in result.passages]
    for label in motives.LABELS:
        row = result.table.loc[label]
        count = sum(label in found for found in labels)
        assert row["passages"] == count and row["share"] == pytest.approx(count / 4)
        assert row["share_low"] <= row["share"] <= row["share_high"]
        quoted = [q["probability"] for q in result.quotes[label]]
        assert quoted == sorted(quoted, reverse=True) and len(quoted) == min(count, 3)
    assert json.loads(json.dumps(result.to_dict()))["passages"] == 4


def test_profile_of_a_document_file_and_its_plot(tmp_path):
    result = motives.profile(EXAMPLE)
    assert result.source.endswith("sister_city_report.md") and len(result.passages) >= 3
    assert all(q["text"] in EXAMPLE.read_text() or q["section"] for q in result.quotes["economic"])
    result.plot(tmp_path / "profile.png")
    assert (tmp_path / "profile.png").read_bytes().startswith(b"\x89PNG")
    with pytest.raises(motives.InputError, match="no passages"):
        motives.profile([])


def test_profile_command(tmp_path, capsys):
    assert main(["profile", str(EXAMPLE), "--plot", str(tmp_path / "p.png"), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["passages"] >= 3 and {m["index"] for m in printed["motives"]} == set(motives.LABELS)
    assert (tmp_path / "p.png").exists()
    assert main(["profile", str(tmp_path / "missing.pdf")]) == 2


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/seeds")
def test_profile_of_the_reference_thesis_chapter():
    result = motives.profile(SEED, bootstrap=200)
    assert len(result.passages) > 40
    shares = result.table["share"].to_numpy()
    assert np.all((shares >= 0) & (shares <= 1))
