"""CPD301 jargon: once per term and form, at its first unexplained use."""

from __future__ import annotations

from helpers import found, lint_md


def jargon(md: str) -> list[str]:
    return found(lint_md(md, "agency-report"), rule="CPD301")


def test_dictionary_terms_once_each_with_forms_counted_separately():
    md = ("# Report\n\nPoppy presents as withdrawn. She presents as tired again. The case was stepped down "
          "last year. Professionals may escalate this. The concerns escalated in May. Ms Bennett showed "
          "disguised compliance.\n")
    got = [j.lower() for j in jargon(md)]
    assert got.count("presents as") == 1
    assert "stepped down" in got and "escalate" in got and "escalated" in got and "disguised compliance" in got


def test_explained_terms_and_later_uses_are_fine():
    md = ("# Report\n\nThere was a strategy discussion (a meeting where police and social workers share "
          "what they know) on 3 May. The strategy discussion agreed to visit.\n")
    assert jargon(md) == []


def test_process_words_maternal_grandmother_domestic_abuse_and_childrens_services_are_fine():
    md = ("# Report\n\nPoppy's maternal grandmother collects her. There has been domestic abuse at home. "
          "Children's Services held a core group. The child protection plan sets out what will happen, "
          "and the safety plan says who to call. Poppy is at risk of significant harm.\n")
    assert jargon(md) == [] and found(lint_md(md), "language") == []


def test_words_in_quotations_are_the_speakers_own():
    md = "# Report\n\nMs Hargreaves said \"they stepped us down last time and it was fine\".\n"
    assert jargon(md) == []


def test_document_type_in_the_title_is_not_jargon_but_acronyms_in_it_are():
    r = lint_md("# Core Group Meeting \u2013 Minutes for the ICPC follow-up\n\nSkye is well.\n")
    assert found(r, rule="CPD301") == [] and found(r, rule="CPD302") == ["ICPC"]


def test_extra_and_accepted_terms_from_configuration():
    from cpdocs.config import Config

    md = "# Report\n\nThe MACE panel met. Ms Bennett was signposted to Harbour.\n"
    cfg = Config(extra_jargon={"mace panel": "a meeting about children at risk of exploitation"},
                 accepted_terms=["signposted"])
    got = [j.lower() for j in found(lint_md(md, config=cfg), rule="CPD301")]
    assert got == ["mace panel"]


def test_the_same_words_are_one_finding_but_jargon_inside_a_vague_phrase_is_both():
    r = lint_md("# Report\n\nChase the clinic ASAP. Amber to do direct work with the team.\n", "agency-report")
    assert [f.category for f in r.findings if f.text == "ASAP"] == ["vague-action"]
    assert "direct work" in [t.lower() for t in found(r, rule="CPD301")]


def test_a_next_sentence_about_a_thing_of_that_kind_explains_it():
    md = ("# Report\n\nThe doctor found a partial-thickness burn on his hand. A partial-thickness burn goes "
          "through the top layers of skin.\n\nThere was a strategy discussion on 3 May. The strategy discussion "
          "meeting is in the diary.\n")
    got = [j.lower() for j in jargon(md)]
    assert "partial-thickness" not in got
    assert "strategy discussion" in got  # 'the ... meeting is in the diary' says nothing of what it is


def test_a_footnote_marked_after_the_term_that_explains_it():
    md = ("# Report\n\nWe started a section 47 enquiry.[^1] There was a strategy discussion.[^2] The case was "
          "stepped down.[^3]\n\n[^1]: A section 47 enquiry is a set of checks the council must make when a child "
          "may be harmed.\n[^2]: Children Act 1989, section 47.\n\n[^3]: This means help from the family support "
          "team instead of a plan.\n")
    got = [j.lower() for j in jargon(md)]
    assert "section 47 enquiry" not in got and "stepped down" not in got
    assert "strategy discussion" in got  # its note names a law; it says nothing of what the meeting is


def test_explained_by_what_it_is_called_or_what_it_does():
    md = ("# Report\n\nPolice talked with the family to find out if Kai was safe. Social workers call this a "
          "section 47 enquiry.\n\nHer weight follows the 50th centile. A centile line on a growth chart compares a "
          "baby with other babies of her age.\n\nI will go to the multi-agency risk assessment conference on 3 April. "
          "This monthly meeting plans the safety of victims at high risk.\n\nThe table follows the Signs of Safety "
          "approach. It sets out what we are worried about and what is going well.\n\nThere was a strategy "
          "discussion. This meeting was on Monday.\n\nThe case was stepped down. It is the first time.\n")
    got = [j.lower() for j in jargon(md)]
    assert got == ["strategy discussion", "stepped down"]


