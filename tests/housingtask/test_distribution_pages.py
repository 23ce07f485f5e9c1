"""The distribution page on the demo: optimiser and keys, infeasible bounds, save, compare, choose, rights."""

from io import StringIO

import pytest
from django.core.management import call_command

from aanjager.accounts.models import User
from aanjager.estimates.models import Scenario
from aanjager.housingtask.models import Allocation


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--quiet-logins", stdout=StringIO())
    return Scenario.objects.get(name__endswith="(demo)")


def test_optimiser_key_save_compare_and_choose(client, demo):
    client.force_login(User.objects.get(username="coordinator"))
    url = f"/woonopgave/{demo.pk}/verdeling/"
    empty = client.get(url)
    assert empty.status_code == 200 and "Opgeslagen verdelingen" not in empty.content.decode()
    page = client.get(url, {"methode": "optimiser", "jaar": "2035", "max_GM0281": "20"})
    assert page.status_code == 200, page.content.decode()[:2000]
    html = page.content.decode()
    assert "Eén bed meer toegestaan in Tiel verlaagt de totale woon-werkafstand" in html
    saved = client.post(
        url, {"methode": "optimiser", "jaar": "2035", "max_GM0281": "20", "naam": "Dichtbij werk"}
    )
    assert saved.status_code == 302
    client.post(url, {"methode": "key", "jaar": "2035", "gewicht_jobs": "1", "naam": "Naar banen"})
    near, key = Allocation.objects.get(name="Dichtbij werk"), Allocation.objects.get(name="Naar banen")
    assert sum(near.beds.values()) == pytest.approx(near.gap, rel=1e-6)
    assert near.beds["GM0281"] <= 0.2 * near.gap + 1e-6
    assert near.km <= key.km + 1e-6 or near.beds["GM0281"] < key.beds["GM0281"]
    assert set(near.targets) == {str(y) for y in range(2025, 2036)}
    compare = client.get(url).content.decode()
    assert "Dichtbij werk" in compare and "Naar banen" in compare
    assert client.post(f"/woonopgave/verdeling/{key.pk}/kiezen/").status_code == 302
    assert Allocation.objects.get(is_chosen=True) == key
    client.post(f"/woonopgave/verdeling/{near.pk}/kiezen/")
    assert list(Allocation.objects.filter(is_chosen=True)) == [near]
    assert "Programmadoel per gemeente en jaar" in client.get(url).content.decode()
    duplicate = client.post(url, {"methode": "key", "jaar": "2035", "naam": "Naar banen"})
    assert duplicate.status_code == 400


def test_infeasible_bounds_and_bad_keys_get_a_clear_message(client, demo):
    client.force_login(User.objects.get(username="beleid"))
    url = f"/woonopgave/{demo.pk}/verdeling/"
    caps = {f"max_{code}": "5" for code in demo.run.region.municipalities.values_list("code", flat=True)}
    response = client.get(url, {"methode": "optimiser", "jaar": "2035", **caps})
    assert response.status_code == 400 and "Verhoog het maximum of de capaciteit" in response.content.decode()
    key = client.get(url, {"methode": "key", "gewicht_population": "1", "gewicht_jobs": "0"})
    assert key.status_code == 400 and "mist een waarde" in key.content.decode()


def test_who_may_save(client, demo):
    url = f"/woonopgave/{demo.pk}/verdeling/"
    client.force_login(User.objects.get(username="huisvester"))  # sees the estimate only as published
    assert (
        client.get(url, {"methode": "optimiser"}).status_code == 404
    )  # workers per municipality, small cells too
    assert client.post(url, {"methode": "optimiser", "naam": "Nee"}).status_code == 404
    assert not Allocation.objects.exists()


def test_nan_and_infinite_numbers_are_ignored(client, demo):
    client.force_login(User.objects.get(username="coordinator"))
    url = f"/woonopgave/{demo.pk}/verdeling/"
    response = client.post(
        url, {"methode": "key", "gewicht_jobs": "1e999", "cap_GM0281": "nan", "naam": "Raar"}
    )
    assert response.status_code == 302
    assert Allocation.objects.get(name="Raar").bounds == {}


