"""Discord's own OpenAPI spec as the fake Discord's judge of every JSON body it receives.

`openapi.json` (from `discord/discord-api-spec`, read in place from the shared data) gives each route's
request body as JSON Schema 2020-12, with Discord's real limits. `jsonschema` validates a body against the
schema of the route and method it was sent to, and a refusal is told as Discord tells it: 400 with code
50035 "Invalid Form Body" and an `errors` tree that mirrors the body (`{"embeds": {"0": {"title": {"_errors":
[...]}}}}`).

One deliberate change: the spec types snowflakes as strings, while discord.py sends large ids as integers,
which Discord accepts; so a snowflake here may also be a non-negative integer.
"""

from __future__ import annotations

import copy
import functools
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.shared_data import DISCORD_SPEC

SPEC_URI = "https://discord.com/api/v10/openapi.json"
INVALID_FORM_BODY = 50035
# Discord's names for the commonest failures; anything else is BASE_TYPE_INVALID.
_CODES = {
    "required": "BASE_TYPE_REQUIRED",
    "maxLength": "BASE_TYPE_MAX_LENGTH",
    "maxItems": "BASE_TYPE_MAX_LENGTH",
    "minLength": "BASE_TYPE_MIN_LENGTH",
    "minItems": "BASE_TYPE_MIN_LENGTH",
    "enum": "BASE_TYPE_CHOICES",
    "const": "BASE_TYPE_CHOICES",
    "maximum": "NUMBER_TYPE_MAX",
    "minimum": "NUMBER_TYPE_MIN",
    "pattern": "STRING_TYPE_REGEX",
    "type": "BASE_TYPE_BAD_TYPE",
}


class DiscordSpec:
    """Request-body validators for each route and method of the spec."""

    def __init__(self, spec: dict[str, Any]) -> None:
        spec = copy.deepcopy(spec)
        schemas = spec["components"]["schemas"]
        schemas["SnowflakeType"] = {"anyOf": [schemas["SnowflakeType"], {"type": "integer", "minimum": 0}]}
        registry: Registry[Any] = Registry().with_resource(SPEC_URI, Resource(spec, DRAFT202012))
        self._routes: list[tuple[re.Pattern[str], str, Draft202012Validator]] = []
        for template, item in spec["paths"].items():
            for method, operation in item.items():
                if method == "parameters" or "requestBody" not in operation:
                    continue
                if "application/json" not in operation["requestBody"]["content"]:
                    continue
                pointer = f"/paths/{_escape(template)}/{method}/requestBody/content/application~1json/schema"
                validator = Draft202012Validator({"$ref": f"{SPEC_URI}#{quote(pointer, safe='/~')}"},
                                                 registry=registry)
                self._routes.append((_route_pattern(template), method.upper(), validator))
        # A literal segment ("@original") wins over a parameter ("{message_id}").
        self._routes.sort(key=lambda route: route[0].pattern.count("[^/]+"))

    @classmethod
    @functools.cache
    def load(cls, path: Path = DISCORD_SPEC) -> DiscordSpec | None:
        """The spec at `path`, or None where the shared data is absent."""
        if not path.is_file():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def knows(self, method: str, path: str) -> bool:
        return self._validator(method, path) is not None

    def errors(self, method: str, path: str, body: Any) -> dict[str, Any] | None:
        """Discord's `errors` tree for `body` sent to `method path`, or None when the spec accepts it."""
        validator = self._validator(method, path)
        if validator is None:
            return None
        return error_tree(validator.iter_errors(body))

    def _validator(self, method: str, path: str) -> Draft202012Validator | None:
        return next((v for pattern, m, v in self._routes if m == method and pattern.fullmatch(path)), None)


def error_tree(errors: Iterable[ValidationError]) -> dict[str, Any] | None:
    """Nest each error's message under its place in the body, as Discord's 50035 answers do."""
    tree: dict[str, Any] = {}
    for leaf in (leaf for error in errors for leaf in _leaves(error)):
        node = tree
        for key in [*leaf.absolute_path, *_missing(leaf)]:
            node = node.setdefault(str(key), {})
        node.setdefault("_errors", []).append(_described(leaf))
    return tree or None


def _leaves(error: ValidationError) -> Iterator[ValidationError]:
    """The errors that say what is wrong; inside an anyOf/oneOf, those of the branch the body meant.

    The meant branch is one whose `type` discriminator matched, then the one whose errors reach deepest.
    """
    if not error.context:
        yield error
        return
    branches: dict[Any, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        branches[sub.relative_schema_path[0]].append(sub)

    def discriminated_away(errors: list[ValidationError]) -> bool:
        return any(list(e.relative_path) == ["type"] and e.validator in ("enum", "const") for e in errors)

    def reach(errors: list[ValidationError]) -> tuple[int, bool]:
        # Deeper errors first; at equal depth, a branch that is more than a wrong type ("null").
        return max(len(e.absolute_path) for e in errors), any(e.validator != "type" for e in errors)

    meant = [errors for errors in branches.values() if not discriminated_away(errors)] or list(branches.values())
    for sub in max(meant, key=reach):
        yield from _leaves(sub)


def _missing(error: ValidationError) -> list[str]:
    """A missing property is reported under its own name, as Discord does."""
    if error.validator != "required" or not isinstance(error.instance, dict):
        return []
    return [name for name in error.validator_value if name not in error.instance][:1]


def _described(error: ValidationError) -> dict[str, str]:
    code = _CODES.get(str(error.validator), "BASE_TYPE_INVALID")
    limit = error.validator_value
    if error.validator in ("maxLength", "maxItems"):
        text = f"Must be {limit} or fewer in length."
    elif error.validator in ("minLength", "minItems"):
        text = f"Must be {limit} or more in length."
    elif error.validator == "required":
        text = "This field is required"
    else:
        text = error.message if len(error.message) <= 200 else error.message[:199] + "…"
    return {"code": code, "message": text}


def invalid_form_body(errors: dict[str, Any]) -> dict[str, Any]:
    return {"message": "Invalid Form Body", "code": INVALID_FORM_BODY, "errors": errors}


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def _route_pattern(template: str) -> re.Pattern[str]:
    return re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)))
