"""La correspondance acteur / fonction d'appui → catégories FINESS (``rules/annuaire.yaml``).

C'est une donnée du référentiel, validée comme lui : identifiants connus du catalogue, codes
TRE-R397 à trois chiffres, sources déclarées, paramètres entiers positifs. Chaque erreur
nomme le fichier et la ligne (``ErreurReferentiel``), et ``orientation rules check`` la
rapporte avec les autres.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from orientation.referentiel import (
    Catalogue,
    ErreurReferentiel,
    dossier_regles_par_defaut,
)
from orientation.referentiel.lecture_yaml import lire_yaml as _lire_yaml

FICHIER = "annuaire.yaml"
_CODE_CATEGORIE = re.compile(r"^[0-9]{3}$")
_PARAMETRES = ("contacts_max", "distance_max_km")


@dataclass(frozen=True)
class SourceCategorie:
    cle: str
    titre: str
    lien: str | None


@dataclass(frozen=True)
class Correspondance:
    """Les catégories FINESS d'un acteur ou d'une fonction d'appui."""

    identifiant: str
    categories: dict[str, str]  # code TRE-R397 → libellé
    sources: tuple[SourceCategorie, ...]
    note: str | None
    ligne: int


@dataclass(frozen=True)
class ReglesAnnuaire:
    correspondances: dict[str, Correspondance]
    contacts_max: int
    distance_max_km: float
    sources: dict[str, SourceCategorie]

    def categories(self, identifiant: str) -> tuple[str, ...]:
        c = self.correspondances.get(identifiant)
        return tuple(c.categories) if c else ()


def _ligne(obj: Any) -> int | None:
    return getattr(obj, "ligne", None)


