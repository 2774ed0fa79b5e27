"""`cpdocs generate child-pack` and `chairs-letter --easy-read` on the command line."""

from __future__ import annotations

from click.testing import CliRunner
from helpers import ROOT

from cpdocs.cli import cli

CASES = ROOT / "fixtures" / "cases"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_child_pack_writes_three_documents_for_each_child_old_enough(tmp_path):
    result = run("generate", "child-pack", CASES / "initial-okafor.yaml", "-o", tmp_path, "--format", "docx")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2025-04-22_child-pack-after_okafor_amara-okafor.docx",
        "2025-04-22_child-pack-before_okafor_amara-okafor.docx",
        "2025-04-22_child-pack-my-views_okafor_amara-okafor.docx"]


def test_child_pack_with_nobody_old_enough_says_so_and_writes_nothing(tmp_path):
    result = run("generate", "child-pack", CASES / "pre-birth-harper.yaml", "-o", tmp_path)
    assert result.exit_code == 0
    assert "no child in this case is 5 or over" in result.output
    assert not tmp_path.exists() or not list(tmp_path.iterdir())


def test_child_pack_band_and_age_options(tmp_path):
    result = run("generate", "child-pack", CASES / "review-bennett.yaml", "-o", tmp_path, "--format", "html",
                 "--band", "5-7")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "2025-12-03_child-pack-my-views_bennett_skye-bennett.html").read_text(encoding="utf-8")
    assert "My three houses" in page and 'class="child band-5-7"' in page
    bad = run("generate", "child-pack", CASES / "review-bennett.yaml", "--band", "9-10")
    assert bad.exit_code == 2
    older = run("generate", "child-pack", CASES / "review-bennett.yaml", "-o", tmp_path / "x", "--min-age", "13")
    assert older.exit_code == 0 and "13 or over" in older.output


def test_easy_read_flag_writes_the_easy_read_letters_only(tmp_path):
    result = run("generate", "chairs-letter", CASES / "review-bennett.yaml", "-o", tmp_path, "--format", "pdf",
                 "--easy-read")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2025-12-03_chairs-letter-easy-read_bennett_lisa-bennett.pdf",
        "2025-12-03_chairs-letter-easy-read_bennett_mark-bennett.pdf"]
    wrong = run("generate", "agency-report", CASES / "review-bennett.yaml", "-o", tmp_path / "y", "--easy-read")
    assert wrong.exit_code == 2 and "Easy Read is made for the chair's letter" in wrong.output
