"""Who may do what: one explicit table, read by selectors, services, API permissions and the docs.

A cell says how far a role reaches for an object type and action:
- ALL:  every object;
- AREA: objects in the membership's area: for a regional coordinator the municipalities of their region, for
        other roles their organisation's seat municipality plus the municipalities of every region that contains
        it;
- OWN:  the membership's own organisation (for memberships: the user's own memberships);
  for users, AREA means users with a membership in an organisation seated in the area, and users without any
  membership yet (so a coordinator can attach a new account that an administrator made);
- NONE: nothing.
A user with several memberships gets the union. docs/roles-and-scoping.md is generated from this table
(`aanjager scoping_table`) and a test keeps the two equal.
"""

from enum import StrEnum


class Scope(StrEnum):
    ALL = "all"
    AREA = "area"
    OWN = "own"
    NONE = "none"


ROLES = (
    "administrator",
    "regional_coordinator",
    "policy_advisor",
    "inspector",
    "housing_provider",
    "employer",
    "reader",
)
OBJECT_TYPES = (
    "municipality",
    "region",
    "organisation",
    "contact_person",
    "user",
    "membership",
    "audit_entry",
    "estimate_run",
    "location",
    "inspection",
    "bed_plan",
    "norm_rule",
    "company_plan",
    "agreement",
    "progress_update",
    "team",
    "meeting",
    "progress_report",
    "business_case",
    "policy_scan",
    "programme",
    "participation",
)
ACTIONS = ("view", "create", "change", "delete")

A, R, O, N = Scope.ALL, Scope.AREA, Scope.OWN, Scope.NONE  # noqa: E741 -- short names keep the table readable


def _row(*scopes: Scope) -> dict[str, Scope]:
    return dict(zip(ROLES, scopes, strict=True))


