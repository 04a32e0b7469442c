"""Chargement et validation du référentiel de règles (``rules/``).

Le référentiel est fait de données en français, écrites par des experts du domaine :
- ``catalogue.yaml`` : les identifiants (secteurs, parcours, niveaux, clusters et acteurs,
  fonctions d'appui, alertes) et leurs libellés ;
- ``parametres.yaml`` : les seuils nommés, chacun avec sa valeur, sa date et sa source ;
- tout autre ``*.yaml`` : un thème de règles (``theme``, ``description``, ``regles``).

Le langage des conditions (``si``) :
- ``toutes: [...]``, ``une_de: [...]``, ``aucune: [...]`` ;
- ``au_moins: {nombre: N, parmi: [...]}`` ;
- ``<champ>: <valeur>`` (égalité), ou ``<champ>: {<opérateur>: <valeur>}`` avec les
  opérateurs ``egal``, ``different``, ``au_moins``, ``au_plus``, ``superieur_a``,
  ``inferieur_a``, ``parmi``, ``hors_de``, ``contient``, ``contient_un_de``, ``renseigne`` ;
- ``conclusion.<secteurs|parcours|appuis|alertes|clusters|niveau|pps|urgence>:`` ce que
  d'autres règles ont déjà conclu (chaînage avant) : ``{contient: X}``,
  ``{nombre_au_moins: N}`` ; jamais sous ``aucune`` (une conclusion ne se retire pas).
Une valeur ``$nom`` renvoie au paramètre ``nom``. Les booléens s'écrivent ``oui``/``non``.

Toute erreur nomme le fichier, la ligne et la règle, en français.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import string
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from orientation.evaluation.operateurs import OPERATEURS, STRUCTURE, permis
from orientation.referentiel.emplacement import dossier_regles_par_defaut
from orientation.referentiel.lecture_yaml import lire_yaml
from orientation.referentiel.modele import (
    CONCLUSIONS_LISTES,
    Aucune,
    AuMoins,
    Catalogue,
    Cluster,
    Comparaison,
    Conclusions,
    Condition,
    ErreurReferentiel,
    Parametre,
    Reference,
    Referentiel,
    Regle,
    SurConclusion,
    Toutes,
    UneDe,
)
from orientation.referentiel.vocabulaire import FICHIER as FICHIER_VOCABULAIRE
from orientation.referentiel.vocabulaire import vocabulaire_de
from orientation.situation.erreurs import LONGUEUR_MESSAGE, echapper, echapper_texte
from orientation.situation.faits import CHAMPS, PARAMETRES_DES_INSTRUMENTS, Champ

_ID_REGLE = re.compile(r"^R-[A-Z0-9]+(-[A-Z0-9]+)*$")
_OUI_NON = {"oui": True, "non": False, True: True, False: False}


def _est_oui_non(v: Any) -> bool:
    """« oui », « non », ou un booléen YAML (pas 1 ni 0, ni une liste : une valeur
    quelconque du fichier ne doit jamais faire planter la validation)."""
    return isinstance(v, bool) or (isinstance(v, str) and v in _OUI_NON)


FICHIERS_SPECIAUX = ("catalogue.yaml", "parametres.yaml", "vocabulaire.yaml")
# Fichiers de données du référentiel qui ne sont pas des règles, facultatifs (annuaire.yaml :
# catégories FINESS des acteurs, lu par orientation.annuaire).
FICHIERS_ANNEXES = ("annuaire.yaml",)


# --- Validation -----------------------------------------------------------------------------------


class _Contexte:
    """Accumule les erreurs d'un fichier en les situant (fichier, ligne, règle)."""

    def __init__(self, fichier: str):
        self.fichier = fichier
        self.erreurs: list[str] = []
        self.regle: str | None = None

    def erreur(self, ligne: int | None, message: str) -> None:
        ou = self.fichier + (f", ligne {ligne}" if ligne else "")
        qui = f", règle {self.regle}" if self.regle else ""
        self.erreurs.append(echapper_texte(f"{ou}{qui} : {message}", LONGUEUR_MESSAGE))


def _ligne(obj: Any, defaut: int | None = None) -> int | None:
    return getattr(obj, "ligne", None) or defaut


def _texte(ctx: _Contexte, obj: dict, cle: str, ligne: int | None, requis: bool = True) -> str:
    valeur = obj.get(cle)
    if valeur is None:
        if requis:
            ctx.erreur(ligne, f"« {echapper(cle)} » est obligatoire")
        return ""
    if not isinstance(valeur, str) or not valeur.strip():
        ctx.erreur(ligne, f"« {echapper(cle)} » doit être un texte non vide")
        return ""
    return valeur.strip()


