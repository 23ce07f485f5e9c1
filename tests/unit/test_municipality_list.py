"""The CBS-list parser is pure Python: test it directly and with generated input."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.geo.municipality_list import MunicipalityListError, parse, parse_changes


def test_reads_the_shipped_header_and_the_cbs_header():
    shipped = b"gm_code,gemeentenaam,provincie,provincie_code\nGM0281,Tiel,Gelderland,PV25\n"
    cbs = (
        "Gemeentecode;GemeentecodeGM;Gemeentenaam;Provinciecode;ProvinciecodePV;Provincienaam\n"
        "281;GM0281;Tiel;25;PV25;Gelderland\n"
    )
    assert parse(shipped)[0].code == "GM0281"
    record = parse(cbs.encode("utf-8-sig"))[0]
    assert (record.code, record.name, record.province_code) == ("GM0281", "Tiel", "PV25")


def test_short_numeric_codes_are_padded():
    data = b"gemeentecode;gemeentenaam;provinciecode;provincienaam\n14;Groningen;20;Groningen\n"
    record = parse(data)[0]
    assert (record.code, record.province_code) == ("GM0014", "PV20")


def test_cp1252_names_survive():
    data = "gm_code;gemeentenaam;provincie_code;provincie\nGM1900;Súdwest-Fryslân;PV21;Fryslân\n".encode(
        "cp1252"
    )
    assert parse(data)[0].name == "Súdwest-Fryslân"


def test_missing_column_and_duplicate_code_are_reported():
    with pytest.raises(MunicipalityListError) as error:
        parse(b"gm_code,gemeentenaam\nGM0001,X\n")
    assert {e.column for e in error.value.errors} == {"provincie_code", "provincie"}
    with pytest.raises(MunicipalityListError) as error:
        parse(b"gm_code,gemeentenaam,provincie_code,provincie\nGM0001,A,PV20,G\nGM0001,B,PV20,G\n")
    assert "staat ook op rij 2" in str(error.value)


def test_empty_file_is_an_error():
    with pytest.raises(MunicipalityListError):
        parse(b"")
    with pytest.raises(MunicipalityListError):
        parse(b"gm_code,gemeentenaam,provincie_code,provincie\n")


def test_changes_file():
    assert parse_changes(b"oude_code;nieuwe_code\n214;GM1999\n") == {"GM0214": "GM1999"}
    with pytest.raises(MunicipalityListError):
        parse_changes(b"old_code,new_code\nGM0214,nowhere\n")


@given(st.binary(max_size=400))
def test_any_bytes_give_records_or_a_clear_error(data):
    try:
        records = parse(data)
    except MunicipalityListError as error:
        assert error.errors and all(e.message for e in error.errors)
    else:
        assert records and all(r.code.startswith("GM") and len(r.code) == 6 for r in records)


@given(
    st.lists(
        st.tuples(
            st.integers(1, 9999),
            st.text(min_size=1, max_size=40).filter(
                lambda s: s.strip() and not set(s) & {",", ";", '"', "\n", "\r"}
            ),
        ),
        min_size=1,
        max_size=20,
        unique_by=lambda t: t[0],
    )
)
def test_generated_valid_lists_round_trip(rows):
    body = "".join(f"GM{code:04d},{name},PV25,Gelderland\n" for code, name in rows)
    records = parse(("gm_code,gemeentenaam,provincie_code,provincie\n" + body).encode())
    assert [(r.code, r.name) for r in records] == [(f"GM{c:04d}", n.strip()) for c, n in rows]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        # NaN and infinity were read as numbers; PostgreSQL's JSON (the audit trail) then refused NaN.
        ("GM0281,Tiel,PV25,Gelderland,CR16,nan,51.9", "centroid_lon", "ligt niet tussen -180 en 180"),
        ("GM0281,Tiel,PV25,Gelderland,CR16,5.4,1e999", "centroid_lat", "ligt niet tussen -90 en 90"),
        ("GM0281,Tiel,PV25,Gelderland,CR16,5.4,91", "centroid_lat", "ligt niet tussen -90 en 90"),
        # Longer than the stored field: refused by row and column, not by the save halfway.
        ("GM0281,Tiel,PV25,Gelderland,CR123,5.4,51.9", "corop_code", "'CR123' is geen COROP-code"),
        ("GM0281,Tiel,PV25," + "G" * 101 + ",CR16,5.4,51.9", "provincie", "langer dan 100 tekens"),
    ],
)
def test_values_that_cannot_be_stored_are_refused_by_row_and_column(row, column, message):
    header = "gm_code,gemeentenaam,provincie_code,provincie,corop_code,centroid_lon,centroid_lat\n"
    with pytest.raises(MunicipalityListError) as error:
        parse((header + row + "\n").encode())
    [found] = error.value.errors
    assert (found.row, found.column) == (2, column) and message in found.message
