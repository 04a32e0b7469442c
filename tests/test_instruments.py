"""Les instruments validés, sur les valeurs de contrôle de REFERENTIEL.md § 3."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orientation.situation import instruments as ins

CLES_EPICES = list(ins.EPICES_COEFFICIENTS)


def test_epices_tout_non_vaut_la_constante():
    assert ins.score_epices(dict.fromkeys(CLES_EPICES, False)) == 75.14


def test_epices_seuls_les_deux_items_positifs_donnent_100():
    reponses = dict.fromkeys(CLES_EPICES, False)
    reponses.update(travailleur_social=True, difficultes_financieres=True)
    assert ins.score_epices(reponses) == 100.0


def test_epices_tout_oui_sauf_positifs_donne_zero():
    reponses = dict.fromkeys(CLES_EPICES, True)
    reponses.update(travailleur_social=False, difficultes_financieres=False)
    assert ins.score_epices(reponses) == 0.0


def test_epices_incomplet_n_a_pas_de_score():
    reponses = dict.fromkeys(CLES_EPICES[:-1], False)
    with pytest.raises(ValueError, match="incomplet.*aide_materielle"):
        ins.score_epices(reponses)


@given(st.fixed_dictionaries({k: st.booleans() for k in CLES_EPICES}))
def test_epices_toujours_entre_0_et_100(reponses):
    assert 0.0 <= ins.score_epices(reponses) <= 100.0


@pytest.mark.parametrize(
    ("reponses", "score"),
    [(["jamais"] * 7, 0.0), (["souvent"] * 7, 7.0), (["parfois"] * 7, 3.5),
     (["souvent", "parfois", "jamais", "jamais", "jamais", "jamais", "jamais"], 1.5)],
)
def test_mini_zarit_score(reponses, score):
    assert ins.score_mini_zarit(reponses) == score


@pytest.mark.parametrize(
    ("score", "bande"),
    [(0, "absent_ou_leger"), (1, "absent_ou_leger"), (1.5, "leger_a_modere"),
     (3, "leger_a_modere"), (3.5, "modere_a_severe"), (5, "modere_a_severe"),
     (5.5, "severe"), (7, "severe")],
)
def test_mini_zarit_bandes(score, bande):
    assert ins.bande_mini_zarit(score, (1, 3, 5)) == bande


def test_mini_zarit_refuse_un_questionnaire_incomplet():
    with pytest.raises(ValueError, match="7 questions"):
        ins.score_mini_zarit(["jamais"] * 6)


GFST_NON = dict.fromkeys(ins.GFST_QUESTIONS, "non")


def test_gfst_sans_oui_n_est_pas_repere():
    assert ins.conclusion_gfst(GFST_NON, None) == "non_reperee"


def test_gfst_un_oui_attend_le_jugement_clinique():
    assert ins.conclusion_gfst({**GFST_NON, "fatigue": "oui"}, None) == "a_confirmer"
    assert ins.conclusion_gfst({**GFST_NON, "fatigue": "ne_sait_pas"}, None) == "non_reperee"


def test_gfst_le_jugement_decide():
    assert ins.conclusion_gfst({**GFST_NON, "fatigue": "oui"}, True) == "fragile"
    assert ins.conclusion_gfst({**GFST_NON, "fatigue": "oui"}, False) == "non_fragile"


def grille(codes: str) -> dict:
    return dict(zip(ins.AGGIR_VARIABLES, codes, strict=True))


@pytest.mark.parametrize(("codes", "gir"), [("AAAAAAAA", 6), ("CCCCCCCC", 1), ("BBBBBBBB", 4)])
def test_aggir_vecteurs_de_controle(codes, gir):
    assert ins.gir_depuis_aggir(grille(codes)) == gir


def test_aggir_n_est_pas_monotone_et_on_ne_le_corrige_pas():
    # Transferts en B (groupe H, poids 2000) donne GIR 5 ; en C (poids 1000), GIR 6.
    assert ins.gir_depuis_aggir(grille("AAAAAABA")) == 5
    assert ins.gir_depuis_aggir(grille("AAAAAACA")) == 6


def test_aggir_rangs_des_premiers_groupes():
    # Cohérence et orientation en C, le reste en A : groupe A = 3200 (< 3390) ;
    # groupe B = 2700 (≥ 2016) → rang 4 → GIR 2.
    assert ins.rang_aggir(grille("CCAAAAAA")) == 4
    assert ins.gir_depuis_aggir(grille("CCAAAAAA")) == 2


def test_aggir_toutes_les_grilles_donnent_un_gir_de_1_a_6():
    vus = set()
    for codes in itertools.product("ABC", repeat=8):
        gir = ins.gir_depuis_aggir(grille("".join(codes)))
        assert 1 <= gir <= 6
        vus.add(gir)
    assert vus == {1, 2, 3, 4, 5, 6}


def test_aggir_ignore_deplacement_exterieur_et_communication():
    codes = grille("BBBBBBBB")
    avec = {**codes, "deplacement_exterieur": "C", "communication": "C"}
    assert ins.gir_depuis_aggir(avec) == ins.gir_depuis_aggir(codes)