#                       admin coord advisor insp  provider employer reader
POLICY: dict[tuple[str, str], dict[str, Scope]] = {
    ("municipality", "view"): _row(A, A, A, A, A, A, A),
    ("municipality", "create"): _row(N, N, N, N, N, N, N),
    ("municipality", "change"): _row(N, N, N, N, N, N, N),
    ("municipality", "delete"): _row(N, N, N, N, N, N, N),
    ("region", "view"): _row(A, A, A, A, A, A, A),
    ("region", "create"): _row(A, N, N, N, N, N, N),
    ("region", "change"): _row(A, R, N, N, N, N, N),
    ("region", "delete"): _row(A, N, N, N, N, N, N),
    ("organisation", "view"): _row(A, R, R, R, O, O, R),
    ("organisation", "create"): _row(A, R, N, N, N, N, N),
    ("organisation", "change"): _row(A, R, O, N, O, O, N),
    ("organisation", "delete"): _row(A, R, N, N, N, N, N),
    ("contact_person", "view"): _row(A, R, R, R, O, O, R),
    ("contact_person", "create"): _row(A, R, O, N, O, O, N),
    ("contact_person", "change"): _row(A, R, O, N, O, O, N),
    ("contact_person", "delete"): _row(A, R, O, N, O, O, N),
    ("user", "view"): _row(A, R, N, N, N, N, N),
    ("user", "create"): _row(A, N, N, N, N, N, N),
    ("user", "change"): _row(A, N, N, N, N, N, N),
    ("user", "delete"): _row(
        N, N, N, N, N, N, N
    ),  # accounts are deactivated, never deleted: the trail stays whole
    ("membership", "view"): _row(A, R, O, O, O, O, O),
    ("membership", "create"): _row(A, R, N, N, N, N, N),
    ("membership", "change"): _row(A, R, N, N, N, N, N),
    ("membership", "delete"): _row(A, R, N, N, N, N, N),
    ("audit_entry", "view"): _row(A, N, N, N, N, N, N),
    ("audit_entry", "create"): _row(N, N, N, N, N, N, N),
    ("audit_entry", "change"): _row(N, N, N, N, N, N, N),
    ("audit_entry", "delete"): _row(N, N, N, N, N, N, N),
    # Estimates: a run belongs to a region (AREA) and to the organisation that ran it (OWN). Published runs are
    # also readable by every member whose area covers the run's region, with small cells suppressed
    # (estimates/selectors.py, estimates/suppression.py).
    ("estimate_run", "view"): _row(A, R, R, O, N, N, O),
    ("estimate_run", "create"): _row(A, R, R, N, N, N, N),
    ("estimate_run", "change"): _row(A, R, O, N, N, N, N),
    ("estimate_run", "delete"): _row(A, R, O, N, N, N, N),
    # Locations: in a municipality (AREA) and run by an operator (OWN). Municipalities see everything within their
    # area, coordinators read across their region, operators keep their own. Deletion is for mistakes only: a
    # location that existed is closed, so its history keeps counting.
    ("location", "view"): _row(A, R, R, R, O, N, R),
    ("location", "create"): _row(A, N, R, N, O, N, N),
    ("location", "change"): _row(A, N, R, N, O, N, N),
    ("location", "delete"): _row(A, N, N, N, N, N, N),
    # Inspections (with their follow-ups): the municipality inspects within its area; the operator sees those of
    # its own locations; coordinators read across the region.
    ("inspection", "view"): _row(A, R, R, R, O, N, N),
    ("inspection", "create"): _row(A, N, R, R, N, N, N),
    ("inspection", "change"): _row(A, N, R, R, N, N, N),
    ("inspection", "delete"): _row(A, N, N, N, N, N, N),
    # Bed-voor-bed plans: of a provider (OWN) in a municipality (AREA). The provider and the municipality draw the
    # plan up together; coordinators and inspectors read across their area.
    ("bed_plan", "view"): _row(A, R, R, R, O, N, R),
    ("bed_plan", "create"): _row(A, N, R, N, O, N, N),
    ("bed_plan", "change"): _row(A, N, R, N, O, N, N),
    ("bed_plan", "delete"): _row(A, N, R, N, O, N, N),
    # Local norm rules: public policy, read by everyone; the municipality's policy advisors set them for their area.
    ("norm_rule", "view"): _row(A, A, A, A, A, A, A),
    ("norm_rule", "create"): _row(A, N, R, N, N, N, N),
    ("norm_rule", "change"): _row(A, N, R, N, N, N, N),
    ("norm_rule", "delete"): _row(A, N, R, N, N, N, N),
    # Company plans: at a site in a municipality (AREA), of a company (OWN: the employer keeps its own plans).
    # Coordinators and advisors work them out with the company; housing providers do not see them.
    ("company_plan", "view"): _row(A, R, R, R, N, O, R),
    ("company_plan", "create"): _row(A, R, R, N, N, O, N),
    ("company_plan", "change"): _row(A, R, R, N, N, O, N),
    ("company_plan", "delete"): _row(A, R, R, N, N, O, N),
    # Agreements with their commitments: covering a region or municipalities (AREA); OWN is a party to it or a
    # member organisation of the region's aanjaagteam. Coordinators and the municipalities' advisors draw them up.
    ("agreement", "view"): _row(A, R, R, N, O, O, R),
    ("agreement", "create"): _row(A, R, R, N, N, N, N),
    ("agreement", "change"): _row(A, R, R, N, N, N, N),
    ("agreement", "delete"): _row(A, R, R, N, N, N, N),
    # Progress updates: only the committed party reports (OWN: the commitment is its own); the coordinator reviews
    # (change). Nothing reported is deleted but by an administrator.
    ("progress_update", "view"): _row(A, R, R, N, O, O, R),
    ("progress_update", "create"): _row(A, N, O, N, O, O, N),
    ("progress_update", "change"): _row(A, R, N, N, N, N, N),
    ("progress_update", "delete"): _row(A, N, N, N, N, N, N),
    # Aanjaagteams with their engagement board: the coordinator keeps them; members (OWN: a member organisation)
    # and the region's readers follow them.
    ("team", "view"): _row(A, R, R, N, O, O, R),
    ("team", "create"): _row(A, R, N, N, N, N, N),
    ("team", "change"): _row(A, R, N, N, N, N, N),
    ("team", "delete"): _row(A, R, N, N, N, N, N),
    # Meetings of a region with their action items; participants (OWN) see the meetings they took part in.
    ("meeting", "view"): _row(A, R, R, N, O, O, R),
    ("meeting", "create"): _row(A, R, R, N, N, N, N),
    ("meeting", "change"): _row(A, R, R, N, N, N, N),
    ("meeting", "delete"): _row(A, R, R, N, N, N, N),
    # Progress reports: frozen snapshots. The coordinator generates and publishes (change); once published the
    # PDF is public. National reports (no region) are for administrators.
    ("progress_report", "view"): _row(A, R, R, N, N, N, R),
    ("progress_report", "create"): _row(A, R, N, N, N, N, N),
    ("progress_report", "change"): _row(A, R, N, N, N, N, N),
    ("progress_report", "delete"): _row(A, N, N, N, N, N, N),
    # Business cases for a housing location: of an organisation (OWN: the provider drawing up its own) at a site in
    # a municipality (AREA). Municipal advisors and coordinators weigh them; inspectors and employers do not.
    ("business_case", "view"): _row(A, R, R, N, O, N, R),
    ("business_case", "create"): _row(A, R, R, N, O, N, N),
    ("business_case", "change"): _row(A, R, R, N, O, N, N),
    ("business_case", "delete"): _row(A, R, R, N, O, N, N),
    # Policy scans: of a municipality (AREA), held by an organisation (OWN); partners outside government do not
    # read a municipality's self-assessment.
    ("policy_scan", "view"): _row(A, R, R, R, N, N, R),
    ("policy_scan", "create"): _row(A, R, R, N, N, N, N),
    ("policy_scan", "change"): _row(A, R, R, N, N, N, N),
    ("policy_scan", "delete"): _row(A, R, O, N, N, N, N),
    # A regional programme belongs to its region; the coordinator keeps its structure, everyone in the region
    # reads it (market parties are covenant partners).
    ("programme", "view"): _row(A, R, R, R, R, R, R),
    ("programme", "create"): _row(A, R, N, N, N, N, N),
    ("programme", "change"): _row(A, R, N, N, N, N, N),
    ("programme", "delete"): _row(A, R, N, N, N, N, N),
    # A municipality's opt-in or opt-out on a measure: its own decision (OWN = the organisation's seat
    # municipality), or the coordinator's for the region.
    ("participation", "view"): _row(A, R, R, R, R, R, R),
    ("participation", "create"): _row(A, R, O, N, N, N, N),
    ("participation", "change"): _row(A, R, O, N, N, N, N),
    ("participation", "delete"): _row(A, R, N, N, N, N, N),
}

# Roles a regional coordinator may hand out: never administrator or another coordinator's job.
ROLES_A_COORDINATOR_MAY_GRANT = ("policy_advisor", "inspector", "housing_provider", "employer", "reader")


def scope(role: str, object_type: str, action: str) -> Scope:
    return POLICY[(object_type, action)][role]


def markdown_table(role_labels: dict[str, str] | None = None) -> str:
    labels = role_labels or {r: r for r in ROLES}
    head = "| object | action | " + " | ".join(labels[r] for r in ROLES) + " |"
    sep = "|---|---|" + "---|" * len(ROLES)
    rows = [
        f"| {obj} | {action} | " + " | ".join(POLICY[(obj, action)][r].value for r in ROLES) + " |"
        for obj in OBJECT_TYPES
        for action in ACTIONS
    ]
    return "\n".join([head, sep, *rows])
