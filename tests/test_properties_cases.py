"""Property-based tests: a malformed case file is refused field by field, never with a traceback or a 500.

Hypothesis takes the fixture cases and breaks them: impossible dates written as YAML reads dates
(2025-13-22, 2025-02-30), any field given the wrong kind of value, fields taken away, fields
added. On the command line each problem is one line naming the field, exit code 2; in the web
page the answer is the form with the error beside the field, never a 500.
"""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_support import CASES, field_errors, new_client
from web_support import token as csrf_token

from cpdocs.cli import cli
from cpdocs.errors import InputError
from cpdocs.generate.case import CaseError, load_case

settings.register_profile("ci", max_examples=40, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile("long", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FIXTURES = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.yaml"))}
RAW = "\x00raw\x00"  # marks a value to be written unquoted, so that YAML itself parses it


def paths(node, prefix=()):
    """Every (path, value) in a case, leaves and branches."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*prefix, i))


def dotted(path) -> str:
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else ("." if out else "") + str(p)
    return out


def set_at(case, path, value):
    import copy

    case = copy.deepcopy(case)
    node = case
    for p in path[:-1]:
        node = node[p]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return case


DELETE = object()


def to_yaml(case) -> str:
    """The case as YAML, with RAW-marked strings unquoted so that YAML's own date parsing meets them."""
    text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False)
    return re.sub(r"""(['"])\x00raw\x00(.*?)\1""", lambda m: m.group(2), text.replace("\\0raw\\0", RAW))


def raw(s: str) -> str:
    return RAW + s


impossible = st.one_of(
    st.tuples(st.integers(1900, 2100), st.integers(13, 99), st.integers(1, 28)),
    st.tuples(st.integers(1900, 2100), st.just(2), st.integers(30, 31)),
    st.tuples(st.integers(1900, 2100), st.sampled_from([4, 6, 9, 11]), st.just(31)),
    st.tuples(st.integers(1900, 2100), st.integers(1, 12), st.integers(32, 99)),
    st.tuples(st.just(0), st.integers(1, 12), st.integers(1, 28)),
).map(lambda t: f"{t[0]:04d}-{t[1]:02d}-{t[2]:02d}")
odd_value = st.one_of(
    st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True), st.just([]), st.just({}),
    st.lists(st.text(max_size=5), max_size=3), st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2),
    st.text(max_size=60), st.just("x" * 5000), st.sampled_from(["\u202e\u200b", "yes", "no", "~", "0x1F", "1e400"]),
    impossible.map(raw), st.dates().map(str).map(raw),
    st.datetimes().map(lambda d: d.isoformat(sep=" ")).map(raw),
)


@st.composite
def broken_cases(draw):
    name = draw(st.sampled_from(sorted(FIXTURES)))
    case = FIXTURES[name]
    for _ in range(draw(st.integers(1, 3))):
        where = [p for p, _ in paths(case) if p]
        path = draw(st.sampled_from(where))
        change = draw(st.sampled_from(["value", "value", "delete", "add"]))
        if change == "delete":
            case = set_at(case, path, DELETE)
        elif change == "add" and isinstance(dict(paths(case)).get(path[:-1]), dict):
            case = set_at(case, (*path[:-1], draw(st.text(min_size=1, max_size=12))), draw(odd_value))
        else:
            case = set_at(case, path, draw(odd_value))
    return to_yaml(case)


def date_paths(case) -> list[tuple]:
    return [p for p, v in paths(case) if isinstance(v, dt.date)]


def refusal_lines(exc: InputError) -> list[str]:
    return exc.lines() if isinstance(exc, CaseError) else [str(exc)]


@given(broken_cases())
def test_a_broken_case_file_is_refused_one_plain_line_a_problem(tmp_path_factory, text):
    f = tmp_path_factory.mktemp("case") / "case.yaml"
    f.write_text(text, encoding="utf-8")
    try:
        load_case(f)
    except InputError as exc:
        for line in refusal_lines(exc):
            assert line.startswith(f"{f}: ") and "\n" not in line and "Traceback" not in line
            assert len(line) < 600  # the file's content is never quoted back at length


