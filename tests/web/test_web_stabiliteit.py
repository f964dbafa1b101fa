"""The stability map on the region page: lines per neighbour pair and the same shares as the
core's stability map, in a table."""

from __future__ import annotations

import html as html_lib
import re

from fastapi.testclient import TestClient
from web_helpers import Page

from regiokompas.data import load_dataset
from regiokompas.partition import (
    RegionPartitioner,
    engine_scenarios,
    engine_scorer,
    stability_map,
)
from regiokompas.savings import SavingsEngine


def test_region_page_shows_the_stability_map(client: TestClient) -> None:
    url = "/regios/VR15?taakveld=0.61&groepsgrootte=4&stabiliteit=1"
    response = client.get(url)
    assert response.status_code == 200, response.text
    html = response.text
    page = Page(html)
    assert page.find("section", id="stabiliteit")
    rows = re.findall(
        r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td><td class="getal">(\d+)%</td></tr>', html
    )
    assert rows, "no pair table"
    # The core, independently: same engine mode, draws, seed and settings.
    ds = load_dataset()
    engine = SavingsEngine.from_dataset(ds, mode="literature")
    model = RegionPartitioner.from_region(
        ds, "veiligheidsregio:VR15", engine_scorer(engine, ["0.61"]), max_size=4
    )
    core = stability_map(model, engine_scenarios(engine, ["0.61"], draws=100, seed=0), workers=1)
    names = dict(zip(ds.gemeenten["gm_code"], ds.gemeenten["naam"], strict=True))
    expected = {(names[a], names[b]): round(100 * s) for a, b, s in core.pairs}
    got = {(html_lib.unescape(a), html_lib.unescape(b)): int(s) for a, b, s in rows}
    assert got == expected
    # One line per pair that is ever grouped, its title giving the share.
    lines = re.findall(r"<line [^>]*><title>([^<]+): (\d+)%</title></line>", html)
    assert len(lines) == sum(s > 0 for _, _, s in core.pairs)
    assert "literatuurpriors" in page.plain


def test_stability_is_not_computed_unless_asked(client: TestClient) -> None:
    html = client.get("/regios/VR15?taakveld=0.61&groepsgrootte=4").text
    assert "<line " not in html
    assert 'id="stabiliteit"' in html  # the section with its button is there
