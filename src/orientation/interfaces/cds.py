"""CDS Hooks (https://cds-hooks.hl7.org) : le service ``orientation`` sur le hook
``patient-view``, sa découverte, la lecture d'une requête et les cartes d'une orientation.

La situation arrive dans ``prefetch.situation`` : la ``QuestionnaireResponse`` du patient au
questionnaire du projet (ou le ``Bundle`` ``searchset`` de la recherche du modèle de
prefetch, dont la première réponse est lue). Le service ne lit pas le serveur FHIR du client :
sans cette clé, il répond 412 comme la spécification le demande ; avec la valeur ``null``
(le patient n'a pas de situation renseignée), il ne propose aucune carte.

Les cartes : une par alerte, une pour le niveau du parcours, une par fonction d'appui, les
critiques d'abord. Indicateur d'une alerte : sa gravité au catalogue ; du niveau :
``critical`` en cas d'urgence ou d'alerte critique (danger), ``warning`` pour un parcours
complexe, ``info`` sinon. Chaque carte a un résumé de moins de 140 caractères, une source
(la première référence de la règle qui l'a faite, titre et lien) et le détail en Markdown.
Une fonction d'appui est suggérée comme ``ServiceRequest`` à créer. Les cartes n'ont pas
d'``uuid`` : le service n'a pas de point de retour (« feedback »), et le client n'en envoie
pas sans ``uuid``.
"""

from __future__ import annotations

from typing import Any

from orientation.interfaces import fhir
from orientation.referentiel import Referentiel
from orientation.referentiel.vocabulaire import vocabulaire
from orientation.resultat import Orientation
from orientation.resultat.rapport import ligne_contact, motif
from orientation.situation.modele import Situation

ID_SERVICE = "orientation"
HOOK = "patient-view"
CLE_PREFETCH = "situation"
CLE_PATIENT = "patient"  # facultatif : son code postal, pour les contacts près de chez lui
LONGUEUR_RESUME = 139  # « One-sentence, <140-character summary »

_INDICATEURS = ("critical", "warning", "info")
_GRAVITE_INDICATEUR = {"critique": "critical", "attention": "warning", "information": "info"}


def decouverte() -> dict[str, Any]:
    """La réponse de ``GET /cds-services``."""
    modele_prefetch = (f"QuestionnaireResponse?questionnaire={fhir.URL_QUESTIONNAIRE}"
                       "&patient={{context.patientId}}&status=completed"
                       "&_sort=-authored&_count=1")
    v = vocabulaire()
    return {"services": [{
        "hook": HOOK,
        "id": ID_SERVICE,
        "title": v.texte("service_titre"),
        "description": v.texte("service_description", questionnaire=fhir.URL_QUESTIONNAIRE),
        "prefetch": {CLE_PREFETCH: modele_prefetch,
                     CLE_PATIENT: "Patient/{{context.patientId}}"},
    }]}


class ErreurRequete(ValueError):
    """Une requête CDS Hooks refusée : le code HTTP et les messages français."""

    def __init__(self, statut: int, lignes: list[str]):
        self.statut = statut
        self.messages = lignes
        super().__init__("\n".join(lignes))


def _texte(valeur: Any) -> bool:
    return isinstance(valeur, str) and bool(valeur.strip())


