"""Le vocabulaire : les mots que l'outil montre aux personnes, lus dans ``rules/vocabulaire.yaml``.

Libellés, aides et unités des champs de la situation, libellés des valeurs, questions des
instruments validés, phrases du résultat : écrits une fois, en YAML, à côté des règles (comme
les ``label``/``unit`` des variables d'OpenFisca ou les ``question``/``unité`` de Publicodes).
Le modèle, le formulaire, les tableaux, le texte, la fiche, le réseau, la documentation et le
glossaire des scénarios les lisent ici. Les libellés des identifiants (niveaux, secteurs,
parcours, clusters, acteurs, appuis, alertes) restent dans ``catalogue.yaml`` ; ``valeur()``
les connaît aussi, pour qu'une valeur s'écrive de la même façon partout.

Ce module ne dépend que de la lecture YAML : le modèle de la situation s'en sert dès son
import (``situation.faits.CHAMPS``).
"""

from __future__ import annotations

import functools
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orientation.referentiel.emplacement import dossier_regles_par_defaut
from orientation.referentiel.lecture_yaml import lire_yaml
from orientation.referentiel.modele import ErreurReferentiel

FICHIER = "vocabulaire.yaml"
_SECTIONS = ("sections", "champs", "valeurs", "questionnaires", "textes", "conclusions",
             "sortie", "operateurs")


@dataclass(frozen=True)
class InfoChamp:
    libelle: str
    aide: str | None = None
    unite: str | None = None


@dataclass(frozen=True)
class Question:
    question: str  # la phrase posée (formulaire)
    court: str  # ce qu'en garde un tableau ou un résumé


@dataclass(frozen=True)
class Questionnaire:
    chemin: str
    libelle: str
    source: str
    questions: dict[str, Question]
    reponses: dict[str, str]  # libellés des réponses propres à l'instrument (AGGIR : A, B, C)


@dataclass(frozen=True)
class Vocabulaire:
    sections: dict[str, str]
    champs: dict[str, InfoChamp]
    valeurs: dict[str, str]
    questionnaires: dict[str, Questionnaire]
    textes: dict[str, str]
    conclusions: dict[str, str]
    sortie: dict[str, str]  # colonne d'un fichier de résultats → ce qu'elle contient
    operateurs: dict[str, str]  # opérateur de comparaison → sa phrase ({champ}, {valeur}…)
    lignes: dict[str, int]  # chemin de champ → ligne du fichier (pour les messages)

    def libelle(self, chemin: str) -> str:
        """Le libellé d'un champ (« vit seul ») ; le chemin lui-même s'il n'en a pas."""
        info = self.champs.get(chemin)
        return info.libelle if info else chemin

    def libelle_majuscule(self, chemin: str) -> str:
        """Le libellé avec sa majuscule, pour un formulaire ou un en-tête (« Vit seul »)."""
        return majuscule(self.libelle(chemin))

    def aide(self, chemin: str) -> str | None:
        info = self.champs.get(chemin)
        return info.aide if info else None

    def valeur(self, valeur: Any) -> str:
        """Le libellé d'une valeur de vocabulaire fermé (« epuise » → « épuisé »)."""
        return self.valeurs.get(str(valeur), str(valeur))

    def texte(self, cle: str, **valeurs: Any) -> str:
        """Une phrase du résultat, ses accolades remplacées par ``valeurs``."""
        return self.textes[cle].format(**valeurs) if valeurs else self.textes[cle]


def majuscule(texte: str) -> str:
    return texte[:1].upper() + texte[1:]


def _erreur(fichier: str, ligne: int | None, message: str) -> str:
    return f"{fichier}{f', ligne {ligne}' if ligne else ''} : {message}"


def _texte(brut: Any) -> str | None:
    return brut.strip() if isinstance(brut, str) and brut.strip() else None


