"""FHIR R4 : le questionnaire engendré du vocabulaire, la lecture des réponses, le Bundle
de l'orientation (``orientation screen --format fhir``)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from orientation.interfaces import fhir
from orientation.situation.erreurs import lire_situation_json
from orientation.situation.faits import CHAMPS
from orientation.situation.modele import Situation
from tests.conftest import EXEMPLES, RACINE

FICHIERS = sorted(EXEMPLES.glob("*.json"))
NOMS = [f.stem for f in FICHIERS]


def situation_de(fichier) -> Situation:
    return lire_situation_json(fichier.read_bytes())


@pytest.fixture(scope="module")
def questionnaire(moteur):
    return fhir.questionnaire(moteur.referentiel)


def items(liste):
    for item in liste:
        yield item
        yield from items(item.get("item", []))


def index(questionnaire) -> dict[str, dict]:
    return {i["linkId"]: i for i in items(questionnaire["item"])}


# --- Le questionnaire ---------------------------------------------------------------------


def test_le_questionnaire_est_valide_et_couvre_chaque_champ_saisi(questionnaire):
    Questionnaire.model_validate(questionnaire)
    par_lien = index(questionnaire)
    saisis = [c for c in CHAMPS.values() if not c.derive]
    assert saisis
    for champ in saisis:
        item = par_lien[champ.chemin]
        assert item["text"] and item["text"][0].isupper()
        if champ.type in ("enum", "liste"):
            codes = [o["valueCoding"]["code"] for o in item["answerOption"]]
            assert codes == list(champ.valeurs)
            assert all(o["valueCoding"]["display"] for o in item["answerOption"])
            assert item.get("repeats", False) == (champ.type == "liste")
        else:
            assert item["type"] == {"booleen": "boolean", "entier": "integer"}[champ.type]
    assert par_lien["age"]["required"] is True
    # les questionnaires validés sont des groupes facultatifs, leurs questions en clair
    for groupe in ("autonomie.aggir", "autonomie.fragilite", "social.mini_zarit",
                   "social.epices"):
        assert par_lien[groupe]["type"] == "group" and not par_lien[groupe].get("required")
    assert len([i for i in par_lien if i.startswith("social.mini_zarit.")]) == 7
    assert len([i for i in par_lien if i.startswith("social.epices.")]) == 11


def test_le_questionnaire_dit_les_valeurs_par_defaut_du_contrat(questionnaire):
    par_lien = index(questionnaire)
    assert par_lien["contexte.medecin_traitant"]["initial"] == [{"valueBoolean": True}]
    choisies = [o["valueCoding"]["code"] for o in par_lien["social.aidant"]["answerOption"]
                if o.get("initialSelected")]
    assert choisies == ["present"]


def test_affichage_conditionnel_sur_des_questions_du_questionnaire(questionnaire):
    par_lien = index(questionnaire)
    conditions = [(i["linkId"], c) for i in par_lien.values() for c in i.get("enableWhen", [])]
    assert conditions
    for _, condition in conditions:
        cible = par_lien[condition["question"]]
        if "answerCoding" in condition:
            codes = [o["valueCoding"]["code"] for o in cible["answerOption"]]
            assert condition["answerCoding"]["code"] in codes
    grille = par_lien["autonomie.aggir"]["enableWhen"]
    assert grille == [{"question": "autonomie.gir", "operator": "exists",
                       "answerBoolean": False}]


# --- Réponses au questionnaire --------------------------------------------------------------


@pytest.mark.parametrize("fichier", FICHIERS, ids=NOMS)
def test_aller_retour_chaque_exemple(moteur, questionnaire, fichier):
    situation = situation_de(fichier)
    reponse = fhir.reponse_depuis_situation(situation, "Patient/1")
    QuestionnaireResponse.model_validate(reponse)
    par_lien = index(questionnaire)

    def verifier(reponses):
        for item in reponses:
            question = par_lien[item["linkId"]]
            if "answer" in item:
                cle = {"boolean": "valueBoolean", "integer": "valueInteger",
                       "choice": "valueCoding"}[question["type"]]
                for reponse_item in item["answer"]:
                    assert list(reponse_item) == [cle]
                    if cle == "valueCoding":
                        assert reponse_item[cle]["code"] in [
                            o["valueCoding"]["code"] for o in question["answerOption"]]
            enfants = [i["linkId"] for i in question.get("item", [])]
            for enfant in item.get("item", []):
                assert enfant["linkId"] in enfants
            verifier(item.get("item", []))

    verifier(reponse["item"])
    relue = fhir.situation_depuis_reponse(reponse)
    assert relue == situation
    assert moteur.screen(relue) == moteur.screen(situation)


def test_une_reponse_ecrite_a_la_main_sans_groupes(moteur):
    """Un logiciel peut envoyer les items à plat, sans valeur par défaut : les absents
    prennent les valeurs du contrat."""
    reponse = {
        "resourceType": "QuestionnaireResponse", "status": "completed",
        "item": [
            {"linkId": "age", "answer": [{"valueInteger": 84}]},
            {"linkId": "social.aidant", "answer": [{"valueCoding": {"code": "epuise"}}]},
            {"linkId": "social.vit_seul", "answer": [{"valueBoolean": True}]},
            {"linkId": "sante.maladies_chroniques", "answer": [
                {"valueCoding": {"system": fhir.systeme("sante.maladies_chroniques"),
                                 "code": "diabete"}},
                {"valueCoding": {"code": "bpco"}}]},
            {"linkId": "contexte.medecin_traitant"},  # sans réponse : valeur par défaut
        ],
    }
    attendu = Situation.model_validate({
        "age": 84, "social": {"aidant": "epuise", "vit_seul": True},
        "sante": {"maladies_chroniques": ["diabete", "bpco"]}})
    assert fhir.situation_depuis_reponse(reponse) == attendu


@pytest.mark.parametrize(
    ("reponse", "attendu"),
    [
        ({"resourceType": "QuestionnaireResponse", "status": "completed", "item": [
            {"linkId": "age", "answer": [{"valueInteger": 80}]},
            {"linkId": "age", "answer": [{"valueInteger": 81}]}]}, "age : répondu deux fois"),
        ({"resourceType": "QuestionnaireResponse", "status": "completed", "item": [
            {"linkId": "age", "answer": [{"valueInteger": 80}]},
            {"linkId": "social.aidant", "answer": [{"valueCoding": {
                "system": "http://autre.org", "code": "aucun"}}]}]},
         "social.aidant : système de codes « http://autre.org » inattendu"),
        ({"resourceType": "QuestionnaireResponse", "status": "completed", "item": [
            {"linkId": "age", "answer": [{"valueInteger": 80}]},
            {"linkId": "autonomie.aggir.toilette", "answer": [{"valueCoding": {
                "code": "C"}}]}]}, "autonomie.aggir.coherence : champ obligatoire manquant"),
        ({"resourceType": "QuestionnaireResponse", "status": "completed", "champ": 1},
         "élément inconnu de FHIR R4"),
        ([], "un objet JSON QuestionnaireResponse est attendu"),
    ],
    ids=["deux fois", "autre système", "grille AGGIR incomplète", "élément inconnu",
         "pas un objet"],
)
def test_reponse_invalide_message_francais(reponse, attendu):
    with pytest.raises(fhir.ErreurReponse) as e:
        fhir.situation_depuis_reponse(reponse)
    assert any(attendu in m for m in e.value.messages), e.value.messages


# --- Le Bundle ----------------------------------------------------------------------------


def ressources(bundle, type_):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == type_]


@pytest.mark.parametrize("fichier", FICHIERS, ids=NOMS)
def test_bundle_de_chaque_exemple(moteur, fichier):
    situation = situation_de(fichier)
    orientation = moteur.screen(situation)
    bundle = fhir.bundle(orientation, situation, moteur.referentiel)
    Bundle.model_validate(bundle)
    (plan,) = ressources(bundle, "CarePlan")
    assert plan["status"] == "draft" and plan["intent"] == "proposal"
    assert plan["category"][0]["coding"][0]["code"] == orientation.niveau
    demandes = ressources(bundle, "ServiceRequest")
    assert [d["code"]["coding"][0]["code"] for d in demandes] == [a.id for a in orientation.appuis]
    for demande, appui in zip(demandes, orientation.appuis, strict=True):
        assert [r["coding"][0]["code"] for r in demande["reasonCode"]] == appui.regles
    acteurs = [a["detail"]["code"]["coding"][0]["code"] for a in plan.get("activity", [])
               if "detail" in a]
    assert acteurs == [a.id for c in orientation.clusters for a in c.acteurs]
    for activite in plan.get("activity", []):
        if "detail" in activite:
            assert activite["detail"]["reasonCode"], activite  # chaque acteur a ses raisons
    problemes = ressources(bundle, "DetectedIssue")
    assert [p["code"]["coding"][0]["code"] for p in problemes] == [a.id for a in orientation.alertes]
    # toute référence interne pointe une entrée du Bundle
    adresses = {e["fullUrl"] for e in bundle["entry"]}
    texte = json.dumps(bundle)
    for morceau in texte.split('"reference": "')[1:]:
        reference = morceau.split('"')[0]
        if reference.startswith("urn:uuid:"):
            assert reference in adresses


def test_urgence_et_maltraitance_sont_des_problemes_graves(moteur):
    for nom, alerte in (("09_urgence", "urgence"), ("12_maltraitance_suspectee", "maltraitance")):
        situation = situation_de(EXEMPLES / f"{nom}.json")
        bundle = fhir.bundle(moteur.screen(situation), situation, moteur.referentiel)
        probleme = next(p for p in ressources(bundle, "DetectedIssue")
                        if p["code"]["coding"][0]["code"] == alerte)
        assert probleme["severity"] == "high"


def test_bundle_deterministe_et_propre_a_chaque_situation(moteur):
    a = situation_de(EXEMPLES / "03_personne_agee_complexe.json")
    b = situation_de(EXEMPLES / "10_sortie_hospitalisation.json")
    un = fhir.bundle(moteur.screen(a), a, moteur.referentiel)
    assert fhir.bundle(moteur.screen(a), a, moteur.referentiel) == un
    autre = fhir.bundle(moteur.screen(b), b, moteur.referentiel)
    assert not {e["fullUrl"] for e in un["entry"]} & {e["fullUrl"] for e in autre["entry"]}


def test_screen_format_fhir_en_ligne_de_commande():
    p = subprocess.run([sys.executable, "-m", "orientation", "screen",
                        str(EXEMPLES / "10_sortie_hospitalisation.json"), "--format", "fhir"],
                       capture_output=True, cwd=RACINE, timeout=60)
    assert p.returncode == 0, p.stderr.decode()
    bundle = Bundle.model_validate_json(p.stdout)
    types = [e.resource.get_resource_type() for e in bundle.entry]
    assert "CarePlan" in types and "ServiceRequest" in types and "DetectedIssue" in types


def test_une_structure_de_l_annuaire_devient_une_organization():
    from types import SimpleNamespace

    from fhir.resources.R4B.organization import Organization

    contact = SimpleNamespace(nom="CCAS de Bourg-en-Bresse", adresse="3 rue X, 01000 Bourg",
                              telephone="04 74 00 00 00", courriel=None, finess="010000000",
                              distance_km=1.2, source="FINESS")
    organisation = fhir.organisation(contact)
    Organization.model_validate(organisation)
    assert organisation["name"] == "CCAS de Bourg-en-Bresse"
    assert organisation["identifier"][0]["system"] == "http://finess.sante.gouv.fr"
    assert organisation["identifier"][0]["value"] == "010000000"
    assert organisation["telecom"] == [{"system": "phone", "value": "04 74 00 00 00"}]
    sans_finess = fhir.organisation(SimpleNamespace(**{**vars(contact), "finess": None,
                                                       "telephone": None}))
    assert "identifier" not in sans_finess and "telecom" not in sans_finess


def test_screen_format_fhir_avec_la_commune_nomme_les_structures(tmp_path, capsysbinary):
    from orientation.interfaces.cli import main

    sources = EXEMPLES / "annuaire"
    annuaire = tmp_path / "annuaire"
    assert main(["annuaire", "importer", str(sources / "finess-structures-echantillon-20260309.json"),
                 str(sources / "territoire_exemple_ain.csv"), "--annuaire", str(annuaire)]) == 0
    capsysbinary.readouterr()
    assert main(["screen", str(EXEMPLES / "05_jeune_adulte_handicape_sans_solution.json"),
                 "--commune", "01004", "--annuaire", str(annuaire), "--format", "fhir"]) == 0
    bundle = json.loads(capsysbinary.readouterr().out)
    Bundle.model_validate(bundle)
    noms = [r["name"] for r in ressources(bundle, "Organization")]
    assert noms and len(noms) == len(set(noms))  # chaque structure une seule fois
    adresses = {e["fullUrl"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "Organization"}
    (plan,) = ressources(bundle, "CarePlan")
    executants = [p["reference"] for a in plan["activity"] if "detail" in a
                  for p in a["detail"].get("performer", [])]
    executants += [p["reference"] for d in ressources(bundle, "ServiceRequest")
                   for p in d.get("performer", [])]
    assert executants and set(executants) <= adresses
