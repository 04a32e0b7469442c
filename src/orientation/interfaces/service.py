"""Le service HTTP local : ``orientation serve`` (FastAPI sur uvicorn).

Pour que le logiciel du médecin (CDS Hooks) et les outils du DAC (FHIR) repèrent une
situation sans la ressaisir :

- ``POST /screen`` : une situation (JSON du contrat) → l'orientation, octet pour octet ce
  qu'imprime ``orientation screen --format json`` ;
- ``GET /cds-services`` et ``POST /cds-services/orientation`` : CDS Hooks, hook
  ``patient-view`` (``cds.py``) ;
- ``GET /fhir/Questionnaire/orientation`` et ``POST /fhir/$orientation`` : le questionnaire
  de la situation, et une réponse à ce questionnaire → ``Bundle`` du plan (``fhir.py``) ;
- ``GET /sante`` : l'état du service ; ``/docs`` : la documentation OpenAPI.

Qualités : écoute sur 127.0.0.1 par défaut ; corps limité en taille
(``TAILLE_MAX``) et en profondeur (``PROFONDEUR_MAX``) avant tout décodage ; aucun journal
d'accès ni corps de requête dans les journaux (une erreur interne n'y laisse que son type) ;
un seul moteur par processus, appelé depuis les fils de travail par ``Moteur.screen`` qui
tient le verrou de durable_rules ; arrêt propre sur SIGTERM/SIGINT (requêtes en cours
terminées) ; jeton d'accès facultatif (``Authorization: Bearer``), à exiger dès que le service
écoute hors de la boucle locale.
"""

from __future__ import annotations

import functools
import hmac
import ipaddress
import json
import logging
import re
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from orientation import __version__
from orientation.evaluation.moteur import Moteur, moteur_par_defaut
from orientation.interfaces import cds, fhir
from orientation.resultat import Orientation
from orientation.situation.erreurs import ErreurSaisie, lire_situation
from orientation.situation.modele import Situation

VARIABLE_JETON = "ORIENTATION_JETON"
TAILLE_MAX = 1024 * 1024  # octets : une situation en JSON en fait moins de 5 000
PROFONDEUR_MAX = 32  # imbrications : un prefetch CDS Hooks en Bundle en compte 13
MEDIA_FHIR = "application/fhir+json"
STATIQUES_DOCS = "/docs-statiques"
_SANS_JETON = ("/sante", "/docs", "/docs/oauth2-redirect", "/openapi.json")

journal = logging.getLogger("orientation.service")


class ErreurService(Exception):
    """Une requête refusée : code HTTP, résumé et messages français."""

    def __init__(self, statut: int, message: str, lignes: list[str]):
        self.statut, self.message, self.lignes = statut, message, lignes
        super().__init__(message)


# --- Lecture bornée d'un corps JSON ----------------------------------------------------------

_CHAINES = re.compile(rb'"(?:[^"\\]|\\.)*"', re.S)
_CROCHETS = re.compile(rb"[\[\]{}]")


def trop_profond(octets: bytes, limite: int = PROFONDEUR_MAX) -> bool:
    """Vrai si le JSON imbrique plus de ``limite`` objets ou listes (chaînes ignorées)."""
    niveau = 0
    for m in _CROCHETS.finditer(_CHAINES.sub(b'""', octets)):
        if m.group() in (b"[", b"{"):
            niveau += 1
            if niveau > limite:
                return True
        else:
            niveau -= 1
    return False


async def _corps(requete: Request) -> bytes:
    """Le corps de la requête, refusé (413) dès qu'il dépasse ``TAILLE_MAX``."""
    annonce = requete.headers.get("content-length")
    trop_gros = ErreurService(413, "Requête trop volumineuse",
                              [f"(requête) : au plus {TAILLE_MAX // 1024} Kio"])
    if annonce is not None and annonce.isdigit() and int(annonce) > TAILLE_MAX:
        raise trop_gros
    morceaux, taille = [], 0
    async for morceau in requete.stream():
        taille += len(morceau)
        if taille > TAILLE_MAX:
            raise trop_gros
        morceaux.append(morceau)
    return b"".join(morceaux)