def test_allocations_in_the_api(client, demo, api_client_for):
    coordinator = User.objects.get(username="coordinator")
    client.force_login(coordinator)
    client.post(
        f"/woonopgave/{demo.pk}/verdeling/", {"methode": "optimiser", "jaar": "2030", "naam": "API-test"}
    )
    api = api_client_for(coordinator)
    [item] = api.get("/api/v1/allocations", {"scenario": demo.pk}).json()["results"]
    assert item["name"] == "API-test" and item["method"] == "optimiser" and "2030" in item["targets"]
    outsider = User.objects.create_user(username="buiten", password="een-lang-wachtwoord-1")
    assert api_client_for(outsider).get("/api/v1/allocations").json()["results"] == []


def test_the_population_key_after_an_import(client, demo, tmp_path):
    lines = ["municipality_code;year;inhabitants"] + [
        f"{code};2025;{10000 * (i + 1)}"
        for i, code in enumerate(sorted(demo.run.region.municipalities.values_list("code", flat=True)))
    ]
    path = tmp_path / "bevolking.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    call_command("import_population", str(path), "--source", "synthetisch (test)", stdout=StringIO())
    client.force_login(User.objects.get(username="coordinator"))
    response = client.get(f"/woonopgave/{demo.pk}/verdeling/", {"methode": "key", "jaar": "2035",
                                                                "gewicht_jobs": "0", "gewicht_population": "1"})  # fmt: skip
    assert response.status_code == 200, response.content.decode()[:500]
    client.post(f"/woonopgave/{demo.pk}/verdeling/", {"methode": "key", "jaar": "2035", "gewicht_jobs": "0",
                                                      "gewicht_population": "1", "naam": "Naar inwoners"})  # fmt: skip
    beds = Allocation.objects.get(name="Naar inwoners").beds
    codes = sorted(beds)
    assert beds[codes[-1]] == pytest.approx(
        8 * beds[codes[0]], abs=0.1
    )  # 80,000 against 10,000 inhabitants (rounded to 0.01)


def test_an_imported_distance_table_steers_the_optimiser(client, demo, tmp_path):
    codes = sorted(demo.run.region.municipalities.values_list("code", flat=True))
    # Tiel far from everyone by road, the others close together: workers of Tiel beyond its cap go elsewhere anyway,
    # and the optimiser now says it used the table.
    lines = ["from_code;to_code;km"] + [f"{a};{b};{90 if 'GM0281' in (a, b) else 10}" for a in codes for b in codes
                                        if a < b]  # fmt: skip
    path = tmp_path / "afstanden.csv"
    path.write_text("\n".join(lines), encoding="utf-8")
    out = StringIO()
    call_command("import_distances", str(path), "--source", "synthetisch (test)", stdout=out)
    assert f"{len(codes) * (len(codes) - 1)} distances stored" in out.getvalue()
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get(
        f"/woonopgave/{demo.pk}/verdeling/", {"methode": "optimiser", "jaar": "2035", "max_GM0281": "5"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "afstandstabel" in html
    assert (
        "90,0 km" in html or "80,0 km" in html
    )  # a bed more in Tiel saves the 90 km trip (less the 10 km one)


def test_a_bad_distance_table_imports_nothing(db, tmp_path):
    from django.core.management import CommandError

    from aanjager.reference.models import Distance

    path = tmp_path / "afstanden.csv"
    path.write_text(
        "from_code;to_code;km\nGM0281;GM0297;12\nGM0281;GM9999;4\nGM0297;GM0216;-3\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_distances", str(path), "--source", "x", stdout=StringIO())
    assert "regel 3, kolom to_code" in str(error.value) and "regel 4, kolom km" in str(error.value)
    assert not Distance.objects.exists()