def test_substantiated_as_the_outcome_of_an_enquiry():
    md = ("# Report\n\nThe concerns are substantiated and the plan starts today.\n\n"
          "## Other\n\nHe made a substantiated claim for housing benefit.\n")
    assert [j.lower() for j in jargon(md)] == ["substantiated"]


def test_explained_in_a_glossary_table_or_after_the_rest_of_its_name():
    md = ("# Report\n\nThere was a strategy discussion on 3 May.\n\nHer booking appointment on 17.12.24, which is the "
          "first long appointment of a pregnancy, went well. The perinatal mental health team, which sees women in "
          "pregnancy, rang her. The council's Sanctuary scheme fitted locks. Sanctuary is a scheme that makes a home "
          "safer.\n\nHis weight dropped to the 9th centile since his review, which meets the criteria.\n\n"
          "| What the words mean | |\n|---|---|\n| Strategy discussion | A meeting where police and social workers "
          "share what they know. |\n| Child protection plan | A written plan of what everyone will do. |\n")
    assert [j.lower() for j in jargon(md)] == ["centile"]
    doc_plan = lint_md(md)
    assert found(doc_plan, "action-owner") == []  # the glossary's rows are not a plan


def test_an_acronym_written_out_after_a_dash_or_at_the_start_of_the_next_paragraph():
    md = ("# Report\n\nProbation uses OASys \u2013 the Offender Assessment System, our national tool.\n\n"
          "I referred her to the MARAC.\n\nThe MARAC \u2013 this is the multi-agency risk assessment conference, a "
          "monthly meeting \u2013 met on 6 February.\n\nShe went to the TAF \u2013 a meeting with school.\n")
    assert found(lint_md(md, "agency-report"), rule="CPD302") == ["TAF"]


def test_explained_after_a_colon_a_comma_or_a_bracket_after_its_name():
    md = ("# Report\n\nHe was released under investigation: the police have not yet decided whether to charge "
          "him. He sells drugs for a county lines group, a gang that sends drugs from a city into small towns. "
          "He has a gastrostomy tube, a soft tube that goes into his stomach. Dr Price works in the perinatal "
          "mental health team (care for mothers in pregnancy and the first year after birth). He is at HMP "
          "Stonebridge (HMP stands for His Majesty's Prison).\n")
    assert jargon(md) == [] and found(lint_md(md, "agency-report"), rule="CPD302") == []


def test_field_labels_in_capitals_and_a_letters_address_lines_are_not_acronyms():
    md = ("# Form export\n\nCHILD'S NAME: Ayaan Iqbal\n\nCONFERENCE DATE: 3 April 2025\n\nSOCIAL WORKER: Imran "
          "Chaudhry\n\nMARAC: referred on 3 March.\n")
    assert found(lint_md(md, "agency-report"), rule="CPD302") == ["MARAC"]
    letter = ("Mr Dean Walsh\n\nHMP Ashcombe, Ashcombe Lane\n\nRe: the ICPC for Ruby\n\nDear Mr Walsh,\n\nWe met "
              "on 3 June. Yours sincerely,\n\nAmy Reid\n")
    assert found(lint_md(letter, "chairs-letter"), rule="CPD302") == ["ICPC"]


def test_an_appositive_a_test_version_number_and_a_term_that_compares():
    md = ("# Report\n\nShe started sertraline, an antidepressant, on 3 March. We used the Patient Health "
          "Questionnaire (PHQ-9) and the ASQ. His weight is on the 25th centile. A centile compares a child with "
          "others of the same age.\n")
    assert jargon(md) == [] and found(lint_md(md, "agency-report"), rule="CPD302") == ["ASQ"]


def test_a_term_named_in_quotation_marks_is_explained_for_its_later_uses():
    md = ("# Report\n\nOllie cannot yet crawl. Doctors call a baby like this \"non-mobile\". Bruises are rare in "
          "non-mobile babies.\n\nMum said the case was \"stepped down\" last year. It was stepped down in May.\n")
    assert [j.lower() for j in jargon(md)] == ["stepped down"]  # quoted as Mum's words, not named and explained
