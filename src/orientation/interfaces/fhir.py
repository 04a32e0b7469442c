"""HL7 FHIR R4 : le questionnaire de la situation, la lecture de ses réponses, et
l'orientation en plan de soins (``CarePlan``), demandes (``ServiceRequest``) et alertes
(``DetectedIssue``).

Les guides français (ANS) sont en R4 : les ressources sont construites et validées avec les
modèles R4B de ``fhir.resources`` (R4B ne change pas les ressources employées ici).

- Le ``Questionnaire`` est **engendré** du vocabulaire du projet : un item par clé du
  formulaire (``formulaire.cles_saisie``), ``linkId`` = le chemin pointé du champ (celui des
  messages d'erreur et des colonnes des tableaux), options de réponse tirées des
  vocabulaires fermés de ``Situation``, textes et aides lus dans ``rules/vocabulaire.yaml``
  comme le formulaire de l'application. Aucun libellé n'est écrit ici.
- Une ``QuestionnaireResponse`` se lit en situation par le même chemin que le formulaire
  (``formulaire.situation_depuis_saisie`` puis ``erreurs.lire_situation``) : mêmes valeurs par
  défaut, mêmes messages français, qui nomment le ``linkId``.
- Le ``Bundle`` d'une orientation est déterministe : mêmes entrées, mêmes octets (pas
  d'horodatage ; identifiants ``urn:uuid`` dérivés du contenu).

Choix du projet : les identifiants canoniques (``CANONIQUE``) sont sous un domaine réservé
(``.invalid``, RFC 2606) tant que le référentiel n'est pas publié par un éditeur qui en
possède un ; les systèmes de codes portent les identifiants publics de CONTRACT.md.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.careplan import CarePlan
from fhir.resources.R4B.detectedissue import DetectedIssue
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.patient import Patient
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from fhir.resources.R4B.servicerequest import ServiceRequest
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticUndefined

from orientation.interfaces.formulaire import (
    cles_saisie,
    libelle_formulaire,
    saisie_depuis_situation,
    situation_depuis_saisie,
)
from orientation.referentiel import Referentiel
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat import Orientation
from orientation.situation.erreurs import ErreurSaisie, lire_situation
from orientation.situation.faits import CHAMPS, QUESTIONNAIRES
from orientation.situation.modele import Situation

CANONIQUE = "https://orientation.invalid/fhir"
ID_QUESTIONNAIRE = "orientation"
URL_QUESTIONNAIRE = f"{CANONIQUE}/Questionnaire/{ID_QUESTIONNAIRE}"
_ESPACE_UUID = uuid.UUID("5c3f2a8e-6b1d-5e0f-9a47-0f6e2d8b1c93")

_CONTROLE_ITEM = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
_MIN = "http://hl7.org/fhir/StructureDefinition/minValue"
_MAX = "http://hl7.org/fhir/StructureDefinition/maxValue"

_GRAVITE_SEVERITE = {"critique": "high", "attention": "moderate", "information": "low"}


def systeme(nom: str) -> str:
    """Le système de codes d'un vocabulaire du projet (``appuis``, ``regles``,
    ``social.aidant``…)."""
    return f"{CANONIQUE}/CodeSystem/{nom}"


# --- Les textes : ceux du formulaire, lus dans rules/vocabulaire.yaml ---------------------------


def _texte_question(cle: str) -> str:
    if cle in CHAMPS:
        return libelle_formulaire(cle)
    questionnaire, _, sous_cle = cle.rpartition(".")
    return vocabulaire().questionnaires[questionnaire].questions[sous_cle].question


def _texte_groupe(cle: str) -> str:
    v = vocabulaire()
    return v.sections[cle] if cle in v.sections else v.questionnaires[cle].libelle


def _texte_valeur(cle: str, valeur: str) -> str:
    reponses = vocabulaire().questionnaires.get(cle.rsplit(".", 1)[0])
    if reponses is not None and valeur in reponses.reponses:
        return reponses.reponses[valeur]  # AGGIR : « A — fait seul »
    return majuscule(vocabulaire().valeur(valeur))


# --- Les questions : le formulaire décrit par le modèle de la situation ----------------------


@dataclass(frozen=True)
class Question:
    """Un item à réponse du questionnaire : une clé du formulaire."""

    cle: str
    type: Literal["boolean", "integer", "choice"]
    valeurs: tuple[str, ...] = ()
    repete: bool = False
    minimum: int | None = None
    maximum: int | None = None
    requis: bool = False
    initial: Any = None


def _sans_none(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0]
    return annotation


def _question(cle: str) -> Question:
    """La question d'une clé, décrite par le champ du modèle ``Situation`` qu'elle remplit
    (type, bornes, vocabulaire fermé, valeur par défaut)."""
    modele: type[BaseModel] = Situation
    parties = cle.split(".")
    info = None
    annotation: Any = None
    for i, partie in enumerate(parties):
        if partie.isdigit():  # une réponse d'un questionnaire en liste (mini-Zarit)
            (annotation,) = typing.get_args(annotation)
            info = None
            break
        info = modele.model_fields[partie]
        annotation = _sans_none(info.annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) \
                and i < len(parties) - 1:
            modele = annotation
    origine = typing.get_origin(annotation)
    bornes: dict[str, int] = {}
    initial = None
    requis = False
    if info is not None:
        for meta in info.metadata:
            if getattr(meta, "ge", None) is not None:
                bornes["minimum"] = meta.ge
            if getattr(meta, "le", None) is not None:
                bornes["maximum"] = meta.le
        requis = info.is_required() and "." not in cle  # les questionnaires sont facultatifs
        if info.default is not PydanticUndefined and info.default is not None:
            initial = info.default
    if annotation is bool:
        return Question(cle, "boolean", requis=requis, initial=initial)
    if annotation is int:
        return Question(cle, "integer", requis=requis, initial=initial, **bornes)
    if origine is Literal:
        return Question(cle, "choice", typing.get_args(annotation), requis=requis,
                        initial=initial)
    if origine is list:
        (element,) = typing.get_args(annotation)
        return Question(cle, "choice", typing.get_args(element), repete=True)
    raise TypeError(f"type de champ non pris en charge : {cle}")  # pragma: no cover


def _groupes(cle: str) -> tuple[str, ...]:
    """Les groupes qui contiennent une clé : sa section, puis son questionnaire."""
    if "." not in cle:
        return ()
    section = cle.split(".")[0]
    questionnaire = cle.rsplit(".", 1)[0]
    return (section, questionnaire) if questionnaire in QUESTIONNAIRES else (section,)


QUESTIONS: dict[str, Question] = {c: _question(c) for c in cles_saisie()}
GROUPES: tuple[str, ...] = tuple(dict.fromkeys(g for c in QUESTIONS for g in _groupes(c)))

# Affichage conditionnel, tel que le formulaire le dit : la grille AGGIR « sinon » (quand
# aucun GIR n'est saisi), le mini-Zarit « à remplir avec l'aidant » (quand il y en a un).
_CONDITIONS: dict[str, tuple[str, list[dict[str, Any]]]] = {
    "autonomie.aggir": ("all", [{"question": "autonomie.gir", "operator": "exists",
                                 "answerBoolean": False}]),
    "social.mini_zarit": ("any", [
        {"question": "social.aidant", "operator": "exists", "answerBoolean": False},
        {"question": "social.aidant", "operator": "!=",
         "answerCoding": {"system": systeme("social.aidant"), "code": "aucun"}},
    ]),
}


# --- Le questionnaire -------------------------------------------------------------------------


def _coding(cle: str, valeur: str) -> dict[str, str]:
    return {"system": systeme(cle), "code": valeur, "display": _texte_valeur(cle, valeur)}


def _item_question(q: Question) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": q.cle, "text": _texte_question(q.cle), "type": q.type}
    extensions = []
    if q.minimum is not None:
        extensions.append({"url": _MIN, "valueInteger": q.minimum})
    if q.maximum is not None:
        extensions.append({"url": _MAX, "valueInteger": q.maximum})
    if extensions:
        item["extension"] = extensions
    if q.requis:
        item["required"] = True
    if q.repete:
        item["repeats"] = True
    if q.valeurs:
        item["answerOption"] = [
            {"valueCoding": _coding(q.cle, v), **({"initialSelected": True}
                                                  if v == q.initial else {})}
            for v in q.valeurs
        ]
    elif q.initial is not None:
        cle_valeur = "valueBoolean" if q.type == "boolean" else "valueInteger"
        item["initial"] = [{cle_valeur: q.initial}]
    aide = vocabulaire().aide(q.cle)
    if aide:
        item["item"] = [{
            "linkId": f"{q.cle}-aide", "text": aide, "type": "display",
            "extension": [{"url": _CONTROLE_ITEM, "valueCodeableConcept": {"coding": [{
                "system": "http://hl7.org/fhir/questionnaire-item-control", "code": "help"}]}}],
        }]
    return item


def questionnaire(referentiel: Referentiel) -> dict[str, Any]:
    """Le ``Questionnaire`` FHIR de la situation (validé par ``fhir.resources``)."""
    racine: list[dict[str, Any]] = []
    groupes: dict[str, dict[str, Any]] = {}
    for cle, q in QUESTIONS.items():
        conteneur = racine
        for g in _groupes(cle):
            if g not in groupes:
                groupes[g] = {"linkId": g, "text": _texte_groupe(g), "type": "group", "item": []}
                if g in _CONDITIONS:
                    comportement, conditions = _CONDITIONS[g]
                    groupes[g]["enableWhen"] = conditions
                    if len(conditions) > 1:
                        groupes[g]["enableBehavior"] = comportement
                conteneur.append(groupes[g])
            conteneur = groupes[g]["item"]
        conteneur.append(_item_question(q))
    ressource = {
        "resourceType": "Questionnaire",
        "id": ID_QUESTIONNAIRE,
        "url": URL_QUESTIONNAIRE,
        "version": referentiel.catalogue.version,
        "name": "Orientation",
        "status": "active",
        "language": "fr-FR",
        "subjectType": ["Patient"],
        "item": racine,
    }
    return Questionnaire.model_validate(ressource).model_dump(mode="json")


# --- Réponses : de la situation, et vers la situation ------------------------------------------


def _reponse(q: Question, valeur: Any) -> list[dict[str, Any]]:
    if q.type == "boolean":
        return [{"valueBoolean": valeur}]
    if q.type == "integer":
        return [{"valueInteger": valeur}]
    valeurs = valeur if q.repete else [valeur]
    return [{"valueCoding": _coding(q.cle, v)} for v in valeurs]


def reponse_depuis_situation(situation: Situation, sujet: str | None = None) -> dict[str, Any]:
    """La ``QuestionnaireResponse`` d'une situation : une réponse par clé renseignée (valeurs
    par défaut comprises), dans les groupes du questionnaire."""
    saisie = saisie_depuis_situation(situation)
    racine: list[dict[str, Any]] = []
    groupes: dict[str, dict[str, Any]] = {}
    for cle, q in QUESTIONS.items():
        valeur = saisie.get(cle)
        if valeur is None or (q.repete and not valeur):
            continue
        conteneur = racine
        for g in _groupes(cle):
            if g not in groupes:
                groupes[g] = {"linkId": g, "item": []}
                conteneur.append(groupes[g])
            conteneur = groupes[g]["item"]
        conteneur.append({"linkId": cle, "answer": _reponse(q, valeur)})
    ressource: dict[str, Any] = {"resourceType": "QuestionnaireResponse",
                                 "questionnaire": URL_QUESTIONNAIRE, "status": "completed"}
    if sujet:
        ressource["subject"] = {"reference": sujet}
    ressource["item"] = racine
    return QuestionnaireResponse.model_validate(ressource).model_dump(mode="json")


class ErreurReponse(ValueError):
    """Une ``QuestionnaireResponse`` illisible : un message français par ``linkId`` fautif."""

    def __init__(self, lignes: list[str]):
        self.messages = lignes
        super().__init__("\n".join(lignes))


_TYPES_REPONSE = {"boolean": "valueBoolean", "integer": "valueInteger", "choice": "valueCoding"}
_NOMS_TYPES = {"boolean": "oui/non (valueBoolean)", "integer": "un nombre entier (valueInteger)",
               "choice": "un code (valueCoding)"}


def _lien_depuis_loc(donnees: Any, loc: tuple[Any, ...]) -> str:
    """Le ``linkId`` de l'item où se trouve une erreur de structure FHIR, ou son chemin."""
    lien, noeud, chemin = None, donnees, "QuestionnaireResponse"
    for morceau in loc:
        if isinstance(morceau, int):
            chemin += f"[{morceau}]"
        else:
            chemin += f".{morceau}"
        try:
            noeud = noeud[morceau]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(noeud, dict) and isinstance(noeud.get("linkId"), str):
            lien = noeud["linkId"]
    return f"linkId {lien} ({chemin})" if lien else chemin


