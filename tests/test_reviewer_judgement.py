"""Judging as an experienced reviewer would: for each judgement, what it must flag and what it must
leave alone (issue: 'Findings a professional can trust on every form a report comes in')."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import found, lint_md

from cpdocs.cli import cli


def _lint(body: str, report_type: str = "agency-report"):
    return lint_md("# Agency report\n\n" + body, report_type)


# -- actions ------------------------------------------------------------------------------

@pytest.mark.parametrize("item", ["Referral to Caring Dads to be made by 3 March 2025",
                                  "All agencies to share concerns by 3 March 2025",
                                  "Professionals to meet by 3 March 2025",
                                  "The team will visit every week"])
def test_a_passive_or_crowd_owned_action_has_no_owner(item):
    assert item in found(_lint(f"## Plan\n\n- {item}\n"), "action-owner")


@pytest.mark.parametrize("item", ["Sam Okoro (health visitor) to visit every week",
                                  "Little Owls Nursery to share the attendance log every Friday",
                                  "You will go to the Freedom Programme every Tuesday"])
def test_an_action_naming_its_owner_is_left_alone(item):
    assert found(_lint(f"## Plan\n\n- {item}\n"), "action-owner") == []


def test_we_in_a_chairs_letter_is_no_one_in_particular():
    text = ("Dear Ms Price,\n\n## What the conference decided\n\nThe conference decided that Kai needs a plan.\n\n"
            "## What happens next\n\n- We will make a referral to the Freedom Programme by 4 April 2025.\n\n"
            "Yours sincerely,\n\nMargaret Okoye, Child Protection Chair\n")
    result = lint_md(text)
    assert result.report_type == "chairs-letter"
    assert found(result, "action-owner") == ["We will make a referral to the Freedom Programme by 4 April 2025."]


@pytest.mark.parametrize("when", ["when known", "as a matter of urgency", "at the earliest opportunity",
                                  "under review"])
def test_vague_timing_sets_no_date(when):
    result = _lint(f"## Plan\n\n- Sam Okoro to ring the GP {when}\n")
    assert found(result, "action-date") == [f"Sam Okoro to ring the GP {when}"]
    assert when in found(result, "vague-action")


def test_analysis_prose_and_outcomes_are_not_plan_actions():
    text = ("## What the plan is for\n\n- Kai will feel safer at home.\n\n## Analysis\n\n"
            "We will need to consider whether the plan is working.\n")
    result = _lint(text)
    assert found(result, "action-date") == [] and found(result, "action-owner") == []
    assert "feel safer" in found(result, "vague-action")  # an outcome nobody can measure


def test_a_review_of_last_time_actions_with_their_status_is_a_record():
    text = ("## Actions from the meeting on 9 April\n\n- Book the dentist (Ms Reid): done.\n"
            "- Health check for Kacper (Priya Sandhu): done, 28 April.\n- Write the safety plan: not done.\n")
    result = lint_md("# Core group minutes\n\n" + text)
    assert found(result, "action-owner") == [] and found(result, "action-date") == []


# -- vague wording -------------------------------------------------------------------------

@pytest.mark.parametrize("text, vague", [
    ("Nursery will support Ms Reid with routines.", True),
    ("The family will need the right support.", True),
    ("Jakub cannot sit with support yet.", False),
    ("Police support a child protection plan for both girls.", False),
    ("Ms Reid meets her family support worker on Mondays.", False),
])
def test_support_is_vague_as_an_undefined_offer_only(text, vague):
    assert ("support" in found(_lint(text + "\n"), "vague-action")) is vague


def test_an_outcome_word_is_vague_in_the_plan_but_not_in_what_the_child_said():
    assert "feel safer" not in found(_lint("## What Mia says\n\nMia said she feels safer now Dean has gone.\n"),
                                     "vague-action")
    assert "feel safer" in found(_lint("## Plan\n\nThe aim of the plan is for Mia to feel safer at home.\n"),
                                 "vague-action")


def test_history_is_not_a_timescale():
    text = "## Risks\n\nHer liver tests show that she has been drinking heavily for some time.\n"
    assert found(_lint(text), "vague-action") == []


# -- evidence -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Officers believe Gemma has been groomed by Darren.",
    "The conference felt that you do not yet understand the impact of the abuse.",
    "Chelsea does not care about health appointments.",
    "The home is unsuitable for a baby.",
])
def test_opinions_held_by_others_and_bare_judgements_need_evidence(sentence):
    assert found(_lint(f"## Risks\n\n{sentence}\n"), "evidence")


@pytest.mark.parametrize("text", [
    "## Risks\n\nI think Kerry plays down the risk. This is because she scored the risk as 8 the day after.\n",
    "## Risks\n\nThe home is unsuitable because there is no heating and the windows are broken.\n",
    "## Recommendation\n\nWe think the plan should stay in place, because the police were called on 22 March.\n",
])
def test_opinions_with_their_evidence_or_a_reasoned_recommendation_are_left_alone(text):
    assert found(_lint(text), "evidence") == []


def test_evidence_that_goes_the_other_way_does_not_count():
    text = ("## Risks\n\nIt is clear that Dean is still staying at the house most nights, although Kerry says he "
            "lives at his mum's.\n")
    assert found(_lint(text), "evidence") == ["It is clear that Dean is still staying at the house most nights"]


# -- quotations, labels and jargon ---------------------------------------------------------

def test_scare_quotes_round_the_authors_own_word_are_still_the_authors():
    result = _lint("## Analysis\n\nMs Reid agrees and then does not follow advice, which is 'disguised compliance'.\n")
    assert "disguised compliance" in found(result, "jargon")


def test_a_quotation_with_a_speaker_is_left_alone():
    result = _lint("## Risks\n\nMs Reid said the health visitor was \"hostile and chaotic\" on Monday.\n")
    assert found(result, "language") == []


@pytest.mark.parametrize("text, label", [
    ("Reuben's words show that mornings were difficult before February.", None),
    ("Her home life is chaotic.", "chaotic"),
    ("Jordan came to the meeting, but Jordan was hostile at times.", "hostile"),
])
def test_a_label_about_a_time_is_not_a_label_about_a_person(text, label):
    assert found(_lint(f"## Risks\n\n{text}\n"), "language") == ([label] if label else [])


def test_the_childs_own_word_reported_in_the_childs_section_is_hers():
    text = "## What Freya has said\n\nShe said he sometimes smacks her when she is naughty.\n"
    assert found(_lint(text), "language") == []


@pytest.mark.parametrize("text, flagged", [
    ("Bethan Lloyd, Health Visitor (SCPHN), visited.", ["SCPHN"]),
    ("Kirsty Hall (SW) visited.", ["SW"]),
    ("The Multi-Agency Safeguarding Hub (MASH) took the call.", []),
    ("The Special Educational Needs Co-ordinator (SENCo) met Mum.", []),
    ("Our SENCo met Mum.", ["SENCo"]),
])
def test_an_acronym_is_written_out_only_by_words_that_stand_for_its_letters(text, flagged):
    assert found(_lint(f"## Risks\n\n{text}\n"), rule="CPD302") == flagged


def test_a_term_explained_after_a_comma_is_explained():
    result = _lint("## Risks\n\nShe has been prescribed diazepam, a medicine for anxiety that can make people "
                   "drowsy.\n")
    assert "diazepam" not in found(result, "jargon")
    assert "sertraline" in found(_lint("## Risks\n\nShe takes sertraline.\n"), "jargon")


def test_practice_model_headings_and_everyday_words_in_capitals_are_not_jargon():
    text = ("## WHAT ARE WE WORRIED ABOUT?\n\nDean pushed Kerry on 11 January.\n\n## DANGER STATEMENT\n\n"
            "We are worried that Dean will hurt Kerry again.\n\n## SAFETY GOAL\n\nKerry and the children are safe.\n")
    assert found(_lint(text), "jargon") == []


# -- sections present by content -----------------------------------------------------------

def test_a_letter_has_its_analysis_and_recommendation_in_its_prose():
    text = ("Dear Chair,\n\nThank you for inviting me to the conference. Poppy Tremayne (aged 9) said: \"I want Mum "
            "to stop the wine.\" Her father, Mr Tremayne, rings her every week and told me he is worried.\n\n"
            "There are strengths: Ms Tremayne asked for help herself. I am worried that the children are alone "
            "with her in the evenings, which is affecting Poppy's sleep. This means she is tired at school.\n\n"
            "I agree that Poppy should have a child protection plan.\n\nYours sincerely,\n\nDr Helen Marchetti\n")
    result = lint_md(text)
    assert result.report_type == "agency-report"
    assert not {"analysis", "recommendation", "child-voice"} & set(found(result, "missing-section"))


def test_an_adults_quotation_near_the_childs_name_is_not_the_childs_voice():
    text = ("| Children | Amber Walsh (13) |\n|---|---|\n| Mother | Gemma Walsh |\n\n## Background\n\n"
            "Gemma said Amber was \"always with her friends\" when officers asked.\n")
    assert "child-voice" in found(lint_md("# Police report to conference\n\n" + text), "missing-section")


def test_a_chairs_letter_that_ends_the_plan_needs_no_plan():
    text = ("Dear Ms Quinn,\n\n## The decision\n\nThe conference decided that Leah no longer needs a child "
            "protection plan.\n\n## Next meetings\n\nThe next core group will be on 8 July 2025 at 4pm.\n\n"
            "Yours sincerely,\n\nHelen Ashdown, Child Protection Chair\n")
    result = lint_md(text)
    assert result.report_type == "chairs-letter" and "plan" not in found(result, "missing-section")


# -- --explain ------------------------------------------------------------------------------

def test_explain_says_how_the_draft_was_read(tmp_path):
    draft = tmp_path / "d.md"
    draft.write_text("# Agency report\n\n| Action | Who | When |\n|---|---|---|\n| Ring the GP | | |\n",
                     encoding="utf-8")
    out = CliRunner().invoke(cli, ["lint", str(draft), "--explain", "--fail-on", "never"]).output
    assert "read as agency-report:" in out
    assert "why: read as a plan action because it is in a table with columns Action / Who / When" in out
    plain = CliRunner().invoke(cli, ["lint", str(draft), "--fail-on", "never"]).output
    assert "why:" not in plain


def test_the_category_of_plan_in_the_details_table_is_not_an_action():
    text = ("# Review Child Protection Conference: Social Worker's Report\n\n"
            "| Children | Mia Hale, aged 9 (date of birth 3 March 2016), and Theo Hale, aged 4 "
            "(date of birth 1 May 2021) |\n"
            "|---|---|\n| Father | Lee Hale |\n| Category of plan | Neglect |\n| Social worker | Asha Patel |\n\n"
            "## The plan\n\n- Lee Hale will take Mia to school every day.\n")
    result = lint_md(text)
    assert "Neglect" not in found(result, "action-owner") + found(result, "action-date")
    assert "Lee Hale will take Mia to school every day." not in found(result, "action-owner")


@pytest.mark.parametrize("heading,present", [("Hypotheses", True), ("Our formulation", True), ("Background", False)])
def test_a_systemic_reports_hypotheses_are_its_analysis(heading, present):
    text = (f"## {heading}\n\nDale's anger grew after he lost his job. We will know more when he "
            "has had help with his sleep.\n")
    assert ("analysis" not in found(_lint(text), "missing-section")) is present


# -- a letter's plan and meetings without headings; a plan under a question -----------------

CHAIRS_LETTER = ("Dear Ms Brennan,\n\nThe conference decided that Chloe and Oscar will each have a child protection "
                 "plan.\n\nThe plan agreed at the conference is:\n\n"
                 "1. Chloe and Oscar will feel safe at home.\n"
                 "   - Ben Hughes will visit Chloe and Oscar every 10 working days from 20 June 2025.\n"
                 "   - You will see Gemma Lowe every Wednesday from 18 June 2025.\n"
                 "2. Oscar will be able to talk about his worries.\n"
                 "   - Ben Hughes will refer Oscar to the Bright Sparks group.\n\n"
                 "| Meeting | Date and time | Place |\n|---|---|---|\n"
                 "| First core group | Wednesday 25 June 2025, 2pm | Abbey Green Family Centre |\n"
                 "| Review child protection conference | Thursday 11 September 2025, 10am | Shirehall |\n\n"
                 "Yours sincerely,\n\nHelen Morgan\n\nIndependent Child Protection Chair\n")


def test_a_list_introduced_as_the_plan_is_the_plan_and_its_goals_are_not_actions():
    result = lint_md(CHAIRS_LETTER)
    assert result.report_type == "chairs-letter"
    missing = found(result, "missing-section")
    assert "plan" not in missing and "next-meetings" not in missing
    assert found(result, "action-date") == ["Ben Hughes will refer Oscar to the Bright Sparks group."]


def test_a_letter_with_no_list_or_table_of_meetings_still_misses_them():
    text = CHAIRS_LETTER.split("The plan agreed")[0] + "Yours sincerely,\n\nHelen Morgan, Child Protection Chair\n"
    missing = found(lint_md(text), "missing-section")
    assert "plan" in missing and "next-meetings" in missing


def test_a_question_asking_what_the_agency_will_do_heads_the_plan():
    text = "## What will probation do?\n\n- Home visits to be completed regularly\n"
    assert found(_lint(text), "action-owner") == ["Home visits to be completed regularly"]


def test_work_already_done_is_not_a_vague_action():
    assert found(_lint("## Analysis\n\nThe risk is highest if he returns before he has done work on his anger.\n"),
                 "vague-action") == []
    assert found(_lint("## Plan\n\n- Mr Dunn to work on his anger by 3 May 2025.\n"), "vague-action") \
        == ["work on his anger"]


def test_a_job_title_explained_in_the_next_sentence_is_not_jargon():
    text = ("## About me\n\nRachel Okafor, Tenancy Sustainment Officer. My job is to help tenants keep their homes.\n"
            "\nThe cumulative impact on Mia is large.\n")
    assert found(_lint(text), "jargon") == ["cumulative impact"]


def test_a_known_name_in_mixed_capitals_is_an_acronym():
    assert found(_lint("## Risks\n\nThe OASys assessment rates him as high risk. ABCde is a typo.\n"),
                 "jargon") == ["OASys"]


def test_words_inside_an_explaining_bracket_are_not_a_vague_action():
    text = ("## Why we are here\n\nWe held a strategy discussion (a meeting to decide whether to look into a "
            "child's safety).\n\n## Plan\n\n- Kerry Lomax to look into housing by 3 May 2025.\n")
    assert found(_lint(text), "vague-action") == ["look into"]


def test_a_term_explained_in_the_next_paragraph_or_by_name_in_the_next_sentence():
    text = ("## Background\n\nThey started a section 47 enquiry.\n\nThe council must make this enquiry when a child "
            "may be at risk of significant harm.\n\nHer weight has dropped to the 25th centile. A centile shows how a "
            "child's weight compares with other children.\n\nShe was referred to Talking Therapies, the local "
            "talking treatment service for low mood.\n\nThe core group discussed thresholds.\n")
    assert found(_lint(text), "jargon") == ["thresholds"]


def test_a_holiday_is_a_date_for_an_action():
    assert found(_lint("## Plan\n\n- Tom Price will visit the flat in Leeds before Christmas.\n"), "action-date") == []
    assert found(_lint("## Plan\n\n- Tom Price will visit the flat in Leeds.\n"), "action-date") \
        == ["Tom Price will visit the flat in Leeds."]


def test_looking_after_a_sibling_is_not_a_judgement_of_motive():
    text = "## Plan\n\n| Outcome | Action | Who | When |\n|---|---|---|---|\n" \
           "| Kai does not care for Mia at night | Have the children to stay | Steven Robson | Every weekend |\n"
    assert found(_lint(text), "evidence") == []
    assert found(_lint("## Analysis\n\nChelsea does not care about health appointments.\n"), "evidence") != []


def test_notes_under_an_action_leave_it_an_action():
    text = ("## Plan\n\n- Ms Reid to go to the Freedom Programme\n  - Elm Road Family Centre\n"
            "- Goals for Kai\n  - Ben Hughes will visit Kai every week from 2 June 2025.\n")
    result = _lint(text)
    assert "Ms Reid to go to the Freedom Programme" in found(result, "action-date")  # still an action
    assert "Goals for Kai" not in found(result, "action-date") + found(result, "action-owner")  # a heading


def test_legal_and_clinical_shorthand_is_jargon_and_plain_numbers_are_not():
    text = ("## Background\n\nHe was charged under s.18 GBH. Kerry is 28/40. She has a safeguarding birth plan. "
            "He was 5/10 on the scale. The sofa was 3/4 full. The law is s.47 of the Children Act 1989.\n")
    assert set(found(_lint(text), "jargon")) >= {"s.18", "28/40", "safeguarding birth plan"}
    assert not {"5/10", "3/4", "s.47"} & set(found(_lint(text), "jargon"))


def test_waiting_for_a_place_or_good_time_is_not_a_timescale():
    text = ("## Plan\n\n- Mrs Hardy to offer Niamh a place in the nurture group when available.\n"
            "- Ms Reid will send the form in good time.\n- Ms Cole to arrange regular drug testing.\n")
    assert found(_lint(text), "vague-action") == ["when available", "in good time", "regular"]


def test_asking_the_conference_to_consider_a_plan_is_a_recommendation_not_a_vague_action():
    text = ("## Recommendation\n\nThe ambulance service asks the conference to consider a child protection plan for "
            "Ellie-Mae.\n\n## Plan\n\n- Ms Reid to consider a parenting course by 3 May 2025.\n")
    assert found(_lint(text), "vague-action") == ["to consider"]


def test_the_next_sentence_naming_a_duty_explains_a_term():
    text = ("## Why we are here\n\nWe agreed to start a section 47 enquiry. This is the council's legal duty to find "
            "out whether a child is at risk of significant harm.\n")
    assert "section 47 enquiry" not in found(_lint(text), "jargon")


def test_each_nursery_morning_is_a_frequency():
    assert found(_lint("## Plan\n\n- Sam Okafor to give Leo breakfast each nursery morning.\n"), "action-date") == []