def _cles_connues(ctx: _Contexte, obj: dict, permises: tuple[str, ...], ou: str) -> None:
    for cle in obj:
        if cle not in permises:
            ctx.erreur(_ligne(obj), f"clé inconnue « {echapper(cle)} » dans {ou} (clés permises : "
                                    f"{', '.join(permises)})")


def _page_d_accueil(lien: str) -> bool:
    """Un lien sans chemin (``https://www.has-sante.fr`` ou ``…fr/``) ne désigne aucun
    document : une source doit être précise (GUIDE.md)."""
    try:
        decoupe = urlsplit(lien)
    except ValueError:  # « https://[… » : adresse impossible, refusée comme une page d'accueil
        return True
    return decoupe.path in ("", "/") and not decoupe.query and not decoupe.fragment


def _references(ctx: _Contexte, brut: Any, ligne: int | None) -> tuple[Reference, ...]:
    if not isinstance(brut, list) or not brut:
        ctx.erreur(ligne, "« references » doit être une liste d'au moins une référence "
                          "(titre et lien ou article)")
        return ()
    refs = []
    for ref in brut:
        if not isinstance(ref, dict):
            ctx.erreur(_ligne(brut, ligne), "une référence doit avoir « titre » et « lien » "
                                           "ou « article »")
            continue
        _cles_connues(ctx, ref, ("titre", "lien", "article"), "une référence")
        titre = _texte(ctx, ref, "titre", _ligne(ref))
        lien = ref.get("lien")
        article = ref.get("article")
        if lien is None and article is None:
            ctx.erreur(_ligne(ref), f"la référence « {echapper(titre)} » n'a ni « lien » "
                                    "ni « article »")
        if lien is not None and not (isinstance(lien, str) and lien.startswith("https://")):
            ctx.erreur(_ligne(ref), f"le lien « {echapper(lien)} » doit être une adresse "
                                    "https://")
        elif lien is not None and _page_d_accueil(lien):
            ctx.erreur(_ligne(ref), f"le lien « {echapper(lien)} » est la page d'accueil d'un "
                                    "site : citer le document lui-même (son adresse précise), "
                                    "ou, faute d'adresse stable, le citer par « article »")
        refs.append(Reference(titre=titre, lien=lien, article=article))
    return tuple(refs)


_ID = re.compile(r"^[a-z0-9_]+$")
GRAVITES = ("critique", "attention", "information")


def _section_catalogue(ctx: _Contexte, brut: dict, nom: str,
                       forme: dict[str, bool | None] | None) -> dict[str, Any]:
    """Une section du catalogue : des identifiants (minuscules, chiffres, « _ »), chacun un
    libellé (``forme`` None) ou un dictionnaire aux clés de ``forme`` (clé → texte
    obligatoire, texte facultatif, ou ``None`` : autre chose, vérifié par l'appelant).
    Ce que le code lira plus loin (un libellé, un message d'alerte) est vérifié ici, pour
    qu'un catalogue mal formé soit refusé au chargement et non au premier repérage."""
    section = brut.get(nom)
    if not isinstance(section, dict) or not section:
        ctx.erreur(_ligne(brut), f"« {nom} » doit être un dictionnaire non vide d'identifiants")
        return {}
    ligne = _ligne(section)
    for id_, v in section.items():
        if not isinstance(id_, str) or not _ID.match(id_):
            ctx.erreur(ligne, f"identifiant invalide « {echapper(id_)} » dans « {nom} » "
                              "(minuscules, chiffres et « _ »)")
            continue
        if forme is None:
            if not isinstance(v, str) or not v.strip():
                ctx.erreur(ligne, f"« {nom}.{id_} » doit être un libellé (texte non vide)")
            continue
        if not isinstance(v, dict):
            ctx.erreur(ligne, f"« {nom}.{id_} » doit être un dictionnaire ({', '.join(forme)})")
            continue
        _cles_connues(ctx, v, tuple(forme), f"« {nom}.{id_} »")
        for cle, requis in forme.items():
            if requis is not None:
                _texte(ctx, v, cle, _ligne(v, ligne), requis)
        if "gravite" in forme and v.get("gravite") not in (None, *GRAVITES):
            ctx.erreur(_ligne(v, ligne), f"gravité inconnue « {echapper(v.get('gravite'))} » "
                                         f"pour l'alerte « {id_} » ({', '.join(GRAVITES)})")
    return dict(section)