_MESSAGES_FHIR = {
    "bool_parsing": "doit valoir true ou false", "bool_type": "doit valoir true ou false",
    "int_parsing": "doit être un nombre entier", "int_type": "doit être un nombre entier",
    "int_from_float": "doit être un nombre entier", "string_type": "doit être un texte",
    "extra_forbidden": "élément inconnu de FHIR R4", "list_type": "doit être une liste",
    "dict_type": "doit être un objet", "model_type": "doit être un objet",
    "missing": "élément obligatoire manquant",
    "json_invalid": "doit être un objet JSON", "less_than_equal": "valeur hors limites",
    "greater_than_equal": "valeur hors limites",
    "model_field_validation.missing": "élément obligatoire manquant",
}


def _messages_fhir(donnees: Any, erreur: ValidationError) -> list[str]:
    lignes = []
    for e in erreur.errors(include_url=False):
        type_ = e["type"]
        if type_ == "fhir-validation-wrong-resource-type":
            lignes.append("resourceType : une QuestionnaireResponse est attendue "
                          f"(reçu : {donnees.get('resourceType')!s:.40})")
            continue
        if type_ == "value_error" and "multiple" in str(e.get("msg")):
            message = "une seule valeur (value[x]) par réponse"
        else:
            message = _MESSAGES_FHIR.get(type_, f"valeur invalide ({type_})")
        lignes.append(f"{_lien_depuis_loc(donnees, tuple(e['loc']))} : {message}")
    return lignes


