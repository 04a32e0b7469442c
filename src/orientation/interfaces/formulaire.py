"""La saisie d'une situation dans un formulaire : des champs « à plat », un par widget.

Un formulaire ne connaît que des valeurs simples sous des clés pointées (``social.aidant``,
``autonomie.aggir.toilette``, ``social.mini_zarit.3``) ; ce module passe de ces valeurs à
une situation et retour, sans rien décider : la validation reste celle de ``Situation``
(``erreurs.lire_situation``), avec ses messages français qui nomment chaque champ.

Il donne aussi les textes du formulaire (libellés, aides, questions des instruments) et
l'aperçu des scores des instruments pendant la saisie, calculés par ``instruments`` avec
les seuils de ``rules/parametres.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from orientation.referentiel.lecture_yaml import lire_yaml
from orientation.referentiel.vocabulaire import vocabulaire
from orientation.resultat.rapport import valeur_lisible, verdict_epices
from orientation.situation import instruments
from orientation.situation.erreurs import lire_situation_json
from orientation.situation.faits import CHAMPS, QUESTIONNAIRES, Champ
from orientation.situation.modele import Situation

_AGGIR = "autonomie.aggir"
_FRAGILITE = "autonomie.fragilite"
_ZARIT = "social.mini_zarit"
_EPICES = "social.epices"
_JUGEMENT = "jugement_fragile"


def sections() -> dict[str, str]:
    """Les sections du formulaire, dans l'ordre (identifiant → titre)."""
    return vocabulaire().sections


def questions(questionnaire: str) -> dict[str, str]:
    """Les questions d'un instrument, dans l'ordre de la grille publiée (clé → question).
    Pour AGGIR, les huit variables discriminantes ; pour le GFST, sans le jugement du
    clinicien (posé à part)."""
    q = vocabulaire().questionnaires[questionnaire]
    if questionnaire == _AGGIR:
        return {k: q.questions[k].question for k in instruments.AGGIR_VARIABLES}
    return {k: x.question for k, x in q.questions.items() if k != _JUGEMENT}


def reponses_aggir() -> dict[str, str]:
    """Les codes A, B, C de la grille AGGIR et leur sens."""
    return vocabulaire().questionnaires[_AGGIR].reponses


def question_jugement() -> str:
    return vocabulaire().questionnaires[_FRAGILITE].questions[_JUGEMENT].question


def aide(chemin: str) -> str | None:
    return vocabulaire().aide(chemin)


def champs_du_formulaire(section: str) -> list[Champ]:
    """Les champs saisis d'une section (sans les questionnaires ni les champs dérivés),
    dans l'ordre de la situation."""
    return [c for c in CHAMPS.values()
            if not c.derive and c.chemin.split(".")[0] == section]


def libelle_formulaire(chemin: str) -> str:
    """Le libellé d'un champ, avec sa majuscule : « Vit seul »."""
    return vocabulaire().libelle_majuscule(chemin)


# --- Des valeurs à plat à la situation, et retour ----------------------------------------------


def cles_questionnaire(questionnaire: str) -> list[str]:
    """Les clés à plat d'un questionnaire (``social.mini_zarit.0`` … ``.6``)."""
    sous_cles = list(questions(questionnaire))
    if questionnaire == _FRAGILITE:
        sous_cles.append(_JUGEMENT)
    return [f"{questionnaire}.{c}" for c in sous_cles]


def cles_saisie() -> list[str]:
    """Toutes les clés d'un formulaire complet, dans l'ordre de la situation."""
    cles = ["age"]
    for section in sections():
        cles += [c.chemin for c in champs_du_formulaire(section)]
        cles += [k for q in sorted(QUESTIONNAIRES) if q.startswith(section + ".")
                 for k in cles_questionnaire(q)]
    return cles