def _charger_catalogue(chemin: Path) -> Catalogue:
    ctx = _Contexte(chemin.name)
    brut = lire_yaml(chemin)
    if not isinstance(brut, dict):
        raise ErreurReferentiel([f"{chemin.name} : le catalogue doit être un dictionnaire"])
    permises = ("version", "themes", "niveaux", "secteurs", "parcours", "clusters", "appuis",
                "alertes")
    _cles_connues(ctx, brut, permises, "le catalogue")
    if not isinstance(brut.get("version"), str | int | float) or isinstance(
            brut.get("version"), bool):
        ctx.erreur(_ligne(brut), "« version » est obligatoire (texte, par exemple \"2026.11\")")
    themes = brut.get("themes")
    if not isinstance(themes, list) or not themes or not all(
            isinstance(t, str) and t.endswith(".yaml") for t in themes):
        ctx.erreur(_ligne(brut), "« themes » doit être la liste des fichiers de règles "
                                 "(sante.yaml…)")
        themes = []
    niveaux = _section_catalogue(ctx, brut, "niveaux", {"libelle": True, "description": True})
    secteurs = _section_catalogue(ctx, brut, "secteurs", None)
    parcours = _section_catalogue(ctx, brut, "parcours", None)
    appuis = _section_catalogue(ctx, brut, "appuis", {"libelle": True, "description": False})
    alertes = _section_catalogue(ctx, brut, "alertes", {"message": True, "gravite": False})
    brut_clusters = _section_catalogue(ctx, brut, "clusters", {"libelle": True, "acteurs": None})
    clusters = {}
    for cid, c in brut_clusters.items():
        if not isinstance(c, dict) or not isinstance(c.get("acteurs"), dict) or not c["acteurs"]:
            if isinstance(c, dict):
                ctx.erreur(_ligne(c), f"le cluster « {echapper(cid)} » doit avoir « acteurs » : "
                                      "un dictionnaire non vide (identifiant : libellé)")
            continue
        for a, libelle in c["acteurs"].items():
            if not isinstance(a, str) or not _ID.match(a) or not isinstance(libelle, str) \
                    or not libelle.strip():
                ctx.erreur(_ligne(c["acteurs"]), f"acteur « {echapper(a)} » du cluster "
                                                 f"« {cid} » : identifiant (minuscules, "
                                                 "chiffres, « _ ») et libellé attendus")
        clusters[cid] = Cluster(cid, c.get("libelle") or "", dict(c["acteurs"]))
    vus: dict[str, str] = {}
    for c in clusters.values():
        for a in c.acteurs:
            if a in vus:
                ctx.erreur(None, f"l'acteur « {echapper(a)} » figure dans « {vus[a]} » et "
                                 f"« {c.id} »")
            vus[a] = c.id
    if ctx.erreurs:
        raise ErreurReferentiel(ctx.erreurs)
    return Catalogue(
        version=str(brut["version"]),
        themes=tuple(themes),
        niveaux=niveaux,
        secteurs=secteurs,
        parcours=parcours,
        clusters=clusters,
        appuis=appuis,
        alertes=alertes,
    )


def _charger_parametres(chemin: Path) -> dict[str, Parametre]:
    ctx = _Contexte(chemin.name)
    brut = lire_yaml(chemin) or {}
    if not isinstance(brut, dict):
        raise ErreurReferentiel([f"{chemin.name} : les paramètres doivent être un dictionnaire"])
    parametres = {}
    permises = ("description", "valeur", "unite", "depuis", "references")
    for nom, p in brut.items():
        ctx.regle = None
        if not isinstance(p, dict):
            ctx.erreur(_ligne(brut), f"le paramètre « {echapper(nom)} » doit être un dictionnaire")
            continue
        ligne = _ligne(p)
        _cles_connues(ctx, p, permises, f"le paramètre « {echapper(nom)} »")
        valeur = p.get("valeur")
        if isinstance(valeur, bool) or not isinstance(valeur, int | float):
            ctx.erreur(ligne, f"le paramètre « {echapper(nom)} » doit avoir une « valeur » "
                              "numérique")
        depuis = p.get("depuis")
        if not isinstance(depuis, dt.date):
            ctx.erreur(ligne, f"le paramètre « {echapper(nom)} » doit avoir une date « depuis » "
                              "(AAAA-MM-JJ)")
        parametres[nom] = Parametre(
            nom=nom,
            description=_texte(ctx, p, "description", ligne),
            valeur=valeur,
            unite=_texte(ctx, p, "unite", ligne),
            depuis=depuis,
            references=_references(ctx, p.get("references"), ligne),
        )
    for nom in PARAMETRES_DES_INSTRUMENTS:
        if nom not in parametres:
            ctx.erreurs.append(f"{chemin.name} : le paramètre « {nom} » est obligatoire (le "
                               "calcul d'un score d'instrument le lit)")
    if ctx.erreurs:
        raise ErreurReferentiel(ctx.erreurs)
    return parametres


