"""The case file: every problem at once, in plain words, naming the field and never the value."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
import yaml

from cpdocs.errors import InputError
from cpdocs.generate.case import CaseError, case_schema, load_case, validate_case

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "fixtures" / "cases").glob("*.yaml"))


def good() -> dict:
    return yaml.safe_load((ROOT / "fixtures" / "cases" / "initial-okafor.yaml").read_text(encoding="utf-8"))


def problems(data, path="case.yaml") -> list[str]:
    with pytest.raises(CaseError) as info:
        validate_case(data, path)
    return info.value.lines()


def test_the_fixture_cases_are_valid():
    assert len(CASES) >= 3
    kinds = {load_case(p).conference.type for p in CASES}
    assert kinds == {"initial", "review", "pre-birth"}


def test_initial_fixture_has_two_children_and_a_father_living_elsewhere():
    case = load_case(ROOT / "fixtures" / "cases" / "initial-okafor.yaml")
    assert len(case.children) == 2
    fathers = [f for f in case.family if f.is_father]
    assert fathers and not fathers[0].lives_with_children and fathers[0].address


def test_several_problems_are_reported_at_once():
    data = good()
    data["children"][1]["date_of_birth"] = "2021-02-30"
    data["conference"]["type"] = "first"
    del data["conference"]["venue"]
    data["professionals"][0]["colour"] = "blue"
    lines = problems(data)
    assert "case.yaml: children[1].date_of_birth: not a real date" in lines
    assert "case.yaml: conference.type: must be one of initial, review or pre-birth" in lines
    assert "case.yaml: conference.venue: missing" in lines
    assert "case.yaml: professionals[0].colour: not a field cpdocs knows (check the spelling)" in lines
    assert len(lines) == 4


def test_errors_never_quote_the_value():
    data = good()
    data["children"][0]["date_of_birth"] = "Amara's birthday"
    lines = problems(data)
    assert not any("birthday" in line or "Amara" in line for line in lines)


def test_plan_actions_need_a_person_and_a_date():
    data = good()
    action = data["plan"][0]["actions"][0]
    del action["by"]
    data["plan"][0]["actions"][1]["who"] = "TBC"
    data["plan"][1]["actions"][0]["every"] = "ongoing"
    lines = problems(data)
    assert "case.yaml: plan[0].actions[0].by: give a date (by) or how often (every), e.g. 'every Tuesday'" in lines
    assert "case.yaml: plan[0].actions[1].who: name the person who will do this, with their role" in lines
    assert any(line.startswith("case.yaml: plan[1].actions[0].every: 'ongoing' is not a timescale") for line in lines)


def test_category_goes_with_a_child_protection_plan():
    data = good()
    del data["children"][0]["category"]
    data["children"][1]["decision"] = "early-help-plan"
    lines = problems(data)
    assert "case.yaml: children[0].category: needed when the decision is a child protection plan" in lines
    assert "case.yaml: children[1].category: only for a child protection plan" in lines


def test_names_must_match_people_in_the_case():
    data = good()
    data["core_group"]["members"].append("Someone Else")
    data["plan"][0]["children"] = ["Nobody"]
    lines = problems(data)
    assert "case.yaml: core_group.members[5]: not the name of a family member or professional in this case" in lines
    assert "case.yaml: plan[0].children[0]: not the name of a child in this case" in lines


def test_friendly_dates_and_yaml_times():
    data = good()
    data["children"][0]["date_of_birth"] = "03/05/2016"  # day first, as in the UK
    data["conference"]["time"] = 630  # YAML 1.1 reads an unquoted 10:30 as 630
    case = validate_case(data, "case.yaml")
    assert case.children[0].date_of_birth == dt.date(2016, 5, 3)
    assert case.conference.time == dt.time(10, 30)
    data["conference"]["time"] = "2.30pm"
    assert validate_case(data, "case.yaml").conference.time == dt.time(14, 30)


def test_unquoted_yaml_time_in_a_file(tmp_path):
    text = (ROOT / "fixtures" / "cases" / "initial-okafor.yaml").read_text(encoding="utf-8")
    text = text.replace('  time: "10:00"', "  time: 10:00", 1)
    p = tmp_path / "case.yaml"
    p.write_text(text, encoding="utf-8")
    assert load_case(p).conference.time == dt.time(10, 0)


def test_json_case_files(tmp_path):
    p = tmp_path / "case.json"
    p.write_text(json.dumps(good(), default=str), encoding="utf-8")
    assert load_case(p).children[0].name == "Amara Okafor"


@pytest.mark.parametrize("text, problem", [
    ("- just\n- a list\n", "is not a case file"),
    ("conference: [unclosed\n", "not valid YAML (line 2"),
    ("a: 1\na: 2\n", "the field 'a' is given twice"),
    ("", "is not a case file"),
])
def test_files_that_are_not_case_files(tmp_path, text, problem):
    p = tmp_path / "case.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=problem.replace("(", r"\(")):
        load_case(p)


def test_unreadable_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_case(tmp_path / "missing.yaml")
    (tmp_path / "bad.yaml").write_bytes(b"\xff\xfe\x00garbage\x81")
    with pytest.raises(InputError):
        load_case(tmp_path / "bad.yaml")
    with pytest.raises(InputError, match="not valid JSON"):
        (tmp_path / "bad.json").write_text("{", encoding="utf-8")
        load_case(tmp_path / "bad.json")


def test_yaml_tags_are_not_run(tmp_path):
    p = tmp_path / "case.yaml"
    p.write_text("conference: !!python/object/apply:os.system ['echo hi']\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_case(p)


def test_schema_describes_the_case():
    s = case_schema()
    assert s["title"] == "Case"
    assert {"partnership", "conference", "children", "social_worker"} <= set(s["required"])
    assert "Child" in s["$defs"]