@given(st.sampled_from(sorted(FIXTURES)), st.data(), impossible)
def test_an_impossible_date_names_its_field(tmp_path_factory, name, data, bad):
    case = FIXTURES[name]
    path = data.draw(st.sampled_from(date_paths(case)))
    f = tmp_path_factory.mktemp("case") / "case.yaml"
    f.write_text(to_yaml(set_at(case, path, raw(bad))), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(f)
    assert f"{dotted(path)}: not a real date" in caught.value.problems


@pytest.mark.parametrize("bad", ["2025-13-22", "2025-02-30", "30/02/2025", "2025-00-10"])
def test_generate_with_an_impossible_conference_date_exits_2_with_the_field(tmp_path, bad):
    f = tmp_path / "case.yaml"
    f.write_text(to_yaml(set_at(FIXTURES["initial-okafor.yaml"], ("conference", "date"), raw(bad))),
                 encoding="utf-8")
    assert bad in f.read_text(encoding="utf-8").replace("'", "")
    out = tmp_path / "out"
    r = CliRunner().invoke(cli, ["generate", "chairs-letter", str(f), "-o", str(out)])
    assert r.exit_code == 2, r.output
    assert r.output.strip() == f"cpdocs: {f}: conference.date: not a real date"
    assert not out.exists()


def test_a_real_date_still_reads_and_a_date_with_a_time_is_still_refused(tmp_path):
    case = FIXTURES["initial-okafor.yaml"]
    f = tmp_path / "case.yaml"
    f.write_text(to_yaml(set_at(case, ("conference", "date"), raw("2024-02-29"))), encoding="utf-8")
    assert load_case(f).conference.date == dt.date(2024, 2, 29)  # a leap day is real
    f.write_text(to_yaml(set_at(case, ("conference", "date"), raw("2025-03-14 10:30:00"))), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(f)
    assert any(p.startswith("conference.date: ") for p in caught.value.problems)


def test_a_child_born_after_the_conference_is_an_error_and_an_unborn_child_is_not(tmp_path):
    case = FIXTURES["pre-birth-harper.yaml"]
    conference = case["conference"]["date"]
    i = next(i for i, c in enumerate(case["children"]) if "date_of_birth" in c)
    f = tmp_path / "case.yaml"
    f.write_text(to_yaml(set_at(case, ("children", i, "date_of_birth"), conference + dt.timedelta(days=1))),
                 encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(f)
    assert any(p.startswith(f"children[{i}].date_of_birth: after the conference date") for p in caught.value.problems)
    # born on the day of the conference is fine; an expected date after it is what an unborn child has
    f.write_text(to_yaml(set_at(case, ("children", i, "date_of_birth"), conference)), encoding="utf-8")
    loaded = load_case(f)
    assert any(c.unborn and c.expected_date_of_birth > conference for c in loaded.children)


# -- the web page ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def web():
    return new_client()[1]


def upload(client, text: str):
    import io

    return client.post("/make/upload", data={"csrf_token": csrf_token(client),
                                              "case": (io.BytesIO(text.encode("utf-8")), "case.yaml")},
                       content_type="multipart/form-data")


@settings(max_examples=max(10, settings.default.max_examples // 2))
@given(broken_cases())
def test_a_broken_case_file_in_the_web_page_is_never_a_500(web, text):
    r = upload(web, text)
    assert r.status_code in (200, 422), r.status_code
    assert "fault in cpdocs" not in r.get_data(as_text=True)


@pytest.mark.parametrize("bad", ["2025-13-22", "2025-02-30"])
def test_an_impossible_date_in_the_web_page_is_shown_beside_its_field(web, bad):
    r = upload(web, to_yaml(set_at(FIXTURES["initial-okafor.yaml"], ("conference", "date"), raw(bad))))
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert field_errors(page)["conference.date"].lower() == "not a real date"
    assert bad in page  # what was typed is kept in the field, to be corrected


def test_a_child_born_after_the_conference_in_the_web_page_is_shown_beside_the_field(web):
    case = FIXTURES["initial-okafor.yaml"]
    late = case["conference"]["date"] + dt.timedelta(days=30)
    r = upload(web, to_yaml(set_at(case, ("children", 0, "date_of_birth"), late)))
    assert r.status_code == 422
    assert "after the conference date" in field_errors(r.get_data(as_text=True))["children[0].date_of_birth"].lower()
