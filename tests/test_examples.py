"""Chaque exemple livré, avec ses conclusions clés, et l'accessibilité de chaque
identifiant du contrat (clusters, acteurs, appuis, alertes) et de chaque règle."""

import pytest

from tests.conftest import EXEMPLES, exemple, situation

ATTENDUS = {
    "01_cas_simple.json": dict(niveau="simple", appuis=set(), alertes=set()),
    "02_criteres_paerpa.json": dict(niveau="coordonne", pps=True,
                                    appuis={"coordination_proximite"},
                                    acteurs={"pharmacien", "medecin_traitant"}),
    "03_personne_agee_complexe.json": dict(
        niveau="complexe", secteurs=["sanitaire", "medico_social", "social"],
        appuis={"dac_reponse_globale", "dac_personne_aidant", "gestion_de_cas",
                "equipe_mobile_geriatrie"},
        acteurs={"consultation_memoire", "equipe_specialisee_alzheimer", "plateforme_repit",
                 "conseil_departemental_apa"},
        scores={"gir": 4, "gir_source": "aggir", "mini_zarit": 6.0,
                "mini_zarit_fardeau": "severe"}),
    "04_handicap_rare.json": dict(niveau="complexe", appuis={"erhr"},
                                  acteurs={"sante_scolaire", "education_nationale", "sessad"}),
    "05_jeune_adulte_handicape_sans_solution.json": dict(
        niveau="complexe",
        appuis={"communaute_360", "pcpe", "dac_coordination_territoriale"},
        acteurs={"savs_samsah", "mdph"}),
    "06_soins_palliatifs_domicile.json": dict(
        niveau="complexe", appuis={"equipe_mobile_soins_palliatifs", "dac_personne_aidant"},
        acteurs={"had", "kinesitherapeute", "personne_de_confiance"},
        sans_acteurs={"structure_douleur_chronique"},
        scores={"mini_zarit": 3.5, "mini_zarit_fardeau": "modere_a_severe", "gir": 2,
                "gir_source": "saisi"}),
    "07_precarite_sans_couverture.json": dict(
        niveau="complexe", alertes={"sans_couverture", "sans_medecin_traitant"},
        appuis={"empp", "mission_accompagnement_sante"},
        acteurs={"pass", "cmp", "interpretariat", "complementaire_sante"},
        scores={"epices": 100.0, "epices_precarite": True}),
    "08_enfant.json": dict(niveau="coordonne", alertes=set(),
                           acteurs={"pmi", "camsp", "mdph"}),
    "09_urgence.json": dict(urgence=True, alertes={"urgence"},
                            acteurs={"samu_centre_15", "urgences"}),
    "10_sortie_hospitalisation.json": dict(
        niveau="complexe", alertes={"sortie_hospitalisation"},
        appuis={"equipe_mobile_geriatrie", "dac_reponse_globale"},
        acteurs={"smr", "sad_aide", "sad_soins", "kinesitherapeute"}),
    "11_fragilite_reperee.json": dict(niveau="coordonne", acteurs={"hopital_de_jour_fragilite"},
                                      scores={"fragilite": "fragile"}),
    "12_maltraitance_suspectee.json": dict(niveau="complexe", alertes={"maltraitance"},
                                           acteurs={"protection_juridique",
                                                    "service_social_departemental"}),
    "13_complexite_ressentie.json": dict(niveau="complexe", appuis={"dac_reponse_globale"},
                                         acteurs={"csapa"}),
    "14_dependance_lourde.json": dict(niveau="complexe", acteurs={"usld", "ehpad",
                                                                  "hebergement_temporaire"}),
    # Déjà suivi par un DAC : un professionnel a jugé le parcours complexe (CSP L6327-1).
    "15_retraite_gir5_hors_residence.json": dict(niveau="complexe",
                                                 appuis={"dac_reponse_globale"},
                                                 acteurs={"caisse_retraite"}),
    # Un enfant en danger n'est jamais « simple » ; information préoccupante (CASF L226-3).
    "16_enfant_en_danger.json": dict(
        niveau="complexe", alertes={"enfant_en_danger", "maltraitance"},
        acteurs={"crip", "procureur_republique"},
        sans_acteurs={"personne_de_confiance", "protection_juridique"}),
    # Plusieurs secteurs sans risque de rupture : coordonné, avec un PPS, sans DAC.
    "17_alzheimer_debutant_entoure.json": dict(
        niveau="coordonne", pps=True, secteurs=["sanitaire", "medico_social", "social"],
        appuis={"coordination_proximite"}, sans_appuis={"dac_reponse_globale"},
        acteurs={"equipe_specialisee_alzheimer", "consultation_memoire"}),
    # Fin de vie seul, sans aidant ni aide : complexe, EMSP et DAC.
    "18_fin_de_vie_seul.json": dict(
        niveau="complexe", appuis={"equipe_mobile_soins_palliatifs", "dac_reponse_globale"},
        acteurs={"had", "sad_aide", "ccas"}),
    # Crise comportementale d'une démence : UCC, UHR, équipe mobile de gériatrie, pas d'USLD.
    "19_crise_comportementale_demence.json": dict(
        niveau="complexe", appuis={"equipe_mobile_geriatrie", "dac_personne_aidant"},
        acteurs={"unite_cognitivo_comportementale", "unite_hebergement_renforcee"},
        sans_acteurs={"usld"}),
    # Sans domicile et malade : 115/SIAO, LHSS ; pas d'EMPP sans trouble psychique.
    "20_sans_domicile_malade.json": dict(
        niveau="complexe", acteurs={"siao_115", "lhss", "lam", "act"},
        sans_appuis={"empp"}),
    # Troubles cognitifs d'un enfant : plateforme TND, pas de consultation mémoire.
    "21_enfant_troubles_apprentissage.json": dict(
        niveau="coordonne", appuis={"pco_tnd"},
        acteurs={"orthophoniste", "medecin_specialiste"},
        sans_acteurs={"consultation_memoire", "personne_de_confiance"}),
}


def test_chaque_exemple_a_ses_attendus():
    assert {p.name for p in EXEMPLES.glob("*.json")} == set(ATTENDUS)


@pytest.mark.parametrize("nom", sorted(ATTENDUS))
def test_exemple(moteur, nom):
    r = moteur.screen(situation(exemple(nom)))
    attendu = ATTENDUS[nom]
    assert r.niveau == attendu.get("niveau", r.niveau)
    assert r.urgence == attendu.get("urgence", False)
    if "secteurs" in attendu:
        assert r.secteurs == attendu["secteurs"]
    if "pps" in attendu:
        assert r.pps == attendu["pps"]
    appuis = {a.id for a in r.appuis}
    alertes = {a.id for a in r.alertes}
    acteurs = {a.id for c in r.clusters for a in c.acteurs}
    if "appuis" in attendu:
        assert attendu["appuis"] <= appuis if attendu["appuis"] else appuis == set()
    if "alertes" in attendu:
        assert attendu["alertes"] <= alertes if attendu["alertes"] else alertes == set()
    assert attendu.get("acteurs", set()) <= acteurs
    assert not attendu.get("sans_acteurs", set()) & acteurs
    assert not attendu.get("sans_appuis", set()) & appuis
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