class _Analyseur:
    """Transforme le YAML d'une règle en conditions et conclusions typées."""

    def __init__(self, ctx: _Contexte, catalogue: Catalogue, parametres: dict[str, Parametre]):
        self.ctx = ctx
        self.catalogue = catalogue
        self.parametres = parametres

    # -- conditions --
    def condition(self, brut: Any, ligne: int | None, premier_niveau: bool = True
                  ) -> Condition:
        """``premier_niveau`` : la condition est le « si » ou un terme de son « toutes » ;
        seules celles-là peuvent porter sur des conclusions ou compter (« au_moins »)."""
        ligne = _ligne(brut, ligne)
        if not isinstance(brut, dict) or len(brut) != 1:
            self.ctx.erreur(ligne, "une condition est un dictionnaire à une seule clé : "
                                   "toutes, une_de, aucune, au_moins, un champ ou "
                                   "conclusion.<sorte>")
            return Toutes(())
        ((cle, valeur),) = brut.items()
        if cle in ("toutes", "une_de", "aucune"):
            if not isinstance(valeur, list) or not valeur:
                self.ctx.erreur(ligne, f"« {echapper(cle)} » attend une liste non vide de "
                                       "conditions")
                return Toutes(())
            permise = premier_niveau and cle == "toutes"
            termes = tuple(self.condition(t, _ligne(valeur, ligne), permise) for t in valeur)
            return {"toutes": Toutes, "une_de": UneDe, "aucune": Aucune}[cle](termes)
        if cle == "au_moins":
            if not premier_niveau:
                self.ctx.erreur(ligne, "« au_moins » ne peut figurer qu'au premier niveau de "
                                       "« si » ou dans son « toutes »")
            return self._au_moins(valeur, ligne)
        if isinstance(cle, str) and cle.startswith("conclusion."):
            if not premier_niveau:
                self.ctx.erreur(ligne, f"« {echapper(cle)} » ne peut figurer qu'au premier niveau "
                                       "de « si » ou dans son « toutes » (une conclusion ne se "
                                       "retire pas et ne s'alterne pas)")
            return self._sur_conclusion(cle.removeprefix("conclusion."), valeur, ligne)
        return self._comparaison(cle, valeur, ligne)

    def _au_moins(self, valeur: Any, ligne: int | None) -> Condition:
        if not isinstance(valeur, dict) or set(valeur) != {"nombre", "parmi"}:
            self.ctx.erreur(ligne, "« au_moins » attend « nombre » et « parmi »")
            return Toutes(())
        nombre, parmi = self._valeur(valeur["nombre"], ligne)[0], valeur["parmi"]
        if not isinstance(parmi, list) or not parmi:
            self.ctx.erreur(ligne, "« au_moins.parmi » attend une liste non vide de conditions")
            return Toutes(())
        if isinstance(nombre, bool) or not isinstance(nombre, int) or not 1 <= nombre <= len(parmi):
            self.ctx.erreur(ligne, f"« au_moins.nombre » doit être un entier de 1 à {len(parmi)}")
            return Toutes(())
        termes = tuple(self.condition(t, _ligne(parmi, ligne), False) for t in parmi)
        return AuMoins(nombre, termes)

    def _valeur(self, brut: Any, ligne: int | None) -> tuple[Any, str | None]:
        if isinstance(brut, str) and brut.startswith("$"):
            nom = brut[1:]
            if nom not in self.parametres:
                self.ctx.erreur(ligne, f"paramètre inconnu « {echapper(nom)} » (voir "
                                       "parametres.yaml)")
                return None, nom
            return self.parametres[nom].valeur, nom
        return brut, None

    def _valeur_simple(self, champ: Champ, v: Any, ligne: int | None) -> Any:
        """Vérifie qu'une valeur convient au champ, et la convertit (oui/non → booléen)."""
        if champ.type == "booleen":
            if not _est_oui_non(v):
                self.ctx.erreur(ligne, f"« {champ.chemin} » est un booléen : écrire oui ou non, "
                                       f"pas « {echapper(v)} »")
                return v
            return _OUI_NON[v]
        if champ.type in ("entier", "decimal"):
            if isinstance(v, bool) or not isinstance(v, int | float):
                self.ctx.erreur(ligne, f"« {champ.chemin} » est un nombre, pas « {echapper(v)} »")
            elif (champ.minimum is not None and v < champ.minimum) or (
                champ.maximum is not None and v > champ.maximum
            ):
                self.ctx.erreur(ligne, f"« {champ.chemin} » va de {champ.minimum} à "
                                       f"{champ.maximum} : la valeur {echapper(v)} est impossible")
            return v
        if v not in champ.valeurs:
            self.ctx.erreur(ligne, f"valeur inconnue « {echapper(v)} » pour « {champ.chemin} » "
                                   f"(valeurs permises : {', '.join(champ.valeurs)})")
        return v

    def _intervalle(self, chemin: str, champ: Champ, operateur: str, valeur: Any,
                    parametre: str | None, ligne: int | None) -> Condition:
        """Un intervalle ``[min, max]`` (bornes comprises) : deux nombres dans l'ordre."""
        if not isinstance(valeur, list) or len(valeur) != 2:
            self.ctx.erreur(ligne, f"« {echapper(operateur)} » attend deux bornes [min, max] "
                                   f"pour « {echapper(chemin)} »")
            return Toutes(())
        bornes = tuple(self._valeur_simple(champ, v, ligne) for v in valeur)
        if all(isinstance(b, int | float) and not isinstance(b, bool) for b in bornes) \
                and bornes[0] > bornes[1]:
            self.ctx.erreur(ligne, f"« {echapper(operateur)} » pour « {echapper(chemin)} » : "
                                   f"la première borne ({echapper(bornes[0])}) dépasse la "
                                   f"seconde ({echapper(bornes[1])})")
            return Toutes(())
        return Comparaison(chemin, operateur, bornes, parametre)

    def _comparaison(self, chemin: Any, brut: Any, ligne: int | None) -> Condition:
        champ = CHAMPS.get(chemin) if isinstance(chemin, str) else None
        if champ is None:
            proches = [c for c in CHAMPS if str(chemin).split(".")[-1] in c]
            aide = f" ; vouliez-vous dire : {', '.join(proches)} ?" if proches else ""
            self.ctx.erreur(ligne, f"champ inconnu « {echapper(chemin)} »{aide}")
            return Toutes(())
        if not isinstance(brut, dict):
            brut = {"egal": brut}
        if len(brut) != 1:
            self.ctx.erreur(ligne, f"« {echapper(chemin)} » : un seul opérateur par condition")
            return Toutes(())
        ((operateur, operande),) = brut.items()
        connus = (*OPERATEURS, *STRUCTURE)
        if operateur not in connus:
            self.ctx.erreur(ligne, f"opérateur inconnu « {echapper(operateur)} » pour "
                                   f"« {echapper(chemin)} » (opérateurs : {', '.join(connus)})")
            return Toutes(())
        valeur, parametre = self._valeur(operande, ligne)
        possibles = permis(champ.type)
        if operateur not in possibles:
            self.ctx.erreur(ligne, f"l'opérateur « {echapper(operateur)} » ne s'applique pas à "
                                   f"« {echapper(chemin)} » ({champ.type} ; opérateurs possibles : "
                                   f"{', '.join(possibles)})")
            return Toutes(())
        if operateur == "renseigne":
            if not _est_oui_non(valeur):
                self.ctx.erreur(ligne, "« renseigne » attend oui ou non")
                return Toutes(())
            if not champ.optionnel:
                self.ctx.erreur(ligne, f"« {echapper(chemin)} » a toujours une valeur : "
                                       "« renseigne » n'a pas de sens")
            return Comparaison(chemin, operateur, _OUI_NON[valeur])
        forme = OPERATEURS[operateur].operande if operateur in OPERATEURS else None
        if forme == "intervalle":
            return self._intervalle(chemin, champ, operateur, valeur, parametre, ligne)
        if forme == "liste" or operateur == "contient_un_de":
            if not isinstance(valeur, list) or not valeur:
                self.ctx.erreur(ligne, f"« {echapper(operateur)} » attend une liste non vide")
                return Toutes(())
            return Comparaison(chemin, operateur,
                               tuple(self._valeur_simple(champ, v, ligne) for v in valeur),
                               parametre)
        if champ.type == "liste":
            if valeur not in champ.valeurs:
                self.ctx.erreur(ligne, f"valeur inconnue « {echapper(valeur)} » pour "
                                       f"« {echapper(chemin)} » (valeurs permises : "
                                       f"{', '.join(champ.valeurs)})")
            return Comparaison(chemin, operateur, valeur, parametre)
        return Comparaison(chemin, operateur, self._valeur_simple(champ, valeur, ligne), parametre)

    def _sur_conclusion(self, sorte: str, brut: Any, ligne: int | None) -> Condition:
        sortes = (*CONCLUSIONS_LISTES, "niveau", "pps", "urgence")
        if sorte not in sortes:
            self.ctx.erreur(ligne, f"conclusion inconnue « conclusion.{sorte} » (sortes : "
                                   f"{', '.join(sortes)})")
            return Toutes(())
        if sorte in ("pps", "urgence"):
            if brut not in ("oui", True):
                self.ctx.erreur(ligne, f"« conclusion.{sorte} » s'écrit « oui » (une conclusion"
                                       " ne se teste pas par son absence)")
            return SurConclusion(sorte, "egal", True)
        if sorte == "niveau":
            valeur = brut.get("egal") if isinstance(brut, dict) else brut
            if not isinstance(valeur, str) or valeur not in self.catalogue.niveaux:
                self.ctx.erreur(ligne, f"niveau inconnu « {echapper(valeur)} » (niveaux : "
                                       f"{', '.join(self.catalogue.niveaux)})")
            return SurConclusion(sorte, "egal", valeur)
        if not isinstance(brut, dict) or len(brut) != 1:
            self.ctx.erreur(ligne, f"« conclusion.{sorte} » attend « contient » ou "
                                   "« nombre_au_moins »")
            return Toutes(())
        ((operateur, operande),) = brut.items()
        valeur, _ = self._valeur(operande, ligne)
        if operateur == "contient":
            self._identifiant(sorte, valeur, ligne)
        elif operateur == "nombre_au_moins":
            if isinstance(valeur, bool) or not isinstance(valeur, int) or valeur < 1:
                self.ctx.erreur(ligne, "« nombre_au_moins » attend un entier ≥ 1")
        else:
            self.ctx.erreur(ligne, f"opérateur inconnu « {echapper(operateur)} » pour « conclusion."
                                   f"{sorte} » (contient, nombre_au_moins)")
        return SurConclusion(sorte, operateur, valeur)

    def _identifiant(self, sorte: str, valeur: Any, ligne: int | None) -> None:
        connus = {
            "secteurs": self.catalogue.secteurs,
            "parcours": self.catalogue.parcours,
            "appuis": self.catalogue.appuis,
            "alertes": self.catalogue.alertes,
            "clusters": self.catalogue.clusters,
        }[sorte]
        if not isinstance(valeur, str) or valeur not in connus:
            self.ctx.erreur(ligne, f"identifiant inconnu « {echapper(valeur)} » dans {sorte} "
                                   f"(connus : {', '.join(connus)})")

    # -- conclusions --
    def conclusions(self, brut: Any, ligne: int | None) -> Conclusions:
        ligne = _ligne(brut, ligne)
        if not isinstance(brut, dict) or not brut:
            self.ctx.erreur(ligne, "« alors » doit donner au moins une conclusion")
            return Conclusions()
        permises = ("niveau", "urgence", "pps", *CONCLUSIONS_LISTES)
        _cles_connues(self.ctx, brut, permises, "« alors »")
        niveau = brut.get("niveau")
        if niveau is not None and (not isinstance(niveau, str)
                                   or niveau not in self.catalogue.niveaux):
            self.ctx.erreur(ligne, f"niveau inconnu « {echapper(niveau)} » (niveaux : "
                                   f"{', '.join(self.catalogue.niveaux)})")
        drapeaux = {}
        for nom in ("urgence", "pps"):
            v = brut.get(nom, "non")
            if not _est_oui_non(v):
                self.ctx.erreur(ligne, f"« {echapper(nom)} » s'écrit oui ou non")
            drapeaux[nom] = _OUI_NON[v] if _est_oui_non(v) else False
        listes: dict[str, tuple[str, ...]] = {}
        for nom in ("secteurs", "parcours", "appuis", "alertes"):
            valeurs = brut.get(nom, [])
            if not isinstance(valeurs, list):
                self.ctx.erreur(ligne, f"« {echapper(nom)} » attend une liste d'identifiants")
                valeurs = []
            for v in valeurs:
                self._identifiant(nom, v, _ligne(valeurs, ligne))
            if all(isinstance(v, str) for v in valeurs) and len(set(valeurs)) != len(valeurs):
                self.ctx.erreur(_ligne(valeurs, ligne), f"« {echapper(nom)} » contient un doublon")
            listes[nom] = tuple(valeurs)
        clusters = []
        brut_clusters = brut.get("clusters", {})
        if not isinstance(brut_clusters, dict):
            self.ctx.erreur(ligne, "« clusters » attend, pour chaque cluster, la liste de ses "
                                   "acteurs")
            brut_clusters = {}
        for cid, acteurs in brut_clusters.items():
            lc = _ligne(brut_clusters, ligne)
            if cid not in self.catalogue.clusters:
                self.ctx.erreur(lc, f"cluster inconnu « {echapper(cid)} » (connus : "
                                    f"{', '.join(self.catalogue.clusters)})")
                continue
            acteurs = acteurs or []
            if not isinstance(acteurs, list):
                self.ctx.erreur(lc, f"les acteurs du cluster « {echapper(cid)} » forment une liste")
                continue
            for a in acteurs:
                if not isinstance(a, str) or a not in self.catalogue.clusters[cid].acteurs:
                    self.ctx.erreur(_ligne(acteurs, lc), f"acteur inconnu « {echapper(a)} » dans "
                                    f"le cluster « {echapper(cid)} » (acteurs connus : "
                                    f"{', '.join(self.catalogue.clusters[cid].acteurs)})")
            clusters.append((cid, tuple(acteurs)))
        return Conclusions(niveau=niveau, clusters=tuple(clusters), **drapeaux, **listes)