def lire_requete(donnees: Any) -> tuple[Situation | None, dict[str, Any]]:
    """La situation d'une requête ``patient-view`` (``None`` si le client n'en a pas) et
    son contexte (``patientId``, ``userId``, ``reponse`` : la référence de la réponse).

    Lève ``ErreurRequete`` : 400 requête mal formée, 412 prefetch absent, 422 situation
    invalide (chaque message nomme le ``linkId``), ou réponse d'un autre patient."""
    if not isinstance(donnees, dict):
        raise ErreurRequete(400, ["(requête) : un objet JSON CDS Hooks est attendu"])
    erreurs = []
    if donnees.get("hook") != HOOK:
        erreurs.append(f"hook : « {str(donnees.get('hook', ''))[:40]} » non pris en charge ; "
                       f"attendu : {HOOK}")
    if not _texte(donnees.get("hookInstance")):
        erreurs.append("hookInstance : identifiant de l'appel manquant")
    contexte = donnees.get("context")
    if not isinstance(contexte, dict) or not _texte(contexte.get("patientId")):
        erreurs.append("context.patientId : identifiant du patient manquant")
    if erreurs:
        raise ErreurRequete(400, erreurs)
    prefetch = donnees.get("prefetch")
    if prefetch is not None and not isinstance(prefetch, dict):
        raise ErreurRequete(400, ["prefetch : un objet est attendu"])
    if not prefetch or CLE_PREFETCH not in prefetch:
        raise ErreurRequete(412, [
            f"prefetch.{CLE_PREFETCH} : absent ; le service ne lit pas le serveur FHIR du "
            "client : fournir la QuestionnaireResponse du patient selon le modèle de "
            "prefetch (GET /cds-services)"])
    patient = contexte["patientId"]
    infos: dict[str, Any] = {"patientId": patient, "userId": contexte.get("userId")}
    ressource = prefetch[CLE_PREFETCH]
    if isinstance(ressource, dict) and ressource.get("resourceType") == "Bundle":
        if not isinstance(ressource.get("entry", []), list):
            raise ErreurRequete(422, [f"prefetch.{CLE_PREFETCH}.entry : doit être une liste"])
        reponses = [e.get("resource") for e in ressource.get("entry") or []
                    if isinstance(e, dict) and isinstance(e.get("resource"), dict)
                    and e["resource"].get("resourceType") == "QuestionnaireResponse"]
        ressource = reponses[0] if reponses else None
    commune = _code_postal(prefetch.get(CLE_PATIENT))
    if commune:
        infos["commune"] = commune
    if ressource is None:
        return None, infos
    try:
        situation = fhir.situation_depuis_reponse(ressource)
    except fhir.ErreurReponse as e:
        raise ErreurRequete(422, [f"prefetch.{CLE_PREFETCH} : {m}" for m in e.messages]) \
            from None
    sujet = (ressource.get("subject") or {}).get("reference")
    if isinstance(sujet, str) and "Patient/" in sujet \
            and sujet.split("/")[-2:] != ["Patient", patient]:
        raise ErreurRequete(422, [
            f"prefetch.{CLE_PREFETCH}.subject : la réponse concerne « {sujet[:60]} », pas le "
            f"patient du contexte (Patient/{patient})"])
    if _texte(ressource.get("id")):
        infos["reponse"] = f"QuestionnaireResponse/{ressource['id']}"
    return situation, infos


def _code_postal(patient: Any) -> str | None:
    """Le code postal du domicile du patient (sinon de sa première adresse) : seule donnée
    lue dans ``prefetch.patient``, pour chercher les structures proches."""
    if not isinstance(patient, dict) or patient.get("resourceType") != "Patient":
        return None
    adresses = [a for a in patient.get("address") or [] if isinstance(a, dict)]
    adresses.sort(key=lambda a: a.get("use") != "home")
    for adresse in adresses:
        code = adresse.get("postalCode")
        if isinstance(code, str) and code.strip():
            return code.strip()
    return None


# --- Les cartes -----------------------------------------------------------------------------


