"""The norm sets Aanjager ships (domain.md §5), each rule citing its source. Presets are data; a municipality adds
local rules with NormSet.with_rules. Where a source is secondary, the label says so in `source`."""

import datetime as dt

from aanjager.locations.norms import Kind, NormSet, Rule

D = dt.date
DWELLING_LIKE = frozenset({"regular_dwelling", "building_units", "modular_units"})
SNF_SOURCE = "SNF-normering (Stichting Normering Flexwonen): vgvm.nl/42/snf; normeringflexwonen.nl"


def _snf_rules(*, with_2025_07: bool) -> tuple[Rule, ...]:
    rules = [
        Rule("snf-gbo-10", "Vloeroppervlak per persoon", Kind.AREA_PER_PERSON, 10, source=SNF_SOURCE),
        Rule(
            "snf-gbo-12-woning",
            "Vloeroppervlak per persoon in een woning of units",
            Kind.AREA_PER_PERSON,
            12,
            housing_forms=DWELLING_LIKE,
            source=SNF_SOURCE,
        ),
        Rule(
            "snf-slaapkamer-3.5",
            "Slaapkameroppervlak per persoon",
            Kind.BEDROOM_AREA_PER_PERSON,
            3.5,
            source=SNF_SOURCE,
        ),
        Rule(
            "snf-stapelbed",
            "Geen stapelbedden",
            Kind.NO_BUNK_BEDS,
            valid_from=D(2024, 1, 1),
            source="normeringflexwonen.nl (nieuws): geen stapelbedden vanaf 1-1-2024",
        ),
        Rule(
            "snf-slaapkamer-2",
            "Hoogstens 2 personen per slaapkamer",
            Kind.PERSONS_PER_BEDROOM,
            2,
            valid_from=D(2025, 1, 1),
            source="normeringflexwonen.nl (nieuws): geen slaapkamer voor meer dan 2 personen vanaf 1-1-2025",
        ),
        Rule(
            "snf-toilet-8",
            "Een toilet per 8 personen",
            Kind.PERSONS_PER_TOILET,
            8,
            source="vgvm.nl (oudere tekst)",
        ),
        Rule(
            "snf-douche-8",
            "Een douche per 8 personen",
            Kind.PERSONS_PER_SHOWER,
            8,
            source="vgvm.nl (oudere tekst)",
        ),
        Rule(
            "snf-een-dak",
            "Slapen, sanitair, keuken en woonruimte onder één dak",
            Kind.UNDER_ONE_ROOF,
            source="vgvm.nl (oudere tekst)",
        ),
    ]
    if with_2025_07:
        source = "vgvm.nl/42/snf (secundair voor 2025): 15 m² voor nieuwbouw en hotels vanaf 1-7-2025"
        rules += [
            Rule(
                "snf-gbo-15-hotel",
                "Vloeroppervlak per persoon in een hotel of pension",
                Kind.AREA_PER_PERSON,
                15,
                valid_from=D(2025, 7, 1),
                housing_forms=frozenset({"hotel_pension"}),
                source=source,
            ),
            Rule(
                "snf-gbo-15-nieuwbouw",
                "Vloeroppervlak per persoon bij nieuwbouw",
                Kind.AREA_PER_PERSON,
                15,
                valid_from=D(2025, 7, 1),
                new_build_only=True,
                source=source,
            ),
        ]
    return tuple(rules)


AKF_SOURCE = "AKF (Agrarisch Keurmerk Flexwonen), volgens secundaire bronnen"

PRESETS = {
    ("snf", "2024"): NormSet(
        "snf", "2024", "SNF (tot 1 juli 2025)", _snf_rules(with_2025_07=False), SNF_SOURCE, D(2024, 1, 1)
    ),
    ("snf", "2025-07"): NormSet(
        "snf", "2025-07", "SNF (vanaf 1 juli 2025)", _snf_rules(with_2025_07=True), SNF_SOURCE, D(2025, 7, 1)
    ),
    ("akf", "2025"): NormSet(
        "akf",
        "2025",
        "AKF (agrarisch)",
        (
            Rule(
                "akf-gbo-13",
                "Vloeroppervlak per werknemer",
                Kind.AREA_PER_PERSON,
                13,
                valid_to=D(2026, 1, 1),
                source=AKF_SOURCE,
            ),
            Rule(
                "akf-gbo-15",
                "Vloeroppervlak per werknemer",
                Kind.AREA_PER_PERSON,
                15,
                valid_from=D(2026, 1, 1),
                source=AKF_SOURCE,
            ),
            Rule(
                "akf-slaapkamer-2",
                "Hoogstens 2 personen per slaapkamer",
                Kind.PERSONS_PER_BEDROOM,
                2,
                source=AKF_SOURCE,
            ),
        ),
        AKF_SOURCE,
    ),
    ("roemer", "2020"): NormSet(
        "roemer",
        "2020",
        "Advies Roemer (2020)",
        (
            Rule(
                "roemer-gbo-15",
                "Vloeroppervlak per persoon",
                Kind.AREA_PER_PERSON,
                15,
                source="Aanjaagteam Roemer, 'Geen tweederangsburgers' (2020); nos.nl",
            ),
            Rule(
                "roemer-slaapkamer-1",
                "Eén persoon per slaapkamer",
                Kind.PERSONS_PER_BEDROOM,
                1,
                source="Aanjaagteam Roemer (2020); arbeidsmigratieingoedebanen.nl",
            ),
        ),
        "Aanjaagteam Bescherming Arbeidsmigranten (Roemer), 2020",
    ),
    ("omgevingswet", "2024"): NormSet(
        "omgevingswet",
        "2024",
        "Omgevingswet, standaard voor woningen",
        (
            Rule(
                "ow-gbo-12",
                "Vloeroppervlak per persoon in een woning",
                Kind.AREA_PER_PERSON,
                12,
                housing_forms=frozenset({"regular_dwelling", "room_in_family_home"}),
                source="arbeidsmigratieingoedebanen.nl: 12 m² per persoon; gemeenten mogen meer vragen",
            ),
        ),
        "Omgevingswet (standaard; gemeenten mogen strenger zijn)",
    ),
}


def preset(code: str, on: dt.date | None = None) -> NormSet:
    """The preset of `code` in force on `on` (the latest version by valid_from), or the latest one."""
    versions = sorted(
        (s for (c, _), s in PRESETS.items() if c == code), key=lambda s: s.valid_from or D(1900, 1, 1)
    )
    if not versions:
        raise KeyError(code)
    if on is not None:
        versions = [s for s in versions if s.valid_from is None or s.valid_from <= on] or versions[:1]
    return versions[-1]