def situation_depuis_saisie(valeurs: Mapping[str, Any]) -> dict[str, Any]:
    """Les données d'une situation, à valider par ``lire_situation``.

    Une valeur ``None`` n'est pas saisie : le champ prend sa valeur par défaut. Un
    questionnaire sans aucune réponse est absent ; commencé, il est transmis tel quel, et
    la validation dit ce qui manque (un questionnaire incomplet n'a pas de score).
    """
    donnees: dict[str, Any] = {}
    if valeurs.get("age") is not None:
        donnees["age"] = valeurs["age"]
    for section in sections():
        partie: dict[str, Any] = {}
        for champ in champs_du_formulaire(section):
            v = valeurs.get(champ.chemin)
            if v is not None:
                partie[champ.chemin.split(".", 1)[1]] = list(v) if champ.type == "liste" else v
        for questionnaire in sorted(QUESTIONNAIRES):
            if not questionnaire.startswith(section + "."):
                continue
            reponses = {k.rsplit(".", 1)[1]: valeurs.get(k)
                        for k in cles_questionnaire(questionnaire)}
            if all(v is None for v in reponses.values()):
                continue
            nom = questionnaire.split(".", 1)[1]
            if questionnaire == _ZARIT:
                partie[nom] = [v for v in reponses.values() if v is not None]
            else:
                partie[nom] = {k: v for k, v in reponses.items() if v is not None}
        if partie:
            donnees[section] = partie
    return donnees


def saisie_depuis_situation(situation: Situation) -> dict[str, Any]:
    """Toutes les clés du formulaire remplies depuis une situation (valeurs par défaut
    comprises) : charger un exemple remplace toute la saisie précédente."""
    valeurs: dict[str, Any] = dict.fromkeys(cles_saisie())
    donnees = situation.model_dump()
    valeurs["age"] = donnees["age"]
    for section in sections():
        for nom, v in donnees[section].items():
            chemin = f"{section}.{nom}"
            if chemin not in QUESTIONNAIRES:
                valeurs[chemin] = v
            elif isinstance(v, list):
                valeurs.update({f"{chemin}.{i}": r for i, r in enumerate(v)})
            elif isinstance(v, dict):
                valeurs.update({f"{chemin}.{k}": r for k, r in v.items()
                                if f"{chemin}.{k}" in valeurs})
    return valeurs


def saisie_vierge() -> dict[str, Any]:
    """Un formulaire vide : valeurs par défaut de la situation, âge à saisir."""
    valeurs = saisie_depuis_situation(Situation(age=0))
    valeurs["age"] = None
    return valeurs


def elements_saisis(situation: Situation, questionnaires: bool = False
                    ) -> list[tuple[str, str]]:
    """Ce que la saisie dit du patient (libellé, valeur lisible), sans les valeurs par
    défaut : le résumé d'une fiche. Les réponses aux questionnaires n'y figurent que si
    ``questionnaires`` (sinon leurs scores les résument)."""
    defaut = saisie_depuis_situation(Situation(age=situation.age))
    saisie = saisie_depuis_situation(situation)
    v = vocabulaire()
    lignes = [(v.libelle_majuscule("age"), v.texte("age", age=situation.age))]
    for cle, v in saisie.items():
        if cle == "age" or v == defaut[cle] or v is None:
            continue
        if not questionnaires and cle not in CHAMPS:
            continue
        lignes.append((libelle_cle(cle), valeur_lisible(v)))
    return lignes


def libelle_cle(cle: str) -> str:
    """Le libellé d'une clé du formulaire, questionnaires compris :
    « Grille AGGIR — Toilette », « Mini-Zarit — Avez-vous peur pour l'avenir… »."""
    if cle in CHAMPS:
        return libelle_formulaire(cle)
    v = vocabulaire()
    if cle in v.questionnaires:
        return v.questionnaires[cle].libelle
    questionnaire, _, sous_cle = cle.rpartition(".")
    q = v.questionnaires.get(questionnaire)
    if q is None or sous_cle not in q.questions:
        return cle
    return f"{q.libelle} — {q.questions[sous_cle].question}"


# --- Aperçu des instruments pendant la saisie --------------------------------------------------


def _reponses(valeurs: Mapping[str, Any], questionnaire: str) -> list[Any]:
    return [valeurs.get(k) for k in cles_questionnaire(questionnaire)]