def decoder_json(octets: bytes) -> Any:
    """Le JSON d'un corps de requête (400 en français s'il est illisible ou trop profond)."""
    try:
        texte = octets.decode("utf-8")
    except UnicodeDecodeError:
        raise ErreurService(400, "Requête illisible",
                            ["(requête) : le texte n'est pas en UTF-8"]) from None
    if not texte.strip():
        raise ErreurService(400, "Requête illisible", ["(requête) : corps vide, JSON attendu"])
    if trop_profond(octets):
        raise ErreurService(400, "Requête illisible",
                            [f"(requête) : JSON trop imbriqué (au plus {PROFONDEUR_MAX} "
                             "niveaux)"])
    try:
        return json.loads(texte)
    except json.JSONDecodeError as e:
        raise ErreurService(400, "Requête illisible", [
            f"(requête) : JSON invalide, ligne {e.lineno}, colonne {e.colno} : {e.msg}"
        ]) from None
    except ValueError:  # nombre démesuré (plus de 4 300 chiffres)
        raise ErreurService(400, "Requête illisible",
                            ["(requête) : nombre trop long dans le JSON"]) from None


def _erreur_json(e: ErreurService) -> JSONResponse:
    return JSONResponse({"message": e.message, "erreurs": e.lignes}, status_code=e.statut)


def _resultat_fhir(e: ErreurService) -> Response:
    """Une erreur des points FHIR : un ``OperationOutcome``."""
    code = {400: "structure", 413: "too-long", 422: "invalid"}.get(e.statut, "processing")
    issue = [{"severity": "error", "code": code, "diagnostics": ligne} for ligne in e.lignes]
    return _fhir({"resourceType": "OperationOutcome", "issue": issue}, e.statut)


def _fhir(ressource: dict[str, Any], statut: int = 200) -> Response:
    return Response(json.dumps(ressource, ensure_ascii=False), status_code=statut,
                    media_type=MEDIA_FHIR)


# --- Protection : jeton, erreurs internes sans fuite ----------------------------------------


class _Garde:
    """Middleware ASGI : exige le jeton (hors santé et documentation) et remplace toute
    erreur interne par un 500 français, sans rien journaliser de la requête."""

    def __init__(self, app: Callable[..., Awaitable[None]], jeton: str | None):
        self.app = app
        self.jeton = jeton.encode() if jeton else None

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if self.jeton is not None and scope["path"] not in _SANS_JETON \
                and not scope["path"].startswith(STATIQUES_DOCS + "/"):
            entetes = dict(scope["headers"])
            fourni = entetes.get(b"authorization", b"")
            schema, _, valeur = fourni.partition(b" ")
            if schema.lower() != b"bearer" or not hmac.compare_digest(valeur.strip(),
                                                                      self.jeton):
                reponse = JSONResponse(
                    {"message": "Accès refusé",
                     "erreurs": ["Authorization : jeton absent ou invalide "
                                 "(en-tête « Authorization: Bearer <jeton> » attendu)"]},
                    status_code=401, headers={"WWW-Authenticate": "Bearer"})
                await reponse(scope, receive, send)
                return
        commence = False

        async def envoyer(message: dict) -> None:
            nonlocal commence
            if message["type"] == "http.response.start":
                commence = True
            await send(message)

        try:
            await self.app(scope, receive, envoyer)
        except Exception as e:  # noqa: BLE001 — rien de la requête ne doit fuir
            journal.error("erreur interne (%s) sur %s %s", type(e).__name__,
                          scope.get("method"), scope.get("path"))
            if not commence:
                reponse = JSONResponse({"message": "Erreur interne du service",
                                        "erreurs": []}, status_code=500)
                await reponse(scope, receive, send)


# --- L'application ------------------------------------------------------------------------


_DESCRIPTION = """
Repérage des parcours de santé complexes (CSP L6327-1) et orientation vers les acteurs et
les fonctions d'appui, pour le logiciel du médecin traitant (**CDS Hooks**) et les outils
du DAC (**HL7 FHIR R4**). Aide à la décision : le jugement du professionnel prime.

- `POST /screen` : une situation (JSON du contrat, voir le schéma `Situation`) →
  l'orientation, identique à `orientation screen --format json`.
- `GET /cds-services`, `POST /cds-services/orientation` : CDS Hooks, hook `patient-view` ;
  la situation est la `QuestionnaireResponse` du patient dans `prefetch.situation`.
- `GET /fhir/Questionnaire/orientation` : le questionnaire FHIR de la situation.
- `POST /fhir/$orientation` : une `QuestionnaireResponse` → un `Bundle` (CarePlan,
  ServiceRequest, DetectedIssue).

Erreurs : 400 requête illisible, 401 jeton absent ou invalide, 412 prefetch absent (CDS
Hooks), 413 requête trop volumineuse, 422 situation invalide (chaque champ nommé par son
chemin, qui est aussi le `linkId` du questionnaire). Réponses d'erreur :
`{"message": …, "erreurs": [...]}`, ou un `OperationOutcome` sur `/fhir`.

Hors de la boucle locale, lancer le service avec un jeton (variable `ORIENTATION_JETON`) et
derrière un mandataire HTTPS : chaque requête porte alors `Authorization: Bearer <jeton>`.
"""