def resume(texte: str) -> str:
    """Le texte tel quel s'il tient en moins de 140 caractères, sinon coupé à un mot
    (le texte entier reste dans le détail)."""
    texte = " ".join(texte.split())
    if len(texte) <= LONGUEUR_RESUME:
        return texte
    coupe = texte[:LONGUEUR_RESUME - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return coupe + "…"


def _md(texte: str) -> str:
    """Échappe ce qui ferait du Markdown dans un texte du référentiel."""
    for c in "\\`*_[]<>#|":
        texte = texte.replace(c, "\\" + c)
    return texte


def _source(orientation: Orientation, regles: list[str], referentiel: Referentiel
            ) -> dict[str, str]:
    for e in orientation.explications:
        if e.regle in regles and e.references:
            ref = e.references[0]
            return {"label": ref.titre, **({"url": ref.lien} if ref.lien else {})}
    return {"label": vocabulaire().texte("referentiel", version=referentiel.catalogue.version,
                                         nb_regles=len(referentiel.regles))}


def _pourquoi(orientation: Orientation, regles: list[str] | None = None) -> list[str]:
    lignes = []
    for e in orientation.explications:
        if regles is not None and e.regle not in regles:
            continue
        ligne = f"- **{_md(e.titre)}** ({e.regle})"
        if e.valeurs:
            ligne += f" : {_md(motif(e.valeurs))}"
        sources = [f"[{_md(r.titre)}]({r.lien})" if r.lien else _md(r.titre)
                   for r in e.references]
        if sources:
            ligne += " — " + " ; ".join(sources)
        lignes.append(ligne)
    return lignes


def _acteur(acteur: Any) -> str:
    """Un acteur, et la structure la plus proche à joindre s'il y en a une."""
    contacts = getattr(acteur, "contacts", None)
    if not contacts:
        return _md(acteur.libelle)
    return f"{_md(acteur.libelle)} ({_md(ligne_contact(contacts[0]))})"


def _contacts(orientation: Orientation, contacts: Any) -> list[str]:
    """« Contacts près de 01004 Ambérieu-en-Bugey » et une ligne par structure."""
    lieu = getattr(orientation, "lieu", None)
    if not contacts or lieu is None:
        return []
    nom = " ".join(x for x in (lieu.saisi, lieu.nom) if x)
    return [f"**{_md(vocabulaire().texte('contacts_pres_de', lieu=nom))}**\n\n"
            + "\n".join(f"- {_md(ligne_contact(c))}" for c in contacts)]


def _carte_niveau(orientation: Orientation, referentiel: Referentiel) -> dict[str, Any]:
    cat = referentiel.catalogue
    niveau = cat.niveaux[orientation.niveau]
    danger = any(cat.alertes.get(a.id, {}).get("gravite") == "critique"
                 for a in orientation.alertes)
    if orientation.urgence or danger:
        indicateur = "critical"
    elif orientation.niveau == "complexe":
        indicateur = "warning"
    else:
        indicateur = "info"
    if orientation.urgence:
        regles = [e.regle for e in orientation.explications if e.conclusions.get("urgence")]
    else:
        regles = [e.regle for e in orientation.explications
                  if e.conclusions.get("niveau") == orientation.niveau]
    v = vocabulaire()
    detail = [_md(niveau["description"])]
    if orientation.secteurs:
        detail.append(f"**{v.texte('secteurs')}** : "
                      + ", ".join(cat.secteurs[s] for s in orientation.secteurs))
    if orientation.clusters:
        detail.append(f"**{v.texte('acteurs')}**\n\n" + "\n".join(
            f"- **{_md(c.libelle)}** : " + ", ".join(_acteur(a) for a in c.acteurs)
            for c in orientation.clusters))
    if orientation.a_completer:
        detail.append(f"**{v.texte('a_completer')}**\n\n" + "\n".join(
            f"- {_md(a.libelle)} ({', '.join(a.regles)})" for a in orientation.a_completer))
    pourquoi = _pourquoi(orientation)
    if pourquoi:
        detail.append(f"**{v.texte('pourquoi')}**\n\n" + "\n".join(pourquoi))
    return {
        "summary": resume(v.texte("carte_niveau", niveau=niveau["libelle"],
                                  description=niveau["description"])),
        "indicator": indicateur,
        "detail": "\n\n".join(detail),
        "source": _source(orientation, regles, referentiel),
    }


def _carte_alerte(orientation: Orientation, referentiel: Referentiel, alerte: Any
                  ) -> dict[str, Any]:
    gravite = referentiel.catalogue.alertes.get(alerte.id, {}).get("gravite", "information")
    return {
        "summary": resume(alerte.message),
        "indicator": _GRAVITE_INDICATEUR.get(gravite, "info"),
        "detail": "\n\n".join([_md(alerte.message),
                               f"**{vocabulaire().texte('pourquoi')}**\n\n"
                               + "\n".join(_pourquoi(orientation, alerte.regles))]),
        "source": _source(orientation, alerte.regles, referentiel),
    }


def _carte_appui(orientation: Orientation, referentiel: Referentiel, appui: Any,
                 infos: dict[str, Any]) -> dict[str, Any]:
    description = referentiel.catalogue.appuis.get(appui.id, {}).get("description", "")
    demandeur = infos.get("userId")
    if not (isinstance(demandeur, str) and demandeur.split("/")[0] in
            ("Practitioner", "PractitionerRole")):
        demandeur = None
    contacts = getattr(appui, "contacts", None) or []
    demande = fhir.demande_appui(orientation, referentiel, appui.id,
                                 f"Patient/{infos['patientId']}", situation=infos.get("reponse"),
                                 demandeur=demandeur,
                                 executants=[fhir.reference_logique(c) for c in contacts[:1]])
    v = vocabulaire()
    detail = [_md(description)] if description else []
    detail += _contacts(orientation, contacts)
    detail.append(f"**{v.texte('pourquoi')}**\n\n"
                  + "\n".join(_pourquoi(orientation, appui.regles)))
    return {
        "summary": resume(v.texte("carte_appui", appui=appui.libelle)),
        "indicator": "info",
        "detail": "\n\n".join(detail),
        "source": _source(orientation, appui.regles, referentiel),
        "selectionBehavior": "any",
        "suggestions": [{
            "label": v.texte("suggestion_appui", appui=appui.libelle),
            "isRecommended": True,
            "actions": [{"type": "create",
                         "description": v.texte("action_appui", appui=appui.libelle),
                         "resource": demande}],
        }],
    }


def cartes(orientation: Orientation, referentiel: Referentiel, infos: dict[str, Any]
           ) -> list[dict[str, Any]]:
    """Les cartes d'une orientation, les plus urgentes d'abord (ordre stable sinon :
    alertes, niveau, fonctions d'appui)."""
    liste = [_carte_alerte(orientation, referentiel, a) for a in orientation.alertes]
    liste.append(_carte_niveau(orientation, referentiel))
    liste += [_carte_appui(orientation, referentiel, a, infos) for a in orientation.appuis]
    return sorted(liste, key=lambda c: _INDICATEURS.index(c["indicator"]))
