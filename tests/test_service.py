"""``orientation serve`` interrogé comme le ferait le logiciel du médecin ou un outil du DAC :
un vrai serveur sur un port libre de 127.0.0.1, des requêtes HTTP (httpx)."""

from __future__ import annotations

import copy
import json
import statistics
import threading
import time

import httpx
import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.servicerequest import ServiceRequest

from orientation.interfaces import fhir
from orientation.interfaces.cli import main
from orientation.situation.erreurs import lire_situation_json
from tests.conftest import EXEMPLES
from tests.serveur import lancer

FICHIERS = sorted(EXEMPLES.glob("*.json"))
NOMS = [f.stem for f in FICHIERS]


@pytest.fixture(scope="module")
def annuaire(tmp_path_factory):
    """L'annuaire d'exemple (examples/annuaire : FINESS de l'Ain, annuaire territorial
    fictif), importé dans un dossier temporaire."""
    dossier = tmp_path_factory.mktemp("annuaire")
    sources = EXEMPLES / "annuaire"
    assert main(["annuaire", "importer", str(sources / "finess-structures-echantillon-20260309.json"),
                 str(sources / "territoire_exemple_ain.csv"), "--annuaire", str(dossier)]) == 0
    return dossier


@pytest.fixture(scope="module")
def serveur(annuaire):
    s = lancer("--annuaire", str(annuaire))
    yield s
    s.arreter()


@pytest.fixture(scope="module")
def client(serveur):
    with httpx.Client(base_url=serveur.url, timeout=30) as c:
        yield c


def sortie_cli(capsysbinary, *args: str) -> bytes:
    """Ce qu'imprime la ligne de commande (``main``, comme ``orientation``)."""
    capsysbinary.readouterr()
    assert main(list(args)) == 0
    return capsysbinary.readouterr().out


def requete_cds(reponse: dict | None, patient: str = "123", **autres) -> dict:
    return {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            "context": {"userId": "Practitioner/42", "patientId": patient},
            "prefetch": {"situation": reponse}, **autres}


def reponse_exemple(nom: str, sujet: str | None = None) -> dict:
    situation = lire_situation_json((EXEMPLES / f"{nom}.json").read_bytes())
    return fhir.reponse_depuis_situation(situation, sujet)


# --- Le service ---------------------------------------------------------------------------


def test_le_service_ecoute_sur_la_boucle_locale_et_dit_son_etat(serveur, client):
    assert serveur.url.startswith("http://127.0.0.1:")
    r = client.get("/sante")
    assert r.status_code == 200
    assert r.json()["statut"] == "ok" and r.json()["referentiel"]["nb_regles"] > 0