def _schemas(application: FastAPI) -> Callable[[], dict[str, Any]]:
    """Le schéma OpenAPI, avec ceux de la situation et de l'orientation (pydantic)."""

    def openapi() -> dict[str, Any]:
        if application.openapi_schema:
            return application.openapi_schema
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(title=application.title, version=application.version,
                             description=application.description, routes=application.routes)
        composants = schema.setdefault("components", {}).setdefault("schemas", {})
        for modele in (Situation, Orientation):
            s = modele.model_json_schema(ref_template="#/components/schemas/{model}")
            composants.update(s.pop("$defs", {}))
            composants[modele.__name__] = s
        application.openapi_schema = schema
        return schema

    return openapi


def _corps_json(nom: str, description: str, media: str = "application/json"
                ) -> dict[str, Any]:
    schema = ({"$ref": f"#/components/schemas/{nom}"} if nom else {"type": "object"})
    return {"requestBody": {"required": True, "description": description,
                            "content": {media: {"schema": schema}}}}


_COMMUNE = Query(
    description="Code commune INSEE ou code postal du patient : les acteurs et fonctions "
                "d'appui proposés reçoivent leurs contacts (annuaire du service, "
                "`orientation serve --annuaire`). Ni enregistré ni journalisé.",
    min_length=5, max_length=5, examples=["01004"])


