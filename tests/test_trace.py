"""Une seule évaluation qui s'explique : la trace dit pourquoi une règle a tiré et ce qui
manque pour trancher les autres ; elle s'accorde avec durable_rules et avec l'oracle."""

import pytest

from orientation.evaluation.trace import evaluer
from orientation.situation.faits import construire_fait
from orientation.tables.colonnes import lire_tableau
from orientation.tables.synthese import cohorte_complete
from tests.conftest import situation
from tests.oracles import vraie


@pytest.fixture(scope="module")
def situations():
    valides, rejets = lire_tableau(cohorte_complete(300, graine=3))
    assert not rejets
    return [s for _, _, s in valides]


def _conclus(o, referentiel):
    tirees = [referentiel.regle(i) for i in o.regles_tirees]
    return {
        "secteurs": set(o.secteurs), "parcours": set(o.parcours),
        "clusters": {c.id for c in o.clusters}, "appuis": {a.id for a in o.appuis},
        "alertes": {a.id for a in o.alertes},
        "niveau": {r.alors.niveau for r in tirees if r.alors.niveau},
        "pps": {True} if o.pps else set(), "urgence": {True} if o.urgence else set(),
    }


def test_la_trace_retrouve_exactement_les_regles_tirees_par_durable_rules(moteur, situations):
    ref = moteur.referentiel
    for s in situations:
        o = moteur.screen(s)
        fait = construire_fait(s, moteur.parametres)
        conclus = _conclus(o, ref)
        traces = {r.id: evaluer(r.si, fait, conclus) for r in ref.regles}
        assert {i for i, t in traces.items() if t.vraie} == set(o.regles_tirees), s
        for r in ref.regles:  # et l'oracle le plus simple dit la même chose
            assert traces[r.id].vraie == vraie(r.si, fait, conclus), r.id


def test_une_regle_tiree_n_est_jamais_a_completer_et_une_regle_tranchee_non_plus(moteur,
                                                                                situations):
    for s in situations[:200]:
        o = moteur.screen(s)
        tirees = set(o.regles_tirees)
        for a in o.a_completer:
            assert not set(a.regles) & tirees
            assert a.champ.startswith(("scores.", "autonomie.gir")), a.champ


def test_les_informations_qui_changeraient_le_niveau_viennent_en_tete(moteur):
    o = moteur.screen(situation({"age": 80, "autonomie": {"aides": "insuffisantes"}}))
    assert o.a_completer, "ce patient a des instruments non renseignés"
    rangs = [a.niveau_possible is None for a in o.a_completer]
    assert rangs == sorted(rangs)  # ceux qui élèvent le niveau d'abord
    for a in o.a_completer:
        if a.niveau_possible:
            niveaux = moteur.referentiel.catalogue.ordre_niveaux
            assert niveaux.index(a.niveau_possible) > niveaux.index(o.niveau)


def test_une_situation_complete_n_a_rien_a_completer(moteur):
    o = moteur.screen(situation({
        "age": 80, "autonomie": {"gir": 4, "fragilite": dict.fromkeys(
            ["vit_seul", "perte_de_poids", "fatigue", "mobilite", "plainte_memoire",
             "marche_lente"], "non")},
        "social": {"mini_zarit": ["jamais"] * 7, "epices": dict.fromkeys(
            ["travailleur_social", "complementaire", "couple", "proprietaire",
             "difficultes_financieres", "sport", "spectacle", "vacances", "contacts_famille",
             "hebergement_possible", "aide_materielle"], False)}}))
    assert o.a_completer == []
