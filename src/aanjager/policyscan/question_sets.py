"""Question sets are data: a JSON file with code, version, title, description, scale and domains (each with
statements). `check` says what is wrong with one, field by field; `load` stores a checked file as a new version."""

import json
from pathlib import Path

DEFAULT_FILE = Path(__file__).with_name("question_set_v1.json")
SCALE_VALUES = [0, 1, 2, 3]


def check(data) -> list[str]:
    """Every problem with a question set, as 'place: problem' lines; empty when it is usable."""
    if not isinstance(data, dict):
        return ["(root): expected an object"]
    problems = []
    for key in ("code", "title"):
        if not isinstance(data.get(key), str) or not data.get(key, "").strip():
            problems.append(f"{key}: required text")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append("version: a whole number of 1 or more")
    scale = data.get("scale")
    if (
        not isinstance(scale, list)
        or [s.get("value") if isinstance(s, dict) else None for s in scale] != SCALE_VALUES
    ):
        problems.append("scale: four entries with value 0, 1, 2 and 3, in that order")
    elif any(not isinstance(s.get("label"), str) or not s["label"].strip() for s in scale):
        problems.append("scale: every entry needs a label")
    domains = data.get("domains")
    if not isinstance(domains, list) or not domains:
        return [*problems, "domains: at least one domain"]
    seen_domains, seen_statements = set(), set()
    for i, domain in enumerate(domains, 1):
        where = f"domains[{i}]"
        if not isinstance(domain, dict):
            problems.append(f"{where}: expected an object")
            continue
        code = domain.get("code")
        if not isinstance(code, str) or not code or code in seen_domains:
            problems.append(f"{where}.code: required and unique")
        seen_domains.add(code)
        if not isinstance(domain.get("title"), str) or not domain.get("title", "").strip():
            problems.append(f"{where}.title: required text")
        statements = domain.get("statements")
        if not isinstance(statements, list) or not statements:
            problems.append(f"{where}.statements: at least one statement")
            continue
        for j, statement in enumerate(statements, 1):
            place = f"{where}.statements[{j}]"
            if not isinstance(statement, dict):
                problems.append(f"{place}: expected an object")
                continue
            s_code = statement.get("code")
            if not isinstance(s_code, str) or not s_code or len(s_code) > 40 or s_code in seen_statements:
                problems.append(f"{place}.code: required, unique and at most 40 characters")
            seen_statements.add(s_code)
            if not isinstance(statement.get("text"), str) or not statement.get("text", "").strip():
                problems.append(f"{place}.text: required text")
    return problems


def read(path: Path = DEFAULT_FILE) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def model_fields(data: dict) -> dict:
    """The QuestionSet fields for a checked file."""
    return {
        "code": data["code"],
        "version": data["version"],
        "title": data["title"],
        "description": data.get("description", ""),
        "content": {"scale": data["scale"], "domains": data["domains"]},
    }