def creer_application(moteur: Moteur | None = None, jeton: str | None = None,
                      annuaire: Path | str | None = None) -> Any:
    """L'application ASGI : un seul moteur (celui du référentiel livré par défaut) ;
    ``annuaire`` : le dossier de l'annuaire des contacts (par défaut celui de
    l'utilisateur, ``orientation.annuaire.dossier_par_defaut``)."""
    moteur = moteur or moteur_par_defaut()
    referentiel = moteur.referentiel
    questionnaire = fhir.questionnaire(referentiel)

    @functools.cache
    def regles_annuaire() -> Any:
        from orientation.annuaire import charger_regles_annuaire

        return charger_regles_annuaire(referentiel.dossier)

    def contacts(orientation: Orientation, commune: str | None) -> Orientation:
        """Les contacts près de la commune (``enrichir`` ouvre et referme l'annuaire à
        chaque appel : sûr entre les fils de travail)."""
        if not commune:
            return orientation
        from orientation.annuaire import ErreurAnnuaire, ErreurLieu, dossier_par_defaut, enrichir

        try:
            return enrichir(orientation, commune, Path(annuaire or dossier_par_defaut()),
                            regles_annuaire())
        except ErreurLieu as e:
            raise ErreurService(422, "Commune invalide", [str(e)]) from None
        except ErreurAnnuaire as e:
            raise ErreurService(503, "Annuaire indisponible", [str(e)]) from None
    # La documentation sert Swagger UI depuis le paquet (fastapi-offline), jamais depuis un
    # CDN : elle marche hors ligne, et la page d'un service de santé ne charge pas de script
    # tiers.
    application = FastAPIOffline(
        title="orientation", version=__version__, description=_DESCRIPTION,
        docs_url="/docs", redoc_url=None, static_url=STATIQUES_DOCS,
        openapi_tags=[
            {"name": "repérage", "description": "La situation du contrat en JSON."},
            {"name": "CDS Hooks", "description": "Cartes pour le logiciel du médecin."},
            {"name": "FHIR", "description": "Questionnaire et plan d'orientation (R4)."},
            {"name": "service", "description": "État du service."},
        ],
    )
    application.openapi = _schemas(application)

    @application.exception_handler(ErreurService)
    async def _refus(_: Request, e: ErreurService) -> Response:
        return _erreur_json(e)

    @application.exception_handler(Exception)
    async def _interne(_: Request, e: Exception) -> Response:
        # La réponse ; le journal (type seul) est l'affaire de ``_Garde``.
        return JSONResponse({"message": "Erreur interne du service", "erreurs": []},
                            status_code=500)

    @application.exception_handler(StarletteHTTPException)
    async def _http(requete: Request, e: StarletteHTTPException) -> Response:
        messages = {404: f"ressource inconnue : {requete.url.path}",
                    405: f"méthode {requete.method} non permise sur {requete.url.path}"}
        return JSONResponse({"message": messages.get(e.status_code, "requête refusée"),
                             "erreurs": []}, status_code=e.status_code,
                            headers=getattr(e, "headers", None))

    @application.exception_handler(RequestValidationError)
    async def _parametres(_: Request, e: RequestValidationError) -> Response:
        lignes = []
        for err in e.errors():
            nom = ".".join(str(p) for p in err["loc"] if p not in ("query", "body"))
            ctx = err.get("ctx") or {}
            if err["type"] in ("string_too_short", "string_too_long"):
                bornes = (ctx.get("min_length"), ctx.get("max_length"))
                lignes.append(f"{nom} : {bornes[0] or bornes[1]} caractères attendus")
            else:
                lignes.append(f"{nom} : valeur invalide")
        return JSONResponse({"message": "Paramètres invalides", "erreurs": lignes},
                            status_code=422)

    @application.get("/sante", tags=["service"], summary="État du service")
    def sante() -> dict[str, Any]:
        """Le service répond et son référentiel est chargé."""
        return {"statut": "ok", "version": __version__,
                "referentiel": {"version": referentiel.catalogue.version,
                                "nb_regles": len(referentiel.regles)}}

    @application.post(
        "/screen", tags=["repérage"], summary="Repérer une situation",
        openapi_extra=_corps_json("Situation", "La situation (CONTRACT.md) ; seul `age` est "
                                               "obligatoire."),
        responses={200: {"description": "L'orientation (identique à `orientation screen "
                                        "--format json`).",
                         "content": {"application/json": {
                             "schema": {"$ref": "#/components/schemas/Orientation"}}}},
                   422: {"description": "Situation invalide : un message par champ."}},
    )
    async def screen(requete: Request,
                     commune: Annotated[str | None, _COMMUNE] = None) -> Response:
        """Repère la situation et renvoie l'orientation, chaque proposition expliquée ;
        avec `commune`, les contacts près du patient (comme `orientation screen --commune`)."""
        donnees = decoder_json(await _corps(requete))

        def calculer() -> str:
            try:
                situation = lire_situation(donnees)
            except ErreurSaisie as e:
                raise ErreurService(422, "Situation invalide", e.messages) from None
            resultat = contacts(moteur.screen(situation), commune)
            return resultat.model_dump_json(indent=2) + "\n"

        return Response(await run_in_threadpool(calculer), media_type="application/json")

    @application.get("/cds-services", tags=["CDS Hooks"], summary="Découverte CDS Hooks")
    def decouverte() -> dict[str, Any]:
        """Le service `orientation` (hook `patient-view`) et son modèle de prefetch."""
        return cds.decouverte()

    @application.post(
        f"/cds-services/{cds.ID_SERVICE}", tags=["CDS Hooks"],
        summary="Cartes CDS Hooks (patient-view)",
        openapi_extra=_corps_json("", "Requête CDS Hooks ; `prefetch.situation` : la "
                                      "QuestionnaireResponse du patient."),
        responses={400: {"description": "Requête mal formée."},
                   412: {"description": "`prefetch.situation` absent."},
                   422: {"description": "Réponse au questionnaire invalide (linkId nommé)."}},
    )
    async def service_cds(requete: Request) -> Response:
        """Les cartes de l'orientation : alertes, niveau du parcours, fonctions d'appui."""
        donnees = decoder_json(await _corps(requete))

        def calculer() -> dict[str, Any]:
            try:
                situation, infos = cds.lire_requete(donnees)
            except cds.ErreurRequete as e:
                titre = {412: "Prefetch absent", 422: "Situation invalide"}.get(
                    e.statut, "Requête CDS Hooks invalide")
                raise ErreurService(e.statut, titre, e.messages) from None
            if situation is None:
                return {"cards": []}
            resultat = moteur.screen(situation)
            try:
                resultat = contacts(resultat, infos.get("commune"))
            except ErreurService:
                pass  # sans annuaire ou sans code postal lisible : les cartes, sans contacts
            return {"cards": cds.cartes(resultat, referentiel, infos)}

        return JSONResponse(await run_in_threadpool(calculer))

    @application.get(f"/fhir/Questionnaire/{fhir.ID_QUESTIONNAIRE}", tags=["FHIR"],
                     summary="Questionnaire FHIR de la situation")
    def questionnaire_fhir() -> Response:
        """Le `Questionnaire` engendré du vocabulaire : `linkId` = chemin du champ."""
        return _fhir(questionnaire)

    @application.post(
        "/fhir/$orientation", tags=["FHIR"], summary="Plan d'orientation FHIR",
        openapi_extra=_corps_json("", "Une `QuestionnaireResponse` au questionnaire "
                                      "`orientation`, seule ou dans un `Parameters`.",
                                  MEDIA_FHIR),
        responses={200: {"description": "Bundle (collection) : CarePlan, ServiceRequest, "
                                        "DetectedIssue."},
                   422: {"description": "OperationOutcome : un problème par linkId."}},
    )
    async def operation_orientation(requete: Request,
                                    commune: Annotated[str | None, _COMMUNE] = None
                                    ) -> Response:
        """Repère la situation d'une `QuestionnaireResponse` et renvoie le `Bundle` ; avec
        `commune`, une `Organization` par structure à joindre."""
        try:
            donnees = decoder_json(await _corps(requete))
        except ErreurService as e:
            return _resultat_fhir(e)

        def calculer() -> dict[str, Any]:
            try:
                reponse = fhir.reponse_des_parametres(donnees)
                situation = fhir.situation_depuis_reponse(reponse)
            except fhir.ErreurReponse as e:
                raise ErreurService(422, "Situation invalide", e.messages) from None
            sujet = (reponse.get("subject") or {}).get("reference")
            return fhir.bundle(contacts(moteur.screen(situation), commune), situation,
                               referentiel, sujet=sujet if isinstance(sujet, str) else None)

        try:
            return _fhir(await run_in_threadpool(calculer))
        except ErreurService as e:
            return _resultat_fhir(e)

    return _Garde(application, jeton)


