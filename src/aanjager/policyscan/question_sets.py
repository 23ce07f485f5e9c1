"""Question sets are data: a JSON file with code, version, title, description, scale and domains (each with
statements). `check` says what is wrong with one, field by field; `load` stores a checked file as a new version."""

import json
import math
import re
from pathlib import Path

DEFAULT_FILE = Path(__file__).with_name("question_set_v1.json")
SCALE_VALUES = [0, 1, 2, 3]
MAX_VERSION = 32767  # QuestionSet.version is a PositiveSmallIntegerField
CODE_LENGTH, TITLE_LENGTH = 80, 200  # QuestionSet.code (a slug) and .title


def check(data) -> list[str]:
    """Every problem with a question set, as 'place: problem' lines; empty when it is usable."""
    if not isinstance(data, dict):
        return ["(root): expected an object"]
    problems = list(_unstorable(data, "(root)"))
    code, title = data.get("code"), data.get("title")
    if not isinstance(code, str) or not code.strip():
        problems.append("code: required text")
    elif not re.fullmatch(rf"[-a-zA-Z0-9_]{{1,{CODE_LENGTH}}}", code):
        problems.append(f"code: letters, digits, - and _ only, at most {CODE_LENGTH} characters")
    if not isinstance(title, str) or not title.strip():
        problems.append("title: required text")
    elif len(title) > TITLE_LENGTH:
        problems.append(f"title: at most {TITLE_LENGTH} characters")
    if not isinstance(data.get("description", ""), str):
        problems.append("description: text")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= MAX_VERSION:
        problems.append(f"version: a whole number from 1 to {MAX_VERSION}")
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
        else:
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
            else:
                seen_statements.add(s_code)
            if not isinstance(statement.get("text"), str) or not statement.get("text", "").strip():
                problems.append(f"{place}.text: required text")
    return problems


def _unstorable(value, place: str):
    """What a JSON column cannot hold (PostgreSQL refuses NUL characters, and NaN or infinite numbers)."""
    stack = [(value, place)]
    while stack:
        value, place = stack.pop()
        if isinstance(value, str) and "\x00" in value:
            yield f"{place}: text with a NUL character"
        elif isinstance(value, float) and not math.isfinite(value):
            yield f"{place}: not a finite number"
        elif isinstance(value, dict):
            for key, child in value.items():
                if isinstance(key, str) and "\x00" in key:
                    yield f"{place}: a key with a NUL character"
                stack.append((child, key if place == "(root)" else f"{place}.{key}"))
        elif isinstance(value, list):
            stack.extend((child, f"{place}[{i}]") for i, child in enumerate(value, 1))


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