def _lignes_des_cles(chemin: Path, section: str) -> dict[str, int]:
    """La ligne de chaque clé de ``section`` (celle de la clé, pas de sa valeur)."""
    import yaml

    try:
        racine = yaml.compose(chemin.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return {}
    if not isinstance(racine, yaml.MappingNode):
        return {}
    for cle, valeur in racine.value:
        if cle.value == section and isinstance(valeur, yaml.MappingNode):
            return {str(k.value): k.start_mark.line + 1 for k, _ in valeur.value}
    return {}


def identifiants_catalogue(catalogue: Catalogue) -> dict[str, str]:
    """Acteurs et fonctions d'appui du catalogue : identifiant → libellé, dans l'ordre."""
    ids: dict[str, str] = {}
    for cluster in catalogue.clusters.values():
        ids.update(cluster.acteurs)
    ids.update({aid: info["libelle"] for aid, info in catalogue.appuis.items()})
    return ids


def regles_annuaire_par_defaut() -> ReglesAnnuaire:
    """Les règles de l'annuaire du référentiel en usage, chargées une fois par processus (et
    par dossier)."""
    return _regles(str(dossier_regles_par_defaut()))


@functools.cache
def _regles(dossier: str) -> ReglesAnnuaire:
    from orientation.referentiel import referentiel_par_defaut

    return charger_regles_annuaire(dossier, referentiel_par_defaut().catalogue
                                   if Path(dossier) == dossier_regles_par_defaut() else None)


def charger_regles_annuaire(dossier: Path | str | None = None,
                            catalogue: Catalogue | None = None) -> ReglesAnnuaire:
    """Charge et valide ``annuaire.yaml`` ; lève ``ErreurReferentiel`` (fichier, ligne)."""
    from orientation.referentiel import charger_referentiel

    dossier = Path(dossier) if dossier else dossier_regles_par_defaut()
    chemin = dossier / FICHIER
    if not chemin.is_file():
        raise ErreurReferentiel([f"{chemin} : fichier de l'annuaire introuvable"])
    if catalogue is None:
        catalogue = charger_referentiel(dossier).catalogue
    connus = identifiants_catalogue(catalogue)
    brut = _lire_yaml(chemin)
    erreurs: list[str] = []

    def erreur(obj: Any, message: str) -> None:
        ligne = _ligne(obj)
        erreurs.append(f"{FICHIER}" + (f", ligne {ligne}" if ligne else "") + f" : {message}")

    if not isinstance(brut, dict):
        raise ErreurReferentiel([f"{FICHIER} : le fichier doit être un dictionnaire "
                                 "(sources, parametres, correspondances)"])
    for cle in brut:
        if cle not in ("sources", "parametres", "correspondances"):
            erreur(brut, f"clé « {cle} » inconnue (permises : sources, parametres, "
                         "correspondances)")

    sources: dict[str, SourceCategorie] = {}
    brut_sources = brut.get("sources")
    if not isinstance(brut_sources, dict) or not brut_sources:
        erreur(brut, "« sources » est obligatoire (clé → titre, lien)")
        brut_sources = {}
    for cle, s in brut_sources.items():
        if not isinstance(s, dict) or not isinstance(s.get("titre"), str) or not s["titre"]:
            erreur(s if isinstance(s, dict) else brut_sources,
                   f"la source « {cle} » doit avoir un « titre »")
            continue
        lien = s.get("lien")
        if lien is not None and not (isinstance(lien, str) and lien.startswith("https://")):
            erreur(s, f"la source « {cle} » : « lien » doit être une adresse https://")
        sources[str(cle)] = SourceCategorie(str(cle), s["titre"], lien)

    valeurs: dict[str, float] = {}
    brut_parametres = brut.get("parametres")
    if not isinstance(brut_parametres, dict):
        erreur(brut, "« parametres » est obligatoire (" + ", ".join(_PARAMETRES) + ")")
        brut_parametres = {}
    for nom in brut_parametres:
        if nom not in _PARAMETRES:
            erreur(brut_parametres, f"paramètre « {nom} » inconnu (permis : "
                                    + ", ".join(_PARAMETRES) + ")")
    for nom in _PARAMETRES:
        p = brut_parametres.get(nom)
        valeur = p.get("valeur") if isinstance(p, dict) else None
        if isinstance(valeur, bool) or not isinstance(valeur, int | float) or valeur <= 0:
            erreur(p if isinstance(p, dict) else brut_parametres,
                   f"le paramètre « {nom} » doit avoir une « valeur » numérique positive")
            continue
        if not isinstance(p.get("justification"), str):
            erreur(p, f"le paramètre « {nom} » doit avoir une « justification »")
        valeurs[nom] = valeur
    if "contacts_max" in valeurs and valeurs["contacts_max"] != int(valeurs["contacts_max"]):
        erreur(brut_parametres.get("contacts_max"), "« contacts_max » doit être un entier")

    correspondances: dict[str, Correspondance] = {}
    lignes_cles = _lignes_des_cles(chemin, "correspondances")

    def erreur_cle(ident: str, message: str) -> None:
        ligne = lignes_cles.get(ident)
        erreurs.append(f"{FICHIER}" + (f", ligne {ligne}" if ligne else "") + f" : {message}")

    brut_corr = brut.get("correspondances")
    if not isinstance(brut_corr, dict):
        erreur(brut, "« correspondances » est obligatoire (identifiant → categories, sources)")
        brut_corr = {}
    for ident, c in brut_corr.items():
        ident = str(ident)
        if ident not in connus:
            from difflib import get_close_matches

            proche = get_close_matches(ident, list(connus), n=1)
            aide = f" (vouliez-vous dire « {proche[0]} » ?)" if proche else ""
            erreur_cle(ident, f"« {ident} » n'est ni un acteur ni une fonction d'appui du "
                              f"catalogue{aide}")
            continue
        if not isinstance(c, dict):
            erreur_cle(ident, f"« {ident} » doit avoir « categories » et « sources »")
            continue
        for cle in c:
            if cle not in ("categories", "sources", "note"):
                erreur(c, f"« {ident} » : clé « {cle} » inconnue (permises : categories, "
                          "sources, note)")
        cats = c.get("categories")
        if not isinstance(cats, dict) or not cats:
            erreur(c, f"« {ident} » : « categories » doit associer des codes à leurs libellés")
            cats = {}
        categories: dict[str, str] = {}
        for code, libelle in cats.items():
            if not isinstance(code, str) or not _CODE_CATEGORIE.match(code):
                erreur(cats, f"« {ident} » : catégorie « {code} » invalide (trois chiffres entre "
                             "guillemets, code TRE-R397, par exemple \"500\")")
                continue
            if not isinstance(libelle, str) or not libelle:
                erreur(cats, f"« {ident} » : la catégorie {code} doit avoir son libellé")
                continue
            categories[code] = libelle
        refs = c.get("sources")
        if not isinstance(refs, list) or not refs:
            erreur(c, f"« {ident} » : « sources » doit citer au moins une source")
            refs = []
        for r in refs:
            if r not in sources:
                erreur(refs if _ligne(refs) else c,
                       f"« {ident} » : source « {r} » non déclarée sous « sources »")
        note = c.get("note")
        if note is not None and not isinstance(note, str):
            erreur(c, f"« {ident} » : « note » doit être un texte")
        correspondances[ident] = Correspondance(
            identifiant=ident, categories=categories,
            sources=tuple(sources[r] for r in refs if r in sources),
            note=note if isinstance(note, str) else None, ligne=_ligne(c) or 0)

    if erreurs:
        raise ErreurReferentiel(erreurs)
    ordre = list(connus)
    return ReglesAnnuaire(
        correspondances={i: correspondances[i] for i in sorted(correspondances, key=ordre.index)},
        contacts_max=int(valeurs["contacts_max"]),
        distance_max_km=float(valeurs["distance_max_km"]),
        sources=sources,
    )
