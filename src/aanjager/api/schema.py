"""OpenAPI post-processing: every operation documents its Problem JSON errors and the API-Version header."""

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 Problem Details",
    "properties": {
        "type": {"type": "string", "format": "uri"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "code": {"type": "string"},
        "invalid-params": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "code": {"type": "string"},
                    "reason": {"type": "string"},
                },
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status"],
}
API_VERSION_HEADER = {"API-Version": {"schema": {"type": "string"}, "description": "Version of this API"}}
DESCRIPTIONS = {
    "400": "Invalid input; `invalid-params` names the fields",
    "401": "Not signed in",
    "403": "Your role does not allow this",
    "404": "Not found, or not visible to you",
}


def add_problem_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            codes = ["401", "403"]
            if "{" in path:
                codes.append("404")
            if method in ("post", "put", "patch"):
                codes.append("400")
            for code in codes:
                responses.setdefault(code, {"description": DESCRIPTIONS[code], "content": problem})
            for response in responses.values():
                response.setdefault("headers", {}).update(API_VERSION_HEADER)
    return result