def _items(items: list[Any]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        yield from _items(item.get("item") or [])


def _valeur_reponse(q: Question, reponse: dict[str, Any]) -> tuple[Any, str | None]:
    """La valeur d'une réponse (``answer``), ou le message qui dit ce qui ne va pas."""
    attendu = _TYPES_REPONSE[q.type]
    valeurs = {k: v for k, v in reponse.items() if k.startswith("value")}
    if reponse.get("item"):
        return None, "réponses imbriquées (answer.item) non prises en charge"
    if list(valeurs) != [attendu]:
        recu = ", ".join(valeurs) or "aucune valeur"
        return None, f"réponse attendue : {_NOMS_TYPES[q.type]} ; reçu : {recu}"
    valeur = valeurs[attendu]
    if q.type != "choice":
        return valeur, None
    code, systeme_recu = valeur.get("code"), valeur.get("system")
    permis = ", ".join(q.valeurs)
    if systeme_recu is not None and systeme_recu != systeme(q.cle):
        return None, (f"système de codes « {systeme_recu} » inattendu ; attendu : "
                      f"{systeme(q.cle)}")
    if code not in q.valeurs:
        return None, f"code « {code} » non permis ; codes permis : {permis}"
    return code, None


def reponse_des_parametres(donnees: Any) -> Any:
    """La ``QuestionnaireResponse`` d'un appel d'opération : envoyée seule, ou dans un
    ``Parameters`` (ce qu'envoient les clients FHIR génériques) ; le reste tel quel."""
    if not (isinstance(donnees, dict) and donnees.get("resourceType") == "Parameters"):
        return donnees
    parametres = donnees.get("parameter")
    for p in parametres if isinstance(parametres, list) else []:
        if isinstance(p, dict) and isinstance(p.get("resource"), dict) \
                and p["resource"].get("resourceType") == "QuestionnaireResponse":
            return p["resource"]
    raise ErreurReponse(["Parameters.parameter : aucun paramètre ne porte de "
                         "QuestionnaireResponse (parameter[].resource)"])


def situation_depuis_reponse(donnees: Any) -> Situation:
    """Lit une ``QuestionnaireResponse`` au questionnaire du projet (JSON décodé).

    Lève ``ErreurReponse`` : ressource invalide, ``linkId`` inconnu ou répondu deux fois,
    réponse du mauvais type ou hors vocabulaire, puis la validation de la situation
    (mêmes messages que ``orientation screen``, chaque champ nommé par son ``linkId``).
    """
    if not isinstance(donnees, dict):
        raise ErreurReponse(["(ressource) : un objet JSON QuestionnaireResponse est attendu"])
    if donnees.get("resourceType") != "QuestionnaireResponse":
        raise ErreurReponse([
            "resourceType : une QuestionnaireResponse est attendue (reçu : "
            f"{str(donnees.get('resourceType', 'aucun'))[:40]})"])
    try:
        QuestionnaireResponse.model_validate(donnees)
    except ValidationError as e:
        raise ErreurReponse(_messages_fhir(donnees, e)) from None
    lignes: list[str] = []
    questionnaire_recu = donnees.get("questionnaire")
    if questionnaire_recu is not None and questionnaire_recu.split("|")[0] != URL_QUESTIONNAIRE:
        lignes.append(f"questionnaire : « {questionnaire_recu} » n'est pas le questionnaire "
                      f"du projet ({URL_QUESTIONNAIRE})")
    valeurs: dict[str, Any] = {}
    vus: set[str] = set()
    for item in _items(donnees.get("item") or []):
        lien = item["linkId"]
        reponses = item.get("answer") or []
        if lien in vus:
            lignes.append(f"{lien} : répondu deux fois")
            continue
        vus.add(lien)
        q = QUESTIONS.get(lien)
        if q is None:
            if lien in GROUPES and not reponses:
                continue
            if lien.endswith("-aide") and lien.removesuffix("-aide") in QUESTIONS \
                    and not reponses:
                continue
            lignes.append(f"{lien} : linkId inconnu du questionnaire {URL_QUESTIONNAIRE}")
            continue
        if not reponses:
            continue
        if len(reponses) > 1 and not q.repete:
            lignes.append(f"{lien} : une seule réponse attendue, {len(reponses)} reçues")
            continue
        lues = [_valeur_reponse(q, r) for r in reponses]
        erreurs = [m for _, m in lues if m]
        if erreurs:
            lignes.append(f"{lien} : {erreurs[0]}")
            continue
        valeurs[lien] = [v for v, _ in lues] if q.repete else lues[0][0]
    if lignes:
        raise ErreurReponse(lignes)
    try:
        return lire_situation(situation_depuis_saisie(valeurs))
    except ErreurSaisie as e:
        raise ErreurReponse([_en_link_id(m) for m in e.messages]) from None


def _en_link_id(message: str) -> str:
    """``social.mini_zarit[3] : …`` → ``social.mini_zarit.3 : …`` (le linkId)."""
    chemin, sep, reste = message.partition(" : ")
    if not sep:
        return message
    return chemin.replace("[", ".").replace("]", "") + sep + reste


# --- L'orientation en Bundle FHIR ---------------------------------------------------------------


def _empreinte(situation: Situation, sujet: str | None) -> str:
    texte = json.dumps([situation.model_dump(mode="json"), sujet], sort_keys=True)
    return hashlib.sha256(texte.encode()).hexdigest()


def _cc(nom: str, code: str, libelle: str) -> dict[str, Any]:
    return {"coding": [{"system": systeme(nom), "code": code, "display": libelle}],
            "text": libelle}


def _raisons(orientation: Orientation, regles: list[str]) -> list[dict[str, Any]]:
    titres = {e.regle: e.titre for e in orientation.explications}
    return [_cc("regles", r, titres[r]) for r in regles if r in titres]


def _premiere_reference(orientation: Orientation, regles: list[str]) -> Any:
    for e in orientation.explications:
        if e.regle in regles:
            for ref in e.references:
                return ref
    return None


# Identifiant FINESS d'une structure : système de l'Annuaire Santé de l'ANS (profil
# as-organization : « http://finess.sante.gouv.fr » pour un FINESS EG ou EJ), type FINEG de
# FR Core.
_SYSTEME_FINESS = "http://finess.sante.gouv.fr"
_TYPES_IDENTIFIANT = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203"


def _identifiant_finess(finess: str) -> dict[str, Any]:
    return {"use": "official",
            "type": {"coding": [{"system": _TYPES_IDENTIFIANT, "code": "FINEG"}]},
            "system": _SYSTEME_FINESS, "value": finess}


def reference_logique(contact: Any) -> dict[str, Any]:
    """Une structure désignée sans ressource sur le serveur du destinataire : son nom et,
    s'il est connu, son FINESS (``Reference.identifier``)."""
    reference: dict[str, Any] = {"display": contact.nom}
    if contact.finess:
        reference["identifier"] = _identifiant_finess(contact.finess)
    return reference


def organisation(contact: Any) -> dict[str, Any]:
    """L'``Organization`` d'un contact de l'annuaire (nom, FINESS, téléphone, courriel,
    adresse)."""
    ressource: dict[str, Any] = {"resourceType": "Organization"}
    if contact.finess:
        ressource["identifier"] = [_identifiant_finess(contact.finess)]
    ressource["name"] = contact.nom
    telecom = [{"system": systeme_contact, "value": valeur}
               for systeme_contact, valeur in (("phone", contact.telephone),
                                               ("email", contact.courriel)) if valeur]
    if telecom:
        ressource["telecom"] = telecom
    if contact.adresse:
        ressource["address"] = [{"text": contact.adresse}]
    return ressource


def _regles_acteur(orientation: Orientation, cluster: str, acteur: str) -> list[str]:
    """Les règles qui ont proposé cet acteur (dans ce cluster)."""
    return [e.regle for e in orientation.explications
            if acteur in e.conclusions.get("clusters", {}).get(cluster, ())]


def demande_appui(
    orientation: Orientation,
    referentiel: Referentiel,
    appui: str,
    patient: str,
    *,
    plan: str | None = None,
    situation: str | None = None,
    demandeur: str | None = None,
    executants: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """La ``ServiceRequest`` (``draft`` / ``proposal``) d'une fonction d'appui proposée :
    code de l'appui, raisons = les règles qui l'ont proposé, description du catalogue."""
    propose = next(a for a in orientation.appuis if a.id == appui)
    description = referentiel.catalogue.appuis.get(appui, {}).get("description")
    demande: dict[str, Any] = {"resourceType": "ServiceRequest", "status": "draft",
                               "intent": "proposal"}
    if plan:
        demande["basedOn"] = [{"reference": plan}]
    demande["code"] = _cc("appuis", appui, propose.libelle)
    demande["subject"] = {"reference": patient}
    if demandeur:
        demande["requester"] = {"reference": demandeur}
    if executants:
        demande["performer"] = executants
    demande["reasonCode"] = _raisons(orientation, propose.regles)
    if situation:
        demande["supportingInfo"] = [{"reference": situation}]
    if description:
        demande["note"] = [{"text": description}]
    return ServiceRequest.model_validate(demande).model_dump(mode="json")


def bundle(
    orientation: Orientation,
    situation: Situation,
    referentiel: Referentiel,
    sujet: str | None = None,
) -> dict[str, Any]:
    """Le ``Bundle`` (type ``collection``) d'une orientation, validé par ``fhir.resources``.

    - ``Patient`` : la référence ``sujet`` (``Patient/123``) si elle est donnée ; sinon un
      patient sans aucune donnée, que le ``CarePlan`` et les demandes désignent ;
    - ``QuestionnaireResponse`` : la situation repérée (``supportingInfo`` du plan) ;
    - ``CarePlan`` (``draft`` / ``proposal`` : le médecin décide) : niveau du parcours en
      catégorie, références des règles tirées en ``instantiatesUri``, une activité par acteur
      proposé (raisons : les règles du cluster) et une par fonction d'appui ;
    - ``ServiceRequest`` par fonction d'appui (raisons : ses règles ; ``basedOn`` le plan) ;
    - ``Organization`` par structure à joindre, quand l'orientation a des ``contacts`` (issue
      11 : repérage avec une commune et un annuaire), une seule fois chacune, en ``performer``
      des activités et des demandes qu'elle peut assurer ;
    - ``DetectedIssue`` par alerte (sévérité selon la gravité du catalogue, ``reference`` la
      source de la règle).
    """
    cat = referentiel.catalogue
    empreinte = _empreinte(situation, sujet)
    rubriques = ("Patient", "CarePlan", "ServiceRequest", "DetectedIssue", "Organization",
                 "QuestionnaireResponse")
    entrees: dict[str, list[dict[str, Any]]] = {r: [] for r in rubriques}

    def url(role: str) -> str:
        return f"urn:uuid:{uuid.uuid5(_ESPACE_UUID, f'{empreinte}/{role}')}"

    def ajouter(role: str, ressource: Any, adresse: str | None = None) -> str:
        adresse = adresse or url(role)
        entrees[ressource.get_resource_type()].append({"fullUrl": adresse,
                                                        "resource": ressource})
        return adresse

    if sujet:
        patient = sujet
    else:
        patient = ajouter("patient", Patient.model_validate({"resourceType": "Patient"}))
    reponse = reponse_depuis_situation(situation)
    reponse["subject"] = {"reference": patient}
    adresse_reponse = ajouter("situation", QuestionnaireResponse.model_validate(reponse))

    organisations: dict[str, str] = {}

    def executants(contacts: Any) -> list[str]:
        adresses = []
        for contact in contacts or ():
            cle_org = contact.finess or f"{contact.nom}|{contact.adresse}"
            if cle_org not in organisations:
                organisations[cle_org] = ajouter(f"organisation/{cle_org}",
                                                 Organization.model_validate(
                                                     organisation(contact)))
            adresses.append(organisations[cle_org])
        return list(dict.fromkeys(adresses))

    adresse_plan = url("plan")
    demandes = []
    for appui in orientation.appuis:
        demande = demande_appui(orientation, referentiel, appui.id, patient,
                                plan=adresse_plan, situation=adresse_reponse,
                                executants=[{"reference": a} for a in
                                            executants(getattr(appui, "contacts", ()))])
        demandes.append(ajouter(f"appui/{appui.id}", ServiceRequest.model_validate(demande)))

    problemes = []
    for alerte in orientation.alertes:
        gravite = cat.alertes.get(alerte.id, {}).get("gravite", "information")
        probleme: dict[str, Any] = {
            "resourceType": "DetectedIssue",
            "status": "final",
            "code": _cc("alertes", alerte.id, alerte.message),
            "severity": _GRAVITE_SEVERITE.get(gravite, "low"),
            "patient": {"reference": patient},
            "detail": alerte.message,
            "evidence": [{"detail": [{"reference": adresse_reponse}]}],
        }
        ref = _premiere_reference(orientation, alerte.regles)
        if ref is not None and ref.lien:
            probleme["reference"] = ref.lien
        problemes.append(ajouter(f"alerte/{alerte.id}", DetectedIssue.model_validate(probleme)))

    activites: list[dict[str, Any]] = []
    for cluster in orientation.clusters:
        for acteur in cluster.acteurs:
            detail: dict[str, Any] = {
                "kind": "ServiceRequest",
                "code": _cc("acteurs", acteur.id, acteur.libelle),
                "reasonCode": _raisons(orientation,
                                       _regles_acteur(orientation, cluster.id, acteur.id)),
                "status": "not-started",
                "description": cluster.libelle,
            }
            qui = executants(getattr(acteur, "contacts", ()))
            if qui:
                detail["performer"] = [{"reference": a} for a in qui]
            activites.append({"detail": detail})
    activites += [{"reference": {"reference": a}} for a in demandes]
    niveau = cat.niveaux[orientation.niveau]
    plan: dict[str, Any] = {
        "resourceType": "CarePlan",
        "status": "draft",
        "intent": "proposal",
        "category": [_cc("niveaux", orientation.niveau, niveau["libelle"])],
        "title": niveau["libelle"],
        "description": niveau["description"],
        "subject": {"reference": patient},
        "supportingInfo": [{"reference": a} for a in [adresse_reponse, *problemes]],
    }
    sources = list(dict.fromkeys(ref.lien for e in orientation.explications
                                 for ref in e.references if ref.lien))
    if sources:
        plan["instantiatesUri"] = sources
    if activites:
        plan["activity"] = activites
    ajouter("plan", CarePlan.model_validate(plan), adresse_plan)
    resultat = Bundle.model_validate({"resourceType": "Bundle", "type": "collection",
                                      "entry": [e for r in rubriques for e in entrees[r]]})
    return resultat.model_dump(mode="json")


def en_json(ressource: Mapping[str, Any]) -> str:
    """Le texte JSON d'une ressource, comme ``orientation screen`` l'imprime."""
    return json.dumps(ressource, ensure_ascii=False, indent=2) + "\n"