def _charger_theme(chemin: Path, analyseur: _Analyseur) -> tuple[str, list[Regle]]:
    ctx = analyseur.ctx
    brut = lire_yaml(chemin)
    if not isinstance(brut, dict):
        ctx.erreur(None, "un fichier de règles est un dictionnaire (theme, description, regles)")
        return "", []
    _cles_connues(ctx, brut, ("theme", "description", "regles"), "le fichier")
    theme = _texte(ctx, brut, "theme", _ligne(brut))
    regles_brutes = brut.get("regles")
    if not isinstance(regles_brutes, list) or not regles_brutes:
        ctx.erreur(_ligne(brut), "« regles » doit être une liste non vide")
        return theme, []
    regles = []
    permises = ("id", "titre", "description", "references", "si", "alors", "note")
    for brut_regle in regles_brutes:
        ctx.regle = None
        if not isinstance(brut_regle, dict):
            ctx.erreur(_ligne(regles_brutes), "chaque règle est un dictionnaire")
            continue
        ligne = _ligne(brut_regle)
        id_regle = brut_regle.get("id")
        ctx.regle = echapper(id_regle) if id_regle else None
        if not isinstance(id_regle, str) or not _ID_REGLE.match(id_regle):
            ctx.erreur(ligne, f"identifiant de règle invalide « {echapper(id_regle)} » (forme "
                              "attendue : R-THEME-NOM, majuscules, chiffres et tirets)")
        _cles_connues(ctx, brut_regle, permises, "la règle")
        for requis in ("si", "alors"):
            if requis not in brut_regle:
                ctx.erreur(ligne, f"« {echapper(requis)} » est obligatoire")
        regles.append(
            Regle(
                id=str(id_regle),
                titre=_texte(ctx, brut_regle, "titre", ligne),
                description=_texte(ctx, brut_regle, "description", ligne),
                references=_references(ctx, brut_regle.get("references"), ligne),
                si=analyseur.condition(brut_regle.get("si", {"toutes": []}), ligne),
                alors=analyseur.conclusions(brut_regle.get("alors"), ligne),
                fichier=chemin.name,
                ligne=ligne or 0,
                theme=theme,
                note=brut_regle.get("note"),
            )
        )
    return theme, regles


