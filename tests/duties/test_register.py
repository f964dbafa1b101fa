"""The duty register: every shipped row cites law, article and status; bad rows are refused."""

from __future__ import annotations

import csv
import io

import pytest

from regiokompas.data import REGION_TYPES, DataFileError
from regiokompas.data._regioatlas import ATLAS_LAYERS
from regiokompas.duties import COLUMNS, load_duties, parse_duties
from regiokompas.duties.register import DUTY_FILE


def _shipped_rows() -> list[dict[str, str]]:
    from importlib import resources

    text = (resources.files("regiokompas.duties") / "data" / DUTY_FILE).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_every_shipped_duty_has_law_article_status_and_source() -> None:
    duties = load_duties()
    assert len(duties) >= 6
    for d in duties:
        assert d.wet and d.artikel and d.status in ("in_werking", "wetsvoorstel")
        assert d.bron_url.startswith("https://wetten.overheid.nl/BWBR")
        assert len(d.geverifieerd) > 40  # what was checked, not a placeholder


def test_region_types_of_duties_exist_in_the_bundle() -> None:
    known = set(REGION_TYPES) | set(ATLAS_LAYERS)
    assert {d.regiotype for d in load_duties()} <= known


@pytest.mark.parametrize("column", ["wet", "artikel", "status"])
def test_a_row_without_law_article_or_status_is_refused(column: str) -> None:
    rows = _shipped_rows()
    rows[2][column] = ""
    with pytest.raises(DataFileError) as info:
        parse_duties(_csv(rows))
    assert column in str(info.value) and "regel 4" in str(info.value)


def test_a_bill_needs_its_kamerstuk() -> None:
    rows = _shipped_rows()
    rows[0]["status"] = "wetsvoorstel"
    rows[0]["kamerstuk"] = ""
    with pytest.raises(DataFileError, match="Kamerstuk"):
        parse_duties(_csv(rows))
    rows[0]["kamerstuk"] = "36546"
    duty = parse_duties(_csv(rows))[0]
    assert duty.status_tekst == "wetsvoorstel (Kamerstuk 36546)"


def test_unknown_status_and_duplicate_ids_are_refused() -> None:
    rows = _shipped_rows()
    rows[1]["status"] = "misschien"
    with pytest.raises(DataFileError, match="onbekend"):
        parse_duties(_csv(rows))
    rows = _shipped_rows()
    rows[1]["id"] = rows[0]["id"]
    with pytest.raises(DataFileError, match="dubbele"):
        parse_duties(_csv(rows))


def test_status_text_names_the_date_in_force() -> None:
    vr = next(d for d in load_duties() if d.id == "veiligheidsregio")
    assert vr.status_tekst == "in werking sinds 1-10-2010"
    assert vr.bron_tekst == "Wet veiligheidsregio's, artikel 8 en 9"
    assert vr.required


def test_a_duty_file_can_be_edited_and_loaded_from_a_path(tmp_path) -> None:
    rows = _shipped_rows()[:1]
    rows[0]["toelichting"] = "eigen aanvulling"
    path = tmp_path / "plichten.csv"
    path.write_text(_csv(rows), encoding="utf-8")
    (duty,) = load_duties(path)
    assert duty.toelichting == "eigen aanvulling"