def apercu_epices(valeurs: Mapping[str, Any], parametres: Mapping[str, Any]) -> str:
    """Le score EPICES dès que les 11 réponses sont données, sinon l'avancement."""
    reponses = dict(zip(questions(_EPICES), _reponses(valeurs, _EPICES), strict=True))
    faites = sum(v is not None for v in reponses.values())
    if faites < len(reponses):
        return vocabulaire().texte("reponses_faites", faites=faites, total=len(reponses))
    score = instruments.score_epices(reponses)
    seuil = parametres["epices.seuil_precarite"]
    return vocabulaire().texte("epices_seuil", score=valeur_lisible(score),
                               verdict=verdict_epices(score >= seuil),
                               seuil=valeur_lisible(float(seuil)))


def apercu_mini_zarit(valeurs: Mapping[str, Any], parametres: Mapping[str, Any]) -> str:
    """Le total du mini-Zarit et la bande de fardeau, ou l'avancement."""
    reponses = _reponses(valeurs, _ZARIT)
    faites = [r for r in reponses if r is not None]
    v = vocabulaire()
    if len(faites) < len(reponses):
        return v.texte("reponses_faites", faites=len(faites), total=len(reponses))
    score = instruments.score_mini_zarit(faites)
    bande = instruments.bande_mini_zarit(
        score, (parametres["mini_zarit.borne_fardeau_absent_ou_leger"],
                parametres["mini_zarit.borne_fardeau_leger_a_modere"],
                parametres["mini_zarit.borne_fardeau_modere_a_severe"]))
    return v.texte("score_mini_zarit", score=valeur_lisible(score), bande=v.valeur(bande))


def apercu_aggir(valeurs: Mapping[str, Any]) -> str:
    """Le GIR calculé par la grille dès que les 8 variables sont codées."""
    codes = dict(zip(questions(_AGGIR), _reponses(valeurs, _AGGIR), strict=True))
    faites = sum(v is not None for v in codes.values())
    if faites < len(codes):
        return vocabulaire().texte("variables_codees", faites=faites, total=len(codes))
    return vocabulaire().texte("score_gir_calcule", gir=instruments.gir_depuis_aggir(codes))


def apercu_fragilite(valeurs: Mapping[str, Any]) -> str:
    """La conclusion du GFST (avec le jugement du clinicien s'il est donné)."""
    reponses = dict(zip(cles_questionnaire(_FRAGILITE), _reponses(valeurs, _FRAGILITE),
                        strict=True))
    reponses = {k.rsplit(".", 1)[1]: r for k, r in reponses.items()}
    jugement = reponses.pop(_JUGEMENT)
    faites = sum(r is not None for r in reponses.values())
    v = vocabulaire()
    if faites < len(reponses):
        return v.texte("reponses_faites", faites=faites, total=len(reponses))
    return v.texte("score_fragilite",
                   fragilite=v.valeur(instruments.conclusion_gfst(reponses, jugement)))


def message_lisible(message: str) -> str:
    """Un message de ``ErreurSaisie`` précédé du libellé du champ qu'il nomme :
    « Aidant (social.aidant) : valeur … »."""
    chemin, sep, reste = message.partition(" : ")
    if not sep:
        return message
    cle = re.sub(r"\[(\d+)\]", r".\1", chemin)
    for candidat in (cle, cle.rsplit(".", 1)[0]):
        libelle = libelle_cle(candidat)
        if libelle != candidat:
            return f"{libelle} ({chemin}) : {reste}"
    return message


# --- Exemples livrés (examples/*.json) ---------------------------------------------------------

def exemples(dossier: Path) -> dict[str, Situation]:
    """Les situations d'exemple d'un dossier, par titre lisible (``exemples.yaml`` du même
    dossier), dans l'ordre des fichiers."""
    titres = titres_exemples(dossier)
    resultat: dict[str, Situation] = {}
    for chemin in sorted(dossier.glob("*.json")):
        titre = titres.get(chemin.name, chemin.stem.replace("_", " "))
        resultat[titre] = lire_situation_json(chemin.read_bytes())
    return resultat


def titres_exemples(dossier: Path) -> dict[str, str]:
    """Le titre de chaque exemple (nom de fichier → titre), lu dans ``exemples.yaml``."""
    chemin = dossier / "exemples.yaml"
    if not chemin.is_file():
        return {}
    donnees = lire_yaml(chemin) or {}
    return {nom: str(info["titre"]) for nom, info in donnees.items()
            if isinstance(info, dict) and info.get("titre")}