def charger_referentiel(dossier: Path | str | Traversable) -> Referentiel:
    """Charge et valide tout le référentiel ; lève ``ErreurReferentiel`` sinon.

    ``dossier`` : un chemin, ou tout dossier lisible comme ``importlib.resources`` les lit
    (``referentiel.memoire.DossierEnMemoire`` : un référentiel modifié ou reçu en zip, essayé
    sans rien écrire sur disque)."""
    dossier = Path(dossier) if isinstance(dossier, str) else dossier
    if not dossier.is_dir():
        raise ErreurReferentiel([f"{dossier} : dossier de règles introuvable"])
    for nom in FICHIERS_SPECIAUX:
        if not (dossier / nom).is_file():
            raise ErreurReferentiel([f"{dossier / nom} : fichier obligatoire introuvable"])
    catalogue = _charger_catalogue(dossier / "catalogue.yaml")
    parametres = _charger_parametres(dossier / "parametres.yaml")
    erreurs: list[str] = []
    regles: list[Regle] = []
    themes: dict[str, str] = {}
    presents = ({p.name for p in dossier.iterdir() if p.name.endswith(".yaml") and p.is_file()}
                - set(FICHIERS_SPECIAUX) - set(FICHIERS_ANNEXES))
    for nom in sorted(presents - set(catalogue.themes)):
        erreurs.append(f"{nom} : fichier de règles absent de la liste « themes » de "
                       "catalogue.yaml (il ne serait pas évalué)")
    for nom in catalogue.themes:
        if nom not in presents:
            erreurs.append(f"catalogue.yaml : le thème « {echapper(nom)} » n'existe pas dans "
                           f"{dossier}")
    fichiers = [dossier / nom for nom in catalogue.themes if nom in presents]
    if not fichiers:
        erreurs.append(f"{dossier} : aucun fichier de règles")
    for chemin in fichiers:
        ctx = _Contexte(chemin.name)
        try:
            theme, du_fichier = _charger_theme(chemin, _Analyseur(ctx, catalogue, parametres))
        except ErreurReferentiel as e:
            erreurs.extend(e.erreurs)
            continue
        erreurs.extend(ctx.erreurs)
        themes[chemin.name] = theme
        regles.extend(du_fichier)
    premier: dict[str, Regle] = {}
    for r in regles:
        if r.id in premier:
            autre = premier[r.id]
            erreurs.append(f"{r.fichier}, ligne {r.ligne}, règle {r.id} : identifiant en double "
                           f"(déjà défini dans {autre.fichier}, ligne {autre.ligne})")
        else:
            premier[r.id] = r
    erreurs.extend(_verifier_vocabulaire(dossier))
    if erreurs:
        raise ErreurReferentiel(erreurs)
    return Referentiel(dossier=dossier, catalogue=catalogue, parametres=parametres,
                       regles=tuple(regles), themes=themes)