# --- Lancer le service ------------------------------------------------------------------------


def boucle_locale(hote: str) -> bool:
    if hote == "localhost":
        return True
    try:
        return ipaddress.ip_address(hote).is_loopback
    except ValueError:
        return False


def servir(hote: str = "127.0.0.1", port: int = 8000, jeton: str | None = None,
           moteur: Moteur | None = None, annuaire: Path | str | None = None) -> int:
    """Lance le service jusqu'à SIGINT/SIGTERM ; annonce son adresse sur la sortie
    d'erreur (utile avec ``--port 0`` : un port libre)."""
    import uvicorn

    application = creer_application(moteur, jeton, annuaire)
    if not boucle_locale(hote) and not jeton:
        sys.stderr.write(
            f"orientation : ATTENTION, le service écoute sur {hote} sans jeton d'accès : "
            f"toute machine qui l'atteint peut l'interroger. Définissez {VARIABLE_JETON} "
            "et placez-le derrière un mandataire HTTPS.\n")
    config = uvicorn.Config(
        application, host=hote, port=port, access_log=False, log_level="warning",
        server_header=False, timeout_graceful_shutdown=10, limit_concurrency=100,
        lifespan="off",
    )

    class _Serveur(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            # Un arrêt demandé (Ctrl+C, SIGTERM) finit les requêtes en cours puis rend la
            # main : uvicorn relèverait ensuite le signal, et le processus mourrait sans dire
            # qu'il s'est arrêté proprement.
            super().handle_exit(sig, frame)
            self._captured_signals.clear()

        async def startup(self, sockets: Any = None) -> None:
            await super().startup(sockets)
            if self.started:
                adresse = self.servers[0].sockets[0].getsockname()
                sys.stderr.write(
                    f"orientation : service sur http://{_hote_url(adresse[0])}:{adresse[1]} "
                    f"(documentation : /docs ; {'jeton exigé' if jeton else 'sans jeton'}) ; "
                    "Ctrl+C pour arrêter\n")
                sys.stderr.flush()

    serveur = _Serveur(config)
    serveur.run()
    sys.stderr.write("orientation : service arrêté\n")
    return 0 if serveur.started else 1


def _hote_url(hote: str) -> str:
    return f"[{hote}]" if ":" in hote else hote
