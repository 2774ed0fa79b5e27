"""CPD302 unexplained-acronym: once, at the first use that is not written out."""

from __future__ import annotations

from helpers import found, lint_md


def acr(md: str) -> list[str]:
    return found(lint_md(md, "agency-report"), rule="CPD302")


def test_unexplained_acronyms_once_each_at_first_use():
    md = "# Report for ICPC\n\nNursery made a referral to the MASH. The MASH passed it to the SW. The SW rang.\n"
    assert acr(md) == ["ICPC", "MASH", "SW"]


def test_written_out_first_then_fine():
    md = ("# Report\n\nThe Designated Safeguarding Lead (DSL) rang the Multi-Agency Safeguarding Hub (MASH). "
          "The DSL and the MASH agreed.\n\nCAMHS (the Child and Adolescent Mental Health Service) saw her. "
          "CAMHS will write. An ICPC is a meeting of the family and professionals.\n")
    assert acr(md) == []


def test_explained_later_still_flags_the_first_use():
    md = "# Report\n\nThe IDVA rang.\n\nAn Independent Domestic Violence Adviser (IDVA) helps victims.\n"
    assert acr(md) == ["IDVA"]


def test_plain_abbreviations_postcodes_times_shouting_and_quotes_are_left_alone():
    md = ("# Report\n\nThe GP sent her to A&E and the NHS paid. She lives at 4 Elm Road, SN1 2AB. "
          "We met at 10 AM. Staff must NOT shout. Skye said \"the CSE lady came\".\n\n"
          "WHAT HAPPENS NEXT AT THE CONFERENCE\n\nThe family will be invited.\n")
    assert acr(md) == []


def test_role_words_are_not_initials_and_dna_test_is_plain():
    md = ("# Core Group Minutes\n\n| Chair | Priya Mistry, Social Worker |\n|---|---|\n| Child | Skye Bennett |\n\n"
          "The SW visited. A DNA test was done. Mum was a DNA on 3 May.\n")
    assert acr(md) == ["SW", "DNA"]


def test_section_numbers_plurals_and_digit_acronyms():
    md = "# Report\n\nAn S47 enquiry began. Two IDVAs helped. She is on 2YO funding.\n"
    assert acr(md) == ["S47", "IDVAs", "2YO"]


def test_glossary_explains_acronyms_anywhere():
    md = ("# Report\n\nThe LADO was told.\n\n## Glossary\n\n| Term | Meaning |\n|---|---|\n"
          "| LADO | Local Authority Designated Officer, who looks at concerns about staff |\n")
    assert acr(md) == []


def test_accepted_terms_are_configurable():
    from cpdocs.config import Config

    md = "# Report\n\nThe SWIFT team visited.\n"
    assert acr(md) == ["SWIFT"]
    assert found(lint_md(md, config=Config(accepted_terms=["SWIFT"])), rule="CPD302") == []


def test_an_everyday_word_in_capitals_as_a_label_is_not_an_acronym():
    md = ("# Core Group Minutes\n\n## Discussion\n\nThe flat is warmer. ACTION \u2013 Jo Hart (health visitor) to "
          "weigh Leo by 14 March 2025. UPDATE: the boiler is fixed. The TAF meets monthly. CAMHS \u2013 no news.\n")
    assert acr(md) == ["TAF", "CAMHS"]  # a label too, but a known acronym