def _phrase_valide(phrase: str) -> bool:
    try:
        noms = {nom for _, nom, _, _ in string.Formatter().parse(phrase) if nom is not None}
    except ValueError:  # accolade non refermée
        return False
    return "champ" in noms and noms <= {"champ", "valeur", "min", "max"}


def _verifier_vocabulaire(dossier: Path) -> list[str]:
    """Chaque champ du modèle a un libellé dans vocabulaire.yaml, et chaque libellé un champ
    (un libellé orphelin est souvent un champ mal orthographié)."""
    try:
        vocabulaire = vocabulaire_de(dossier)
    except ErreurReferentiel as e:
        return e.erreurs
    erreurs = [f"{FICHIER_VOCABULAIRE} : le champ « {chemin} » n'a pas de libellé (section "
               "« champs »)" for chemin in CHAMPS if chemin not in vocabulaire.champs]
    erreurs += [f"{FICHIER_VOCABULAIRE}, ligne {vocabulaire.lignes[chemin]} : « {chemin} » n'est "
                "pas un champ de la situation" for chemin in vocabulaire.champs
                if chemin not in CHAMPS]
    erreurs += [f"{FICHIER_VOCABULAIRE} : l'opérateur « {nom} » n'a pas de phrase (section "
                "« operateurs »)" for nom in OPERATEURS if nom not in vocabulaire.operateurs]
    erreurs += [f"{FICHIER_VOCABULAIRE} : « {echapper(nom)} » n'est pas un opérateur de "
                f"comparaison (opérateurs : {', '.join(OPERATEURS)})"
                for nom in vocabulaire.operateurs if nom not in OPERATEURS]
    erreurs += [f"{FICHIER_VOCABULAIRE} : la phrase de l'opérateur « {echapper(nom)} » doit "
                "citer {champ} et ne connaît que {champ}, {valeur}, {min}, {max}"
                for nom, phrase in vocabulaire.operateurs.items() if not _phrase_valide(phrase)]
    return erreurs


@functools.cache
def _referentiel(dossier: str) -> Referentiel:
    return charger_referentiel(dossier)


def referentiel_par_defaut() -> Referentiel:
    """Le référentiel en usage, chargé une fois par processus (et par dossier)."""
    return _referentiel(str(dossier_regles_par_defaut()))
