"""Demo business case (synthetic, labelled "(demo)"): one site in Tiel with three variants (issue 7)."""

from decimal import Decimal as D

from aanjager.demo import programme as demo_programme
from aanjager.geo.models import Municipality
from aanjager.organisations.models import Organisation

SITE = "Bedrijventerrein Medel, kavel 7 (demo)"

VARIANTS = [
    {
        "name": "Modulaire nieuwbouw",
        "housing_form": "modular",
        "beds": 120,
        "floor_area_per_bed": D("12"),
        "capex_per_bed": D("38000"),
        "land_lease_per_year": D("45000"),
        "permit_term_years": 15,
        "residual_percent": D("25"),
        "rent_per_bed_per_week": D("130"),
        "occupancy_percent": D("92"),
        "opex_per_bed_per_week": D("32"),
        "scores": {"distance_to_work": 5, "quality": 5, "neighbourhood": 4, "support": 3, "permit_risk": 3},
    },
    {
        "name": "Transformatie kantoorpand",
        "housing_form": "transformation",
        "beds": 90,
        "floor_area_per_bed": D("14"),
        "capex_per_m2": D("2100"),
        "permit_term_years": 15,
        "rent_per_bed_per_week": D("125"),
        "occupancy_percent": D("90"),
        "opex_per_bed_per_week": D("35"),
        "scores": {"distance_to_work": 3, "quality": 4, "neighbourhood": 4, "support": 4, "permit_risk": 4},
    },
    {
        "name": "Ombouw hotel",
        "housing_form": "hotel",
        "beds": 80,
        "floor_area_per_bed": D("16"),
        "capex_per_bed": D("48000"),
        "permit_term_years": 10,
        "rent_per_bed_per_week": D("145"),
        "occupancy_percent": D("88"),
        "opex_per_bed_per_week": D("38"),
        "scores": {"distance_to_work": 2, "quality": 4, "neighbourhood": 5, "support": 4, "permit_risk": 5},
    },
]


def load() -> int:
    from aanjager.businesscase import services
    from aanjager.businesscase.models import BusinessCase

    if BusinessCase.objects.filter(name=SITE).exists():
        return 0
    case = services.create_case(
        actor=None,
        is_demo=True,
        name=SITE,
        municipality=Municipality.objects.get(code="GM0281"),
        organisation=Organisation.objects.get(name="Flexwonen Waal & Linge (demo)"),
        measure_package=demo_programme.package("3.1"),
        weights={"distance_to_work": 3, "quality": 3, "neighbourhood": 2, "support": 2, "permit_risk": 2},
        notes="Synthetisch voorbeeld: drie manieren om dezelfde plek te benutten (demo).",
    )
    for variant in VARIANTS:
        services.add_variant(actor=None, case=case, **variant)
    return len(VARIANTS)