def test_la_documentation_est_en_francais(client):
    schema = client.get("/openapi.json").json()
    assert "Repérage des parcours de santé complexes" in schema["info"]["description"]
    assert {"/screen", "/cds-services", "/cds-services/orientation",
            "/fhir/Questionnaire/orientation", "/fhir/$orientation"} <= set(schema["paths"])
    assert "Situation" in schema["components"]["schemas"]
    page = client.get("/docs")
    assert page.status_code == 200
    # hors ligne : les scripts de la page viennent du service, jamais d'un CDN
    assert "cdn." not in page.text and "/docs-statiques/swagger-ui-bundle.js" in page.text
    assert client.get("/docs-statiques/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize("fichier", FICHIERS, ids=NOMS)
def test_screen_repond_octet_pour_octet_comme_la_ligne_de_commande(client, capsysbinary,
                                                                    fichier):
    attendu = sortie_cli(capsysbinary, "screen", str(fichier), "--format", "json")
    r = client.post("/screen", content=fichier.read_bytes())
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    assert r.content == attendu


def test_screen_et_le_vrai_executable_donnent_le_meme_resultat(client):
    import subprocess
    import sys

    fichier = EXEMPLES / "03_personne_agee_complexe.json"
    p = subprocess.run([sys.executable, "-m", "orientation", "screen", str(fichier),
                        "--format", "json"], capture_output=True, timeout=60)
    assert p.returncode == 0
    assert client.post("/screen", content=fichier.read_bytes()).content == p.stdout


@pytest.mark.parametrize(
    ("corps", "statut", "attendu"),
    [
        (b'{"age": 80, "social": {"aidant": "fatigue"}}', 422,
         "social.aidant : valeur « fatigue » non permise"),
        (b'{"age": 80, "social": {"aidnt": "aucun"}}', 422, "social.aidnt : champ inconnu"),
        (b'{"social": {}}', 422, "age : champ obligatoire manquant"),
        (b"[1, 2]", 422, "un objet JSON est attendu"),
        (b"pas du JSON", 400, "JSON invalide, ligne 1"),
        (b"", 400, "corps vide"),
        (b'{"age": 80', 400, "JSON invalide"),
        (b"\xff\xfe{}", 400, "UTF-8"),
        (b'{"age": ' + b"9" * 5000 + b"}", 400, "nombre trop long"),
        (b"[" * 100_000 + b"]" * 100_000, 400, "trop imbriqué"),
    ],
    ids=["valeur hors vocabulaire", "champ inconnu", "age absent", "pas un objet",
         "pas du JSON", "corps vide", "JSON tronqué", "pas en UTF-8", "nombre démesuré",
         "imbrication profonde"],
)
def test_screen_refuse_une_saisie_invalide_en_francais(client, corps, statut, attendu):
    r = client.post("/screen", content=corps)
    assert r.status_code == statut
    assert any(attendu in m for m in r.json()["erreurs"]), r.json()


def test_screen_refuse_une_requete_trop_volumineuse(client):
    corps = b'{"age": 80, "sante": {"maladies_chroniques": []}}' + b" " * (2 * 1024 * 1024)
    r = client.post("/screen", content=corps)
    assert r.status_code == 413
    assert "Kio" in r.json()["erreurs"][0]


def test_erreurs_http_en_francais(client):
    assert client.get("/nulle-part").json()["message"].startswith("ressource inconnue")
    assert client.get("/screen").status_code == 405


def test_screen_avec_la_commune_comme_la_ligne_de_commande(client, capsysbinary, annuaire):
    fichier = EXEMPLES / "03_personne_agee_complexe.json"
    attendu = sortie_cli(capsysbinary, "screen", str(fichier), "--commune", "01004",
                         "--annuaire", str(annuaire), "--format", "json")
    r = client.post("/screen", params={"commune": "01004"}, content=fichier.read_bytes())
    assert r.status_code == 200 and r.content == attendu
    appuis = r.json()["appuis"]
    assert any(a["contacts"] for a in appuis)  # qui appeler, près du patient


def test_screen_commune_illisible_422(client):
    r = client.post("/screen", params={"commune": "1004"}, content=b'{"age": 80}')
    assert r.status_code == 422
    assert r.json()["erreurs"] == ["commune : 5 caractères attendus"]
    r = client.post("/screen", params={"commune": "AB-12"}, content=b'{"age": 80}')
    assert r.status_code == 422 and r.json()["erreurs"][0].startswith("commune : ")


def test_sans_annuaire_503_en_francais(moteur, tmp_path):
    import asyncio

    from orientation.interfaces.service import creer_application

    async def appeler():
        application = creer_application(moteur, annuaire=tmp_path / "vide")
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.post("/screen?commune=01004", content=b'{"age": 84}')

    r = asyncio.run(appeler())
    assert r.status_code == 503
    assert r.json()["message"] == "Annuaire indisponible" and r.json()["erreurs"]


# --- CDS Hooks ----------------------------------------------------------------------------


def test_decouverte_cds_hooks(client):
    services = client.get("/cds-services").json()["services"]
    (service,) = services
    assert service["hook"] == "patient-view" and service["id"] == "orientation"
    assert service["description"]
    modele = service["prefetch"]["situation"]
    assert modele.startswith("QuestionnaireResponse?")
    assert "{{context.patientId}}" in modele and fhir.URL_QUESTIONNAIRE in modele
    assert service["prefetch"]["patient"] == "Patient/{{context.patientId}}"


def _cartes(client, nom: str) -> list[dict]:
    r = client.post("/cds-services/orientation",
                    json=requete_cds(reponse_exemple(nom, "Patient/123")))
    assert r.status_code == 200, r.text
    return r.json()["cards"]


@pytest.mark.parametrize("nom", NOMS)
def test_chaque_carte_respecte_cds_hooks(client, nom):
    cartes = _cartes(client, nom)
    assert cartes
    orientation = json.loads(client.post("/screen",
                                          content=(EXEMPLES / f"{nom}.json").read_bytes()).text)
    # une carte pour le niveau, une par alerte, une par fonction d'appui
    assert len(cartes) == 1 + len(orientation["alertes"]) + len(orientation["appuis"])
    rangs = {"critical": 0, "warning": 1, "info": 2}
    assert [rangs[c["indicator"]] for c in cartes] == sorted(rangs[c["indicator"]]
                                                             for c in cartes)
    liens = {ref["lien"] for e in orientation["explications"] for ref in e["references"]}
    for carte in cartes:
        assert 0 < len(carte["summary"]) < 140, carte["summary"]
        assert carte["indicator"] in {"info", "warning", "critical"}
        assert carte["source"]["label"].strip()
        if "url" in carte["source"]:
            assert carte["source"]["url"] in liens
        for cle, valeur in carte.items():
            assert valeur not in (None, "", [], {}), f"{cle} vide"
        for suggestion in carte.get("suggestions", []):
            assert carte["selectionBehavior"] == "any"
            for action in suggestion["actions"]:
                assert action["type"] == "create" and action["description"]
                demande = ServiceRequest.model_validate(action["resource"])
                assert demande.subject.reference == "Patient/123"
                assert demande.requester.reference == "Practitioner/42"


def test_urgence_vitale_carte_critique_en_premier(client):
    cartes = _cartes(client, "09_urgence")
    assert cartes[0]["indicator"] == "critical"
    assert "15" in cartes[0]["summary"]  # appeler le 15 avant toute autre démarche


def test_parcours_complexe_carte_d_avertissement_et_demande_au_dac(client):
    cartes = _cartes(client, "03_personne_agee_complexe")
    niveau = [c for c in cartes if c["summary"].startswith("Parcours complexe")]
    assert len(niveau) == 1 and niveau[0]["indicator"] == "warning"
    codes = [a["resource"]["code"]["coding"][0]["code"] for c in cartes
             for s in c.get("suggestions", []) for a in s["actions"]]
    assert "dac_reponse_globale" in codes


def test_maltraitance_suspectee_est_un_danger(client):
    cartes = _cartes(client, "12_maltraitance_suspectee")
    assert cartes[0]["indicator"] == "critical"
    assert "3977" in cartes[0]["summary"] or "3977" in cartes[0]["detail"]
    niveau = next(c for c in cartes if c["summary"].startswith("Parcours"))
    assert niveau["indicator"] == "critical"


def test_parcours_simple_une_seule_carte_d_information(client):
    (carte,) = _cartes(client, "01_cas_simple")
    assert carte["indicator"] == "info" and carte["summary"].startswith("Parcours simple")


def test_le_code_postal_du_patient_donne_qui_appeler(client):
    requete = requete_cds(reponse_exemple("03_personne_agee_complexe", "Patient/123"))
    requete["prefetch"]["patient"] = {"resourceType": "Patient", "id": "123", "address": [
        {"use": "work", "postalCode": "75001"}, {"use": "home", "postalCode": "01500"}]}
    cartes = client.post("/cds-services/orientation", json=requete).json()["cards"]
    dac = next(c for c in cartes if "DAC – réponse globale" in c["summary"])
    assert "01500" in dac["detail"] and "tél." in dac["detail"]
    demande = dac["suggestions"][0]["actions"][0]["resource"]
    assert demande["performer"][0]["display"]
    ServiceRequest.model_validate(demande)
    # sans adresse, les mêmes cartes sans contacts
    sans = client.post("/cds-services/orientation",
                       json=requete_cds(reponse_exemple("03_personne_agee_complexe",
                                                        "Patient/123"))).json()["cards"]
    assert [c["summary"] for c in sans] == [c["summary"] for c in cartes]
    assert "tél." not in next(c for c in sans if "DAC – réponse globale" in c["summary"])[
        "detail"]


def test_prefetch_en_bundle_de_recherche(client):
    reponse = reponse_exemple("09_urgence", "Patient/123")
    recherche = {"resourceType": "Bundle", "type": "searchset",
                 "entry": [{"resource": reponse}]}
    r = client.post("/cds-services/orientation", json=requete_cds(recherche))
    assert r.status_code == 200
    assert r.json()["cards"] == _cartes(client, "09_urgence")


def test_sans_situation_renseignee_aucune_carte(client):
    for vide in (None, {"resourceType": "Bundle", "type": "searchset", "entry": []}):
        r = client.post("/cds-services/orientation", json=requete_cds(vide))
        assert r.status_code == 200 and r.json() == {"cards": []}


def test_prefetch_absent_412_en_francais(client):
    requete = requete_cds(None)
    del requete["prefetch"]
    r = client.post("/cds-services/orientation", json=requete)
    assert r.status_code == 412
    assert r.json()["erreurs"][0].startswith("prefetch.situation : absent")


def _modifier(reponse: dict, link_id: str, **changements) -> dict:
    reponse = copy.deepcopy(reponse)

    def parcourir(items):
        for item in items:
            if item["linkId"] == link_id:
                item.update(changements)
                return True
            if parcourir(item.get("item", [])):
                return True
        return False

    assert parcourir(reponse["item"])
    return reponse


@pytest.mark.parametrize(
    ("changement", "statut", "attendu"),
    [
        (lambda r: _modifier(r, "social.aidant", answer=[{"valueCoding": {
            "system": fhir.systeme("social.aidant"), "code": "fatigue"}}]), 422,
         "social.aidant : code « fatigue » non permis"),
        (lambda r: _modifier(r, "age", answer=[{"valueString": "71"}]), 422,
         "age : réponse attendue : un nombre entier"),
        (lambda r: _modifier(r, "age", linkId="ages"), 422, "ages : linkId inconnu"),
        (lambda r: _modifier(r, "age", answer=[]), 422, "age : champ obligatoire manquant"),
        (lambda r: _modifier(r, "age", answer=[{"valueInteger": "soixante"}]), 422,
         "linkId age"),
        (lambda r: _modifier(r, "sante.chute_grave", answer=[{"valueBoolean": True},
                                                              {"valueBoolean": False}]), 422,
         "sante.chute_grave : une seule réponse attendue"),
        (lambda r: {**r, "resourceType": "Patient"}, 422, "QuestionnaireResponse est attendue"),
        (lambda r: {**r, "subject": {"reference": "Patient/456"}}, 422,
         "pas le patient du contexte"),
        (lambda r: {**r, "questionnaire": "http://exemple.org/Questionnaire/autre"}, 422,
         "n'est pas le questionnaire du projet"),
    ],
    ids=["code hors vocabulaire", "mauvais type", "linkId inconnu", "age sans réponse",
         "valeur non FHIR", "deux réponses", "autre ressource", "autre patient",
         "autre questionnaire"],
)
def test_prefetch_invalide_422_nomme_le_link_id(client, changement, statut, attendu):
    reponse = changement(reponse_exemple("09_urgence", "Patient/123"))
    r = client.post("/cds-services/orientation", json=requete_cds(reponse))
    assert r.status_code == statut
    assert any(attendu in m for m in r.json()["erreurs"]), r.json()


def test_mini_zarit_incomplet_nomme_le_questionnaire(client):
    reponse = reponse_exemple("06_soins_palliatifs_domicile", "Patient/123")
    reponse = _modifier(reponse, "social.mini_zarit.6", answer=[])
    r = client.post("/cds-services/orientation", json=requete_cds(reponse))
    assert r.status_code == 422
    assert any(m.startswith("prefetch.situation : social.mini_zarit : questionnaire incomplet")
               for m in r.json()["erreurs"]), r.json()


@pytest.mark.parametrize(
    ("requete", "attendu"),
    [
        ({"hook": "order-sign"}, "hook : « order-sign » non pris en charge"),
        ({"hookInstance": ""}, "hookInstance"),
        ({"context": {"userId": "Practitioner/42"}}, "context.patientId"),
    ],
    ids=["autre hook", "sans hookInstance", "sans patient"],
)
def test_requete_cds_mal_formee_400(client, requete, attendu):
    r = client.post("/cds-services/orientation",
                    json={**requete_cds(reponse_exemple("01_cas_simple")), **requete})
    assert r.status_code == 400
    assert any(attendu in m for m in r.json()["erreurs"]), r.json()


# --- FHIR -------------------------------------------------------------------------------------


def test_questionnaire_fhir_valide(client):
    r = client.get("/fhir/Questionnaire/orientation")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    q = Questionnaire.model_validate(r.json())
    assert q.url == fhir.URL_QUESTIONNAIRE


@pytest.mark.parametrize("fichier", FICHIERS, ids=NOMS)
def test_operation_orientation_egale_screen_format_fhir(client, capsysbinary, fichier):
    attendu = json.loads(sortie_cli(capsysbinary, "screen", str(fichier), "--format", "fhir"))
    situation = lire_situation_json(fichier.read_bytes())
    r = client.post("/fhir/$orientation", json=fhir.reponse_depuis_situation(situation))
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/fhir+json")
    assert r.json() == attendu
    Bundle.model_validate(r.json())


def test_operation_orientation_invalide_operation_outcome(client):
    reponse = _modifier(reponse_exemple("01_cas_simple"), "age", answer=[{"valueInteger": 400}])
    r = client.post("/fhir/$orientation", json=reponse)
    assert r.status_code == 422
    resultat = r.json()
    assert resultat["resourceType"] == "OperationOutcome"
    assert resultat["issue"][0]["diagnostics"].startswith("age : valeur 400 hors limites")
    illisible = client.post("/fhir/$orientation", content=b"{")
    assert illisible.status_code == 400
    assert illisible.json()["resourceType"] == "OperationOutcome"


def test_operation_orientation_accepte_un_parameters(client):
    reponse = reponse_exemple("10_sortie_hospitalisation", "Patient/9")
    seule = client.post("/fhir/$orientation", json=reponse)
    parametres = {"resourceType": "Parameters",
                  "parameter": [{"name": "reponse", "resource": reponse}]}
    r = client.post("/fhir/$orientation", json=parametres)
    assert r.status_code == 200 and r.json() == seule.json()
    vide = client.post("/fhir/$orientation", json={"resourceType": "Parameters"})
    assert vide.status_code == 422
    assert "Parameters.parameter" in vide.json()["issue"][0]["diagnostics"]


def test_operation_orientation_avec_la_commune_nomme_les_structures(client):
    reponse = reponse_exemple("03_personne_agee_complexe")
    bundle = client.post("/fhir/$orientation", params={"commune": "01004"}, json=reponse).json()
    Bundle.model_validate(bundle)
    organisations = {e["fullUrl"]: e["resource"] for e in bundle["entry"]
                     if e["resource"]["resourceType"] == "Organization"}
    assert organisations
    demandes = [e["resource"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "ServiceRequest"]
    executants = [p["reference"] for d in demandes for p in d.get("performer", [])]
    assert executants and set(executants) <= set(organisations)
    assert len(organisations) == len({o["name"] for o in organisations.values()})


def test_operation_orientation_garde_le_patient_de_la_reponse(client):
    reponse = reponse_exemple("03_personne_agee_complexe", "Patient/777")
    bundle = client.post("/fhir/$orientation", json=reponse).json()
    types = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert "Patient" not in types
    plan = next(e["resource"] for e in bundle["entry"]
                if e["resource"]["resourceType"] == "CarePlan")
    assert plan["subject"] == {"reference": "Patient/777"}


# --- Jeton, journaux, arrêt -------------------------------------------------------------------


def test_jeton_exige_hors_sante_et_rien_du_patient_dans_les_journaux():
    serveur = lancer(env={"ORIENTATION_JETON": "s3cret-de-test"})
    try:
        with httpx.Client(base_url=serveur.url, timeout=30) as c:
            corps = b'{"age": 77, "social": {"champ_temoin_xq": true}}'
            assert c.post("/screen", content=corps).status_code == 401
            mauvais = c.post("/screen", content=corps,
                             headers={"Authorization": "Bearer autre"})
            assert mauvais.status_code == 401
            assert mauvais.headers["www-authenticate"] == "Bearer"
            bon = c.post("/screen", content=corps,
                         headers={"Authorization": "Bearer s3cret-de-test"})
            assert bon.status_code == 422  # le jeton passe ; la saisie est refusée
            assert c.get("/sante").status_code == 200
            assert c.get("/cds-services").status_code == 401
    finally:
        code, journal = serveur.arreter()
    assert code == 0
    assert "jeton exigé" in journal
    assert "champ_temoin_xq" not in journal and "77" not in journal.replace(
        serveur.url, "")
    assert "service arrêté" in journal


def test_erreur_interne_500_en_francais_sans_rien_du_patient(moteur, caplog):
    import asyncio

    from orientation.interfaces.service import creer_application

    class MoteurEnPanne:
        referentiel = moteur.referentiel

        def screen(self, situation):
            raise RuntimeError(f"panne sur la situation de {situation.age} ans")

    async def appeler():
        transport = httpx.ASGITransport(app=creer_application(MoteurEnPanne()))
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as c:
            return await c.post("/screen", content=b'{"age": 93}')

    r = asyncio.run(appeler())
    assert r.status_code == 500
    assert r.json() == {"message": "Erreur interne du service", "erreurs": []}
    assert "RuntimeError" in caplog.text and "93" not in caplog.text


@pytest.mark.parametrize(("hote", "local"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("localhost", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("serveur.dac.fr", False)])
def test_hors_de_la_boucle_locale_le_jeton_est_conseille(hote, local):
    from orientation.interfaces.service import boucle_locale

    assert boucle_locale(hote) is local


def test_arret_propre_sur_sigterm():
    serveur = lancer()
    with httpx.Client(base_url=serveur.url, timeout=30) as c:
        assert c.get("/sante").status_code == 200
    debut = time.monotonic()
    code, journal = serveur.arreter()
    assert code == 0, journal
    assert "service arrêté" in journal
    assert time.monotonic() - debut < 15


# --- Charge ---------------------------------------------------------------------------------

CLIENTS = 8
REQUETES_PAR_CLIENT = 250


@pytest.mark.lent
def test_charge_bornee_resultats_identiques_au_sequentiel(client):
    """8 clients × 250 requêtes en parallèle : aucune erreur, chaque réponse identique à la
    réponse séquentielle du même exemple. Latences imprimées (docs/benchmarks.md), jamais
    exigées."""
    corps = [f.read_bytes() for f in FICHIERS]
    sequentiel = [client.post("/screen", content=c).content for c in corps]
    seul: list[float] = []
    for i in range(150):  # un seul client, pour comparer
        debut = time.perf_counter()
        assert client.post("/screen", content=corps[i % len(corps)]).status_code == 200
        seul.append(time.perf_counter() - debut)
    latences: list[float] = []
    erreurs: list[str] = []
    verrou = threading.Lock()

    def travailler(numero: int) -> None:
        with httpx.Client(base_url=str(client.base_url), timeout=30) as c:
            for i in range(REQUETES_PAR_CLIENT):
                k = (numero + i) % len(corps)
                debut = time.perf_counter()
                try:
                    r = c.post("/screen", content=corps[k])
                except httpx.HTTPError as e:
                    with verrou:
                        erreurs.append(f"client {numero}, requête {i} : {e!r}")
                    continue
                duree = time.perf_counter() - debut
                with verrou:
                    latences.append(duree)
                    if r.status_code != 200 or r.content != sequentiel[k]:
                        erreurs.append(f"client {numero}, requête {i} : {r.status_code}")

    debut = time.perf_counter()
    fils = [threading.Thread(target=travailler, args=(n,)) for n in range(CLIENTS)]
    for f in fils:
        f.start()
    for f in fils:
        f.join(timeout=600)
    total = time.perf_counter() - debut
    assert not any(f.is_alive() for f in fils)
    assert erreurs == []
    assert len(latences) == CLIENTS * REQUETES_PAR_CLIENT
    centiles = statistics.quantiles(latences, n=100)
    centiles_seul = statistics.quantiles(seul, n=100)
    print(f"\n/screen, un client : p50 {centiles_seul[49] * 1000:.1f} ms, p95 "
          f"{centiles_seul[94] * 1000:.1f} ms")
    print(f"charge /screen : {CLIENTS} clients × {REQUETES_PAR_CLIENT} requêtes en "
          f"{total:.1f} s ({len(latences) / total:.0f} requêtes/s) ; latence p50 "
          f"{centiles[49] * 1000:.1f} ms, p95 {centiles[94] * 1000:.1f} ms, max "
          f"{max(latences) * 1000:.1f} ms")
