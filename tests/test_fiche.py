"""La fiche d'orientation en Markdown et en PDF : ce que le médecin remet."""

import datetime as dt

import pytest

from orientation.resultat.fiche import fiche_markdown, fiche_pdf, police_dejavu
from tests.conftest import exemple, situation

LE = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def complexe(moteur):
    s = situation(exemple("03_personne_agee_complexe.json"))
    return s, moteur.screen(s)


def test_la_fiche_markdown_dit_le_niveau_les_acteurs_les_appuis_et_pourquoi(complexe):
    s, o = complexe
    md = fiche_markdown(s, o, LE)
    assert md.startswith("# Fiche d'orientation\n\nRepérage du 23 novembre 2026")
    assert md.index("## Parcours complexe") < md.index("## Acteurs à mobiliser") \
        < md.index("## Fonctions d'appui") < md.index("## Pourquoi ces propositions")
    assert "### Médico-social à domicile\n\n- SAD aide" in md
    assert "- Gestion de cas" in md
    assert "- Âge : 84 ans" in md and "- Aidant : épuisé" in md
    assert "GIR : 4 (calculé par la grille AGGIR)" in md
    assert "[HAS, Plan personnalisé de santé (PPS) PAERPA, mars 2014](https://www.has-sante.fr/" in md


def test_l_urgence_est_en_tete_de_fiche(moteur):
    s = situation(exemple("09_urgence.json"))
    md = fiche_markdown(s, moteur.screen(s), LE)
    assert md.split("\n\n")[2].startswith("> **") and "appeler le 15" in md.split("\n\n")[2]


def test_le_pdf_est_fait_en_memoire_et_toujours_le_meme(complexe):
    s, o = complexe
    pdf = fiche_pdf(s, o, LE)
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert pdf == fiche_pdf(s, o, LE)
    if police_dejavu():
        assert b"DejaVu" in pdf  # police embarquée : accents, tirets et « ≥ » exacts


def test_sans_police_dejavu_le_pdf_reste_lisible_en_helvetica(complexe):
    s, o = complexe
    pdf = fiche_pdf(s, o, LE, police=None)
    assert pdf.startswith(b"%PDF-") and b"Helvetica" in pdf
