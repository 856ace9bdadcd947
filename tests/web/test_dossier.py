"""The dossier quotes the claim behind each tie and leads to the table and the explorer."""


def test_each_tie_of_the_dossier_carries_its_best_quote(client, world):
    page = client.get(f"/actors/{world.ids['Black Banner Brigade']}").text
    # the assertion is quoted, not the denial, and the claimant and source are named
    assert "“Officials in Niamey said the Kora Valley Front supplied rifles" in page
    assert "— Officials in Niamey, Sahel Monitor, 2024-03-01" in page
    assert "“Instructors of the Kora Valley Front trained the Black Banner Brigade near Tillaberi.”" in page
    assert f'href="/ties?actor={world.ids["Black Banner Brigade"]}"' in page
    assert f'href="/graph?actor={world.ids["Black Banner Brigade"]}"' in page


def test_a_hostile_claimant_is_quoted_as_text(client, world):
    page = client.get(f"/actors/{world.ids['Red Hand Cell']}").text
    assert "The Red Hand Cell funds the Kora Valley Front." in page
    assert "<script>alert('claimant')" not in page and "&lt;script&gt;alert(" in page