def charger_vocabulaire(dossier: Path | str) -> Vocabulaire:
    """Lit et vérifie la forme de ``vocabulaire.yaml`` (et les libellés d'identifiants de
    ``catalogue.yaml``) ; lève ``ErreurReferentiel`` en nommant le fichier et la ligne.
    Que chaque champ du modèle ait un libellé est vérifié par ``rules check``, qui connaît
    le modèle."""
    # Un chemin, ou un dossier en mémoire (``referentiel.memoire``) : ``/`` et ``read_text``.
    chemin = (Path(dossier) if isinstance(dossier, str) else dossier) / FICHIER
    if not chemin.is_file():
        raise ErreurReferentiel([f"{chemin} : fichier obligatoire introuvable"])
    brut = lire_yaml(chemin)
    erreurs: list[str] = []
    if not isinstance(brut, dict):
        raise ErreurReferentiel([_erreur(FICHIER, None, "le vocabulaire est un dictionnaire "
                                         f"({', '.join(_SECTIONS)})")])
    for cle in brut:
        if cle not in _SECTIONS:
            erreurs.append(_erreur(FICHIER, getattr(brut, "ligne", None),
                                   f"section inconnue « {cle} » (sections : "
                                   f"{', '.join(_SECTIONS)})"))
    for cle in _SECTIONS:
        if not isinstance(brut.get(cle), dict):
            erreurs.append(_erreur(FICHIER, getattr(brut, "ligne", None),
                                   f"« {cle} » est obligatoire (un dictionnaire)"))
    if erreurs:
        raise ErreurReferentiel(erreurs)

    champs: dict[str, InfoChamp] = {}
    lignes: dict[str, int] = {}
    for chemin_champ, info in brut["champs"].items():
        ligne = getattr(info, "ligne", None) or getattr(brut["champs"], "ligne", None)
        if not isinstance(info, dict) or _texte(info.get("libelle")) is None:
            erreurs.append(_erreur(FICHIER, ligne, f"le champ « {chemin_champ} » doit avoir un "
                                                   "« libelle » (texte non vide)"))
            continue
        for cle in info:
            if cle not in ("libelle", "aide", "unite"):
                erreurs.append(_erreur(FICHIER, ligne, f"clé inconnue « {cle} » pour le champ "
                                                       f"« {chemin_champ} » (libelle, aide, "
                                                       "unite)"))
        champs[chemin_champ] = InfoChamp(_texte(info["libelle"]), _texte(info.get("aide")),
                                         _texte(info.get("unite")))
        lignes[chemin_champ] = ligne or 0

    questionnaires: dict[str, Questionnaire] = {}
    for chemin_q, q in brut["questionnaires"].items():
        ligne = getattr(q, "ligne", None)
        if not isinstance(q, dict) or not isinstance(q.get("questions"), dict) \
                or _texte(q.get("libelle")) is None:
            erreurs.append(_erreur(FICHIER, ligne, f"le questionnaire « {chemin_q} » doit avoir "
                                                   "« libelle » et « questions »"))
            continue
        questions = {}
        for cle, question in q["questions"].items():
            if not isinstance(question, dict) or _texte(question.get("question")) is None \
                    or _texte(question.get("court")) is None:
                erreurs.append(_erreur(FICHIER, getattr(question, "ligne", ligne),
                                       f"la question « {chemin_q}.{cle} » doit avoir "
                                       "« question » et « court »"))
                continue
            questions[str(cle)] = Question(_texte(question["question"]),
                                           _texte(question["court"]))
        questionnaires[chemin_q] = Questionnaire(
            chemin_q, _texte(q["libelle"]), _texte(q.get("source")) or "", questions,
            {str(k): str(v) for k, v in (q.get("reponses") or {}).items()})

    def plat(section: str) -> dict[str, str]:
        resultat = {}
        for cle, valeur in brut[section].items():
            if _texte(valeur) is None:
                erreurs.append(_erreur(FICHIER, getattr(brut[section], "ligne", None),
                                       f"« {section}.{cle} » doit être un texte non vide"))
            else:
                resultat[str(cle)] = _texte(valeur)
        return resultat

    sections, textes, conclusions = plat("sections"), plat("textes"), plat("conclusions")
    sortie, operateurs = plat("sortie"), plat("operateurs")
    valeurs = plat("valeurs")
    valeurs.update(_libelles_catalogue(chemin.parent if isinstance(chemin, Path) else dossier))
    if erreurs:
        raise ErreurReferentiel(erreurs)
    return Vocabulaire(sections, champs, valeurs, questionnaires, textes, conclusions, sortie,
                       operateurs, lignes)


def _libelles_catalogue(dossier: Path) -> dict[str, str]:
    """Les secteurs et parcours en minuscules (« médico-social », « parcours de soins ») :
    des valeurs que le résultat et les explications affichent aussi. (Les niveaux ont leur
    adjectif dans « valeurs » : « coordonné », quand le catalogue donne le titre « Parcours
    coordonné ».)"""
    chemin = dossier / "catalogue.yaml"
    if not chemin.is_file():
        return {}
    cat = lire_yaml(chemin)
    if not isinstance(cat, dict):
        return {}
    libelles: dict[str, str] = {}
    for sorte in ("secteurs", "parcours"):
        for cle, libelle in (cat.get(sorte) or {}).items():
            if isinstance(libelle, str):
                libelles[cle] = libelle[:1].lower() + libelle[1:]
    return libelles


@functools.lru_cache(maxsize=16)
def _vocabulaire(dossier: str, _version: tuple) -> Vocabulaire:
    return charger_vocabulaire(dossier)


def vocabulaire_de(dossier: Path | str) -> Vocabulaire:
    """Le vocabulaire d'un dossier de règles, relu seulement si ses fichiers ont changé."""
    if not isinstance(dossier, str | Path):  # un dossier en mémoire (referentiel.memoire)
        return charger_vocabulaire(dossier)
    texte = str(dossier)
    return _vocabulaire(texte, (_signature(os.path.join(texte, FICHIER)),
                                _signature(os.path.join(texte, "catalogue.yaml"))))


def _signature(chemin: str) -> tuple[int, int] | None:
    """Date et taille d'un fichier (un seul appel système : le vocabulaire est demandé
    des centaines de fois au démarrage), ou None s'il n'y en a pas."""
    try:
        etat = os.stat(chemin)
    except OSError:
        return None
    return (etat.st_mtime_ns, etat.st_size) if stat.S_ISREG(etat.st_mode) else None


def vocabulaire() -> Vocabulaire:
    """Le vocabulaire du référentiel en usage (lu une fois par processus, tant que les
    fichiers ne changent pas)."""
    return vocabulaire_de(dossier_regles_par_defaut())


__all__ = ["Vocabulaire", "InfoChamp", "Question", "Questionnaire", "charger_vocabulaire",
           "vocabulaire", "vocabulaire_de", "majuscule"]
