"""Chaque exemple livré, avec ses conclusions clés, et l'accessibilité de chaque
identifiant du contrat (clusters, acteurs, appuis, alertes) et de chaque règle."""

import pytest

from orientation.referentiel.lecture_yaml import lire_yaml
from tests.conftest import EXEMPLES, exemple, situation

CLES_ATTENDU = {"niveau", "urgence", "pps", "secteurs", "alertes", "sans_alertes", "appuis",
                "sans_appuis", "acteurs", "sans_acteurs", "scores"}

# Les attendus sont écrits à côté des exemples, dans examples/exemples.yaml (« attendu »).
ATTENDUS: dict[str, dict] = {nom: info.get("attendu", {})
                             for nom, info in (lire_yaml(EXEMPLES / "exemples.yaml") or {}).items()}


def test_chaque_exemple_a_ses_attendus():
    assert {p.name for p in EXEMPLES.glob("*.json")} == set(ATTENDUS)
    assert all(ATTENDUS.values()), "chaque exemple a un « attendu » non vide"


@pytest.mark.parametrize("nom", sorted(ATTENDUS))
def test_exemple(moteur, nom):
    r = moteur.screen(situation(exemple(nom)))
    attendu = ATTENDUS[nom]
    assert set(attendu) <= CLES_ATTENDU, f"clé inconnue dans l'attendu de {nom}"
    assert r.niveau == attendu.get("niveau", r.niveau)
    assert r.urgence == attendu.get("urgence", False)
    if "secteurs" in attendu:
        assert r.secteurs == attendu["secteurs"]
    if "pps" in attendu:
        assert r.pps == attendu["pps"]
    appuis = {a.id for a in r.appuis}
    alertes = {a.id for a in r.alertes}
    acteurs = {a.id for c in r.clusters for a in c.acteurs}
    for cle, constates in (("appuis", appuis), ("alertes", alertes), ("acteurs", acteurs)):
        if cle in attendu:
            voulus = set(attendu[cle])
            assert voulus <= constates if voulus else constates == set(), cle
        assert not set(attendu.get(f"sans_{cle}", [])) & constates, f"sans_{cle}"
    if "scores" in attendu:
        assert r.model_dump(mode="json")["scores"] == attendu["scores"]


def test_l_urgence_vient_en_tete_des_alertes(moteur):
    r = moteur.screen(situation({"age": 30, "contexte": {"urgence": True, "medecin_traitant": False},
                                 "social": {"maltraitance_suspectee": True}}))
    assert [a.id for a in r.alertes][0] == "urgence"


def test_chaque_identifiant_du_contrat_et_chaque_regle_sont_atteints(moteur):
    vus = {"clusters": set(), "acteurs": set(), "appuis": set(), "alertes": set(), "regles": set()}
    for nom in ATTENDUS:
        r = moteur.screen(situation(exemple(nom)))
        vus["clusters"] |= {c.id for c in r.clusters}
        vus["acteurs"] |= {a.id for c in r.clusters for a in c.acteurs}
        vus["appuis"] |= {a.id for a in r.appuis}
        vus["alertes"] |= {a.id for a in r.alertes}
        vus["regles"] |= set(r.regles_tirees)
    cat = moteur.referentiel.catalogue
    assert set(cat.clusters) - vus["clusters"] == set()
    assert {a for c in cat.clusters.values() for a in c.acteurs} - vus["acteurs"] == set()
    assert set(cat.appuis) - vus["appuis"] == set()
    assert set(cat.alertes) - vus["alertes"] == set()
    assert {r.id for r in moteur.referentiel.regles} - vus["regles"] == set()


CONTRAT = {
    "clusters": {"prevention_depistage", "medecine_de_ville", "hopital", "smr_etablissements",
                 "medico_social_domicile", "ressources", "juridico_assuranciel",
                 "social_collectivites"},
    "appuis": {"dac_reponse_globale", "dac_personne_aidant", "dac_coordination_territoriale",
               "coordination_proximite", "gestion_de_cas", "equipe_mobile_geriatrie",
               "equipe_mobile_soins_palliatifs", "communaute_360", "pcpe", "erhr", "empp",
               "mission_accompagnement_sante"},
    "alertes": {"urgence", "sans_medecin_traitant", "sortie_hospitalisation", "maltraitance",
                "sans_couverture"},
}


def test_le_catalogue_garde_tous_les_identifiants_du_contrat(moteur):
    cat = moteur.referentiel.catalogue
    assert CONTRAT["clusters"] <= set(cat.clusters)
    assert CONTRAT["appuis"] <= set(cat.appuis)
    assert CONTRAT["alertes"] <= set(cat.alertes)
